/**
 * Slows down password guessing without locking real people out for long.
 *
 * Per username: 5 free failures in a 15-minute window, then each further attempt must wait
 * 2^(n-5) seconds after the last failure, capped at 15 minutes. Per address: 50 failures per window
 * (a depot's shared connection serves many crews), then the same back-off. The key is the name
 * as typed, whether or not such a user exists, so the throttle tells nothing about who exists.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_WAIT_MS = 15 * 60 * 1000;
const FREE_FAILURES = { user: 5, ip: 50 } as const;

export type ThrottleCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class SignInThrottle {
	constructor(private readonly db: Kysely<Database>) {}

	async check(username: string, ip: string, now: Date): Promise<ThrottleCheck> {
		let wait = 0;
		for (const [kind, key] of keysFor(username, ip)) {
			const row = await this.db
				.selectFrom('sign_in_failures')
				.selectAll()
				.where('key', '=', key)
				.executeTakeFirst();
			if (!row || now.getTime() - Date.parse(row.first_failed_at) > WINDOW_MS) continue;
			const over = row.failures - FREE_FAILURES[kind];
			if (over < 0) continue;
			const until = Date.parse(row.last_failed_at) + Math.min(MAX_WAIT_MS, 1000 * 2 ** over);
			wait = Math.max(wait, until - now.getTime());
		}
		return wait > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { allowed: true };
	}

	async recordFailure(username: string, ip: string, now: Date): Promise<void> {
		const at = now.toISOString();
		const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString();
		for (const [, key] of keysFor(username, ip)) {
			await this.db.transaction().execute(async (trx) => {
				const row = await trx
					.selectFrom('sign_in_failures')
					.selectAll()
					.where('key', '=', key)
					.executeTakeFirst();
				if (!row) {
					await trx
						.insertInto('sign_in_failures')
						.values({ key, failures: 1, first_failed_at: at, last_failed_at: at })
						.onConflict((conflict) =>
							conflict.column('key').doUpdateSet((eb) => ({
								failures: eb('sign_in_failures.failures', '+', 1),
								last_failed_at: at
							}))
						)
						.execute();
				} else if (row.first_failed_at < windowStart) {
					await trx
						.updateTable('sign_in_failures')
						.set({ failures: 1, first_failed_at: at, last_failed_at: at })
						.where('key', '=', key)
						.execute();
				} else {
					await trx
						.updateTable('sign_in_failures')
						.set((eb) => ({ failures: eb('failures', '+', 1), last_failed_at: at }))
						.where('key', '=', key)
						.execute();
				}
			});
		}
	}

	/** A successful sign-in clears the name's count (not the address's: one success proves nothing about the rest). */
	async recordSuccess(username: string): Promise<void> {
		await this.db.deleteFrom('sign_in_failures').where('key', '=', userKey(username)).execute();
	}
}

function userKey(username: string): string {
	return `user:${username.trim().toLowerCase()}`;
}

function keysFor(username: string, ip: string): [keyof typeof FREE_FAILURES, string][] {
	const keys: [keyof typeof FREE_FAILURES, string][] = [['user', userKey(username)]];
	if (ip) keys.push(['ip', `ip:${ip}`]);
	return keys;
}
