/**
 * The sync routes tie a session to the device it syncs from (revocation.ts) after every successful
 * push and pull. Only the first one changes anything: a session's device is set once and never
 * cleared. This process remembers which sessions it has seen bound, so the hundreds of sync
 * requests a fleet sends a minute do not each run an UPDATE (on SQLite, a write lock) that
 * matches no row. Another process simply runs that no-op UPDATE once itself.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { bindSessionToDevice } from './revocation';

/** Past this many remembered sessions the memory starts over (a few hundred KB at most). */
const REMEMBERED = 20_000;
const bound = new Set<string>();

/**
 * Call only after the sync service accepted `deviceId` as this user's own (a 200 answer): the
 * session is then bound when this returns, to this device or to the one it was bound to before.
 */
export async function bindSessionOnce(
	db: Kysely<Database>,
	sessionId: string,
	userId: string,
	deviceId: string
): Promise<void> {
	if (!deviceId || bound.has(sessionId)) return;
	await bindSessionToDevice(db, sessionId, userId, deviceId);
	if (bound.size >= REMEMBERED) bound.clear();
	bound.add(sessionId);
}
