import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../connect';

/**
 * Open311: updates posted by outside systems (FixMyStreet's servicerequestupdates), the per-key
 * rate-limit counters, and the auto-assign rules applied to new requests.
 */
export function open311Schema(_dialect: DialectName): Migration {
	return {
		async up(db: Kysely<unknown>) {
			// The primary key on update_id is what makes a retried POST safe: a repeat cannot insert.
			await db.schema
				.createTable('open311_updates')
				.addColumn('update_id', 'text', (col) => col.primaryKey())
				.addColumn('service_request_id', 'text', (col) => col.notNull().references('work_orders.id'))
				.addColumn('api_key_id', 'text', (col) => col.references('api_keys.id'))
				.addColumn('status', 'text', (col) => col.notNull())
				.addColumn('description', 'text')
				.addColumn('media_url', 'text')
				.addColumn('updated_at', 'text', (col) => col.notNull())
				.addColumn('received_at', 'text', (col) => col.notNull())
				.addColumn('effect', 'text', (col) => col.notNull())
				.execute();
			await db.schema
				.createIndex('open311_updates_request')
				.on('open311_updates')
				.column('service_request_id')
				.execute();

			// Fixed windows: one row per key per window, shared by every server process.
			await db.schema
				.createTable('api_rate_limits')
				.addColumn('key_id', 'text', (col) => col.notNull())
				.addColumn('window_start', 'text', (col) => col.notNull())
				.addColumn('count', 'integer', (col) => col.notNull())
				.addPrimaryKeyConstraint('api_rate_limits_pk', ['key_id', 'window_start'])
				.execute();

			await db.schema
				.createTable('auto_assign_rules')
				.addColumn('id', 'text', (col) => col.primaryKey())
				.addColumn('service_code', 'text', (col) => col.notNull().references('services.service_code'))
				.addColumn('west', 'double precision')
				.addColumn('south', 'double precision')
				.addColumn('east', 'double precision')
				.addColumn('north', 'double precision')
				.addColumn('crew_id', 'text', (col) => col.notNull().references('crews.id'))
				.addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
				.addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
				.addColumn('created_at', 'text', (col) => col.notNull())
				.execute();

			// GET servicerequestupdates reads the history by time.
			await db.schema.createIndex('status_history_at').on('status_history').column('at').execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropIndex('status_history_at').execute();
			await db.schema.dropTable('auto_assign_rules').execute();
			await db.schema.dropTable('api_rate_limits').execute();
			await db.schema.dropTable('open311_updates').execute();
		}
	};
}
