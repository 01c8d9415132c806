import { Migrator, type MigrationResult } from 'kysely';
import type { DatabaseHandle } from './connect';
import { migrationsFor } from './migrations';

/** Brings the schema up to date. Safe to run on every start and from several processes at once. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<MigrationResult[]> {
	const migrator = new Migrator({
		db: handle.db,
		provider: { getMigrations: async () => migrationsFor(handle.dialect) }
	});
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const failed = results?.find((result) => result.status === 'Error');
		throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, {
			cause: error
		});
	}
	return results ?? [];
}
