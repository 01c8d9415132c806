/**
 * Runs a command-line task against the database the server uses (DATA_DIR, or DATABASE_URL for
 * PostgreSQL): opens and migrates it, runs the task, always closes it, and exits with the task's
 * status. A thrown error becomes a message and status 2, never a stack trace for an operator.
 */
import { databaseConfigFromEnv } from '../src/lib/server/db/config';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { repositories, type Repositories } from '../src/lib/server/repositories';

export async function runWithDatabase(task: (repos: Repositories) => Promise<number>): Promise<never> {
	let status = 1;
	let handle: ReturnType<typeof openDatabase> | undefined;
	try {
		handle = openDatabase(databaseConfigFromEnv());
		await migrateToLatest(handle);
		status = await task(repositories(handle.db));
	} catch (cause) {
		console.error(cause instanceof Error ? cause.message : cause);
		status = 2;
	} finally {
		await handle?.close();
	}
	process.exit(status);
}
