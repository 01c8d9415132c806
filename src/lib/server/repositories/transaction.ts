import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Runs `work` inside a transaction, joining the caller's transaction when there already is one,
 * so a repository method is atomic on its own and also composes into a larger unit of work.
 */
export async function inTransaction<T>(
	db: Kysely<Database>,
	work: (trx: Kysely<Database>) => Promise<T>
): Promise<T> {
	if (db.isTransaction) return work(db);
	return db.transaction().execute(work);
}
