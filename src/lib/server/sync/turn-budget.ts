/**
 * Sync requests take turns with the event loop. On SQLite every query runs synchronously
 * (better-sqlite3), so a request never gives the loop a turn between its queries, and one turn of
 * the loop serves every request that became ready in it from start to end. Node accepts one new
 * connection per turn: under the server-load bench (issue #9) turns of 100-500 ms let the connected
 * devices loop while 200 others sat in the kernel's accept queue for up to 30 s and timed out
 * (PostgreSQL's driver waits on a socket for every query, so it never had this). A sync request
 * therefore waits for the next turn when the current one has already spent `TURN_BUDGET_MS`.
 */
import { setImmediate } from 'node:timers';

/**
 * How long one turn of the event loop may spend starting sync work before the loop gets a turn
 * (new connections accepted, requests read, answers written). A yield costs microseconds.
 */
const TURN_BUDGET_MS = 4;

/**
 * Measures how long the current turn has been handing out work, and makes the caller wait for the
 * next turn once that passes the budget. A turn starts with the first call in it; a setImmediate
 * queued then marks its end (it runs after the loop's poll phase). setImmediate comes from
 * node:timers, so a test's fake timers cannot stop it.
 */
export class TurnBudget {
	private turnStartedAt: number | null = null;

	constructor(private readonly budgetMs: number) {}

	async pace(): Promise<void> {
		// Waiters resume in the order they yielded; those the next turn has no room for wait again,
		// still in order, ahead of anyone who came later.
		while (this.turnStartedAt !== null && performance.now() - this.turnStartedAt >= this.budgetMs)
			await new Promise<void>((resolve) => setImmediate(resolve));
		if (this.turnStartedAt === null) {
			this.turnStartedAt = performance.now();
			setImmediate(() => (this.turnStartedAt = null));
		}
	}
}

/** One budget for every sync request of this process. */
export const syncTurns = new TurnBudget(TURN_BUDGET_MS);
