import type { Kysely } from 'kysely';
import { notifyChanged } from '../live/notify';
import type { Database } from './schema';

/**
 * Advances the change sequence and returns the new value. Call it inside the transaction that
 * writes the work order.
 *
 * A one-row counter, not a database SEQUENCE, on purpose: the row lock is held until the writing
 * transaction commits, so change numbers become visible in the order they were handed out. With a
 * SEQUENCE, a transaction holding number 7 could commit after one holding 8, and a device that
 * pulled up to 8 in between would never see 7.
 */
export async function nextChangeSeq(trx: Kysely<Database>): Promise<number> {
	const row = await trx
		.updateTable('change_counter')
		.set((eb) => ({ value: eb('value', '+', 1) }))
		.where('id', '=', 1)
		.returning('value')
		.executeTakeFirstOrThrow();
	// Every order write passes here, so this is the one place the console's live feed hears of it;
	// the signal is delivered when (and only if) the transaction commits.
	await notifyChanged(trx, row.value);
	return row.value;
}

/** The last change number handed out (the newest possible sync cursor). */
export async function currentChangeSeq(db: Kysely<Database>): Promise<number> {
	const row = await db
		.selectFrom('change_counter')
		.select('value')
		.where('id', '=', 1)
		.executeTakeFirstOrThrow();
	return row.value;
}
