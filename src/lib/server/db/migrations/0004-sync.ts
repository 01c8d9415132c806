import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../connect';

/** Indexes the sync server leans on; the sync tables themselves are in the initial schema. */
export function syncIndexes(_dialect: DialectName): Migration {
	return {
		async up(db: Kysely<unknown>) {
			// Pull's tombstones: "orders that left this crew since change n".
			await db.schema
				.createIndex('status_history_from_crew_seq')
				.on('status_history')
				.columns(['from_crew_id', 'change_seq'])
				.execute();
			// GET /api/photos/{sha256} checks which orders a photo belongs to.
			await db.schema
				.createIndex('work_order_photos_sha256')
				.on('work_order_photos')
				.column('sha256')
				.execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropIndex('work_order_photos_sha256').execute();
			await db.schema.dropIndex('status_history_from_crew_seq').execute();
		}
	};
}
