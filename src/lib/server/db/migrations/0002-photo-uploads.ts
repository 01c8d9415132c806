import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../connect';

/**
 * Unfinished photo uploads, one row per received chunk. Kept in the database (not in a process or
 * a local folder) so an upload cut off on one server process can be resumed through another.
 */
export function photoUploads(dialect: DialectName): Migration {
	const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
	return {
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('photo_upload_chunks')
				.addColumn('sha256', 'text', (col) => col.notNull())
				.addColumn('offset', 'integer', (col) => col.notNull())
				.addColumn('size', 'integer', (col) => col.notNull())
				.addColumn('data', bytes, (col) => col.notNull())
				.addColumn('received_at', 'text', (col) => col.notNull())
				.addPrimaryKeyConstraint('photo_upload_chunks_pk', ['sha256', 'offset'])
				.execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropTable('photo_upload_chunks').execute();
		}
	};
}
