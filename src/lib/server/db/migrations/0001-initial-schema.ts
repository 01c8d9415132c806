import { sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../connect';

type Table = CreateTableBuilder<string, never>;

/** An auto-incrementing integer primary key in the dialect's own idiom. */
function withAutoId(table: Table, dialect: DialectName): Table {
	return dialect === 'postgres'
		? table.addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity())
		: table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
}

export function initialSchema(dialect: DialectName): Migration {
	const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
	return {
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('services')
				.addColumn('service_code', 'text', (col) => col.primaryKey())
				.addColumn('service_name', 'text', (col) => col.notNull())
				.addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
				.addColumn('group_name', 'text', (col) => col.notNull().defaultTo(''))
				.addColumn('keywords', 'text', (col) => col.notNull().defaultTo(''))
				.addColumn('type', 'text', (col) => col.notNull().defaultTo('realtime'))
				.addColumn('attributes', 'text', (col) => col.notNull().defaultTo('[]'))
				.addColumn('sla_hours', 'integer', (col) => col.notNull())
				.addColumn('close_requirements', 'text', (col) => col.notNull().defaultTo('{}'))
				.addColumn('department', 'text', (col) => col.notNull().defaultTo(''))
				.addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
				.addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
				.execute();

			await db.schema
				.createTable('crews')
				.addColumn('id', 'text', (col) => col.primaryKey())
				.addColumn('name', 'text', (col) => col.notNull().unique())
				.addColumn('department', 'text', (col) => col.notNull())
				.addColumn('color', 'text', (col) => col.notNull())
				.addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
				.addColumn('created_at', 'text', (col) => col.notNull())
				.execute();

			await db.schema
				.createTable('users')
				.addColumn('id', 'text', (col) => col.primaryKey())
				.addColumn('username', 'text', (col) => col.notNull().unique())
				.addColumn('display_name', 'text', (col) => col.notNull())
				.addColumn('password_hash', 'text', (col) => col.notNull())
				.addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('crew', 'supervisor', 'admin')`))
				.addColumn('crew_id', 'text', (col) => col.references('crews.id'))
				.addColumn('department', 'text')
				.addColumn('disabled_at', 'text')
				.addColumn('created_at', 'text', (col) => col.notNull())
				.execute();

			await db.schema
				.createTable('work_orders')
				.addColumn('id', 'text', (col) => col.primaryKey())
				.addColumn('token', 'text', (col) => col.unique())
				.addColumn('service_code', 'text', (col) => col.notNull().references('services.service_code'))
				.addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
				.addColumn('lat', 'double precision', (col) => col.notNull())
				.addColumn('long', 'double precision', (col) => col.notNull())
				.addColumn('address', 'text')
				.addColumn('address_id', 'text')
				.addColumn('zipcode', 'text')
				.addColumn('media_url', 'text')
				.addColumn('status_notes', 'text')
				.addColumn('agency_responsible', 'text')
				.addColumn('service_notice', 'text')
				.addColumn('requested_at', 'text', (col) => col.notNull())
				.addColumn('updated_at', 'text', (col) => col.notNull())
				.addColumn('expected_at', 'text')
				.addColumn('jurisdiction_id', 'text')
				.addColumn('email', 'text')
				.addColumn('first_name', 'text')
				.addColumn('last_name', 'text')
				.addColumn('phone', 'text')
				.addColumn('reporter_device_id', 'text')
				.addColumn('account_id', 'text')
				.addColumn('attributes', 'text', (col) => col.notNull().defaultTo('{}'))
				.addColumn('source', 'text', (col) => col.notNull())
				.addColumn('priority', 'integer', (col) =>
					col
						.notNull()
						.defaultTo(3)
						.check(sql`priority between 1 and 4`)
				)
				.addColumn('due_at', 'text')
				.addColumn('crew_id', 'text', (col) => col.references('crews.id'))
				.addColumn('route_order', 'integer')
				.addColumn('field_status', 'text', (col) => col.notNull())
				.addColumn('resolution_code', 'text')
				.addColumn('unable_reason', 'text')
				.addColumn('time_on_site_minutes', 'integer')
				.addColumn('materials', 'text', (col) => col.notNull().defaultTo('[]'))
				.addColumn('assigned_at', 'text')
				.addColumn('started_at', 'text')
				.addColumn('closed_at', 'text')
				.addColumn('duplicate_of', 'text', (col) => col.references('work_orders.id'))
				.addColumn('needs_review', 'integer', (col) => col.notNull().defaultTo(0))
				.addColumn('created_by_user_id', 'text', (col) => col.references('users.id'))
				.addColumn('change_seq', 'bigint', (col) => col.notNull())
				.execute();
			await db.schema
				.createIndex('work_orders_crew_seq')
				.on('work_orders')
				.columns(['crew_id', 'change_seq'])
				.execute();
			await db.schema.createIndex('work_orders_seq').on('work_orders').column('change_seq').execute();
			await db.schema.createIndex('work_orders_status').on('work_orders').column('field_status').execute();
			await db.schema.createIndex('work_orders_requested').on('work_orders').column('requested_at').execute();
			await db.schema.createIndex('work_orders_service').on('work_orders').column('service_code').execute();

			await db.schema
				.createTable('notes')
				.addColumn('id', 'text', (col) => col.primaryKey())
				.addColumn('work_order_id', 'text', (col) => col.notNull().references('work_orders.id'))
				.addColumn('author_user_id', 'text', (col) => col.references('users.id'))
				.addColumn('author_kind', 'text', (col) => col.notNull())
				.addColumn('body', 'text', (col) => col.notNull())
				.addColumn('visibility', 'text', (col) =>
					col.notNull().check(sql`visibility in ('internal', 'public')`)
				)
				.addColumn('late_report', 'integer', (col) => col.notNull().defaultTo(0))
				.addColumn('captured_at', 'text', (col) => col.notNull())
				.addColumn('received_at', 'text', (col) => col.notNull())
				.execute();
			await db.schema.createIndex('notes_order').on('notes').column('work_order_id').execute();

			await db.schema
				.createTable('photos')
				.addColumn('sha256', 'text', (col) => col.primaryKey())
				.addColumn('size', 'integer', (col) => col.notNull())
				.addColumn('content_type', 'text', (col) => col.notNull())
				.addColumn('width', 'integer')
				.addColumn('height', 'integer')
				.addColumn('storage', 'text', (col) => col.notNull())
				.addColumn('received_at', 'text', (col) => col.notNull())
				.execute();

			await db.schema
				.createTable('photo_blobs')
				.addColumn('sha256', 'text', (col) => col.primaryKey().references('photos.sha256'))
				.addColumn('data', bytes, (col) => col.notNull())
				.execute();

			await db.schema
				.createTable('work_order_photos')
				.addColumn('id', 'text', (col) => col.primaryKey())
				.addColumn('work_order_id', 'text', (col) => col.notNull().references('work_orders.id'))
				.addColumn('sha256', 'text', (col) => col.notNull().references('photos.sha256'))
				.addColumn('kind', 'text', (col) => col.notNull())
				.addColumn('author_user_id', 'text', (col) => col.references('users.id'))
				.addColumn('late_report', 'integer', (col) => col.notNull().defaultTo(0))
				.addColumn('captured_at', 'text', (col) => col.notNull())
				.addColumn('received_at', 'text', (col) => col.notNull())
				.execute();
			await db.schema
				.createIndex('work_order_photos_order')
				.on('work_order_photos')
				.column('work_order_id')
				.execute();

			await withAutoId(db.schema.createTable('status_history'), dialect)
				.addColumn('work_order_id', 'text', (col) => col.notNull().references('work_orders.id'))
				.addColumn('at', 'text', (col) => col.notNull())
				.addColumn('actor_user_id', 'text', (col) => col.references('users.id'))
				.addColumn('actor_kind', 'text', (col) => col.notNull())
				.addColumn('action', 'text', (col) => col.notNull())
				.addColumn('from_status', 'text')
				.addColumn('to_status', 'text')
				.addColumn('from_crew_id', 'text')
				.addColumn('to_crew_id', 'text')
				.addColumn('detail', 'text', (col) => col.notNull().defaultTo('{}'))
				.addColumn('change_seq', 'bigint', (col) => col.notNull())
				.execute();
			await db.schema
				.createIndex('status_history_order')
				.on('status_history')
				.column('work_order_id')
				.execute();
			await db.schema.createIndex('status_history_seq').on('status_history').column('change_seq').execute();

			await db.schema
				.createTable('devices')
				.addColumn('id', 'text', (col) => col.primaryKey())
				.addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
				.addColumn('label', 'text', (col) => col.notNull().defaultTo(''))
				.addColumn('user_agent', 'text', (col) => col.notNull().defaultTo(''))
				.addColumn('last_mutation_id', 'integer', (col) => col.notNull().defaultTo(0))
				.addColumn('last_seen_at', 'text')
				.addColumn('revoked_at', 'text')
				.addColumn('created_at', 'text', (col) => col.notNull())
				.execute();

			await db.schema
				.createTable('sessions')
				.addColumn('id', 'text', (col) => col.primaryKey())
				.addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
				.addColumn('device_id', 'text', (col) => col.references('devices.id'))
				.addColumn('created_at', 'text', (col) => col.notNull())
				.addColumn('expires_at', 'text', (col) => col.notNull())
				.addColumn('last_seen_at', 'text', (col) => col.notNull())
				.addColumn('revoked_at', 'text')
				.addColumn('user_agent', 'text', (col) => col.notNull().defaultTo(''))
				.addColumn('ip', 'text', (col) => col.notNull().defaultTo(''))
				.execute();
			await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

			await db.schema
				.createTable('api_keys')
				.addColumn('id', 'text', (col) => col.primaryKey())
				.addColumn('key_hash', 'text', (col) => col.notNull().unique())
				.addColumn('key_prefix', 'text', (col) => col.notNull())
				.addColumn('label', 'text', (col) => col.notNull())
				.addColumn('created_by_user_id', 'text', (col) => col.references('users.id'))
				.addColumn('created_at', 'text', (col) => col.notNull())
				.addColumn('revoked_at', 'text')
				.addColumn('last_used_at', 'text')
				.execute();

			await db.schema
				.createTable('mutation_log')
				.addColumn('device_id', 'text', (col) => col.notNull().references('devices.id'))
				.addColumn('mutation_id', 'integer', (col) => col.notNull())
				.addColumn('name', 'text', (col) => col.notNull())
				.addColumn('work_order_id', 'text')
				.addColumn('outcome', 'text', (col) =>
					col.notNull().check(sql`outcome in ('applied', 'refused', 'late')`)
				)
				.addColumn('reason', 'text')
				.addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
				.addColumn('captured_at', 'text', (col) => col.notNull())
				.addColumn('received_at', 'text', (col) => col.notNull())
				.addPrimaryKeyConstraint('mutation_log_pk', ['device_id', 'mutation_id'])
				.execute();

			await withAutoId(db.schema.createTable('crew_locations'), dialect)
				.addColumn('crew_id', 'text', (col) => col.notNull().references('crews.id'))
				.addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
				.addColumn('lat', 'double precision', (col) => col.notNull())
				.addColumn('long', 'double precision', (col) => col.notNull())
				.addColumn('accuracy_m', 'double precision')
				.addColumn('captured_at', 'text', (col) => col.notNull())
				.addColumn('received_at', 'text', (col) => col.notNull())
				.execute();
			await db.schema
				.createIndex('crew_locations_crew_time')
				.on('crew_locations')
				.columns(['crew_id', 'captured_at'])
				.execute();

			await db.schema
				.createTable('change_counter')
				.addColumn('id', 'integer', (col) => col.primaryKey())
				.addColumn('value', 'bigint', (col) => col.notNull())
				.execute();
			await sql`insert into change_counter (id, value) values (1, 0)`.execute(db);
		},

		async down(db: Kysely<unknown>) {
			const tables = [
				'change_counter',
				'crew_locations',
				'mutation_log',
				'api_keys',
				'sessions',
				'devices',
				'status_history',
				'work_order_photos',
				'photo_blobs',
				'photos',
				'notes',
				'work_orders',
				'users',
				'crews',
				'services'
			];
			for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
		}
	};
}
