import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../connect';

/**
 * Who disabled which account or signed out which device, and when: administrators need to answer
 * "who locked this crew member out?" long after the fact. Append-only; nothing updates a row.
 */
export function securityEvents(dialect: DialectName): Migration {
	return {
		async up(db: Kysely<unknown>) {
			const table = db.schema.createTable('security_events');
			await (
				dialect === 'postgres'
					? table.addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity())
					: table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
			)
				.addColumn('at', 'text', (col) => col.notNull())
				.addColumn('actor_user_id', 'text')
				.addColumn('action', 'text', (col) => col.notNull())
				.addColumn('subject_user_id', 'text')
				.addColumn('subject_device_id', 'text')
				.addColumn('detail', 'text', (col) => col.notNull().defaultTo('{}'))
				.execute();
			await db.schema
				.createIndex('security_events_subject_user')
				.on('security_events')
				.columns(['subject_user_id', 'at'])
				.execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropTable('security_events').execute();
		}
	};
}
