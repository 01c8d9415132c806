import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Fixed-window request counters, in the database so that every server process counts together. */
export class RateLimitRepository {
	constructor(private readonly db: Kysely<Database>) {}

	/** Counts one request in the key's window and returns the window's count including it. */
	async hit(keyId: string, windowStart: string): Promise<number> {
		const row = await this.db
			.insertInto('api_rate_limits')
			.values({ key_id: keyId, window_start: windowStart, count: 1 })
			.onConflict((conflict) =>
				conflict
					.columns(['key_id', 'window_start'])
					.doUpdateSet((eb) => ({ count: eb('api_rate_limits.count', '+', 1) }))
			)
			.returning('count')
			.executeTakeFirstOrThrow();
		return Number(row.count);
	}

	/** Forgets windows that ended before `before`. */
	async prune(before: string): Promise<number> {
		const result = await this.db
			.deleteFrom('api_rate_limits')
			.where('window_start', '<', before)
			.executeTakeFirst();
		return Number(result.numDeletedRows);
	}
}
