/**
 * How writers announce a change: `pg_notify` inside the writing transaction.
 *
 * PostgreSQL delivers a NOTIFY only when its transaction commits (and drops it on rollback) to
 * every session that LISTENs, in every server process. SQLite has a `pg_notify` function of our
 * own (db/connect.ts) that publishes on the in-process bus at once; that is still safe, because
 * Kysely drives SQLite through one connection behind a mutex: a listener's read waits for the
 * writing transaction to finish and so sees it committed, or finds nothing new after a rollback.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { encodeSignal, LIVE_CHANNEL } from './channel';

/** Announce a committed-to-be work order write with change number `seq`. Call inside its transaction. */
export async function notifyChanged(trx: Kysely<Database>, seq: number): Promise<void> {
	await sql`select pg_notify(${LIVE_CHANNEL}, ${encodeSignal({ kind: 'orders', seq })})`.execute(trx);
}

/** Announce a new crew position. Call inside the transaction that stores it. */
export async function notifyLocation(trx: Kysely<Database>, crewId: string): Promise<void> {
	await sql`select pg_notify(${LIVE_CHANNEL}, ${encodeSignal({ kind: 'location', crewId })})`.execute(trx);
}
