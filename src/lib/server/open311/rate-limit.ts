/** POST requests per API key, counted in fixed windows stored in the database. */
import type { Repositories } from '../repositories';
import type { Open311Config } from './config';
import { Open311Error } from './errors';

/** Old windows are pruned now and then rather than on every request. */
const PRUNE_EVERY = 100;
let hitsSincePrune = 0;

export async function enforceRateLimit(
	repos: Repositories,
	keyId: string,
	config: Open311Config['rateLimit'],
	now: Date
): Promise<void> {
	const windowMs = config.windowSeconds * 1000;
	const startMs = Math.floor(now.getTime() / windowMs) * windowMs;
	const count = await repos.rateLimits.hit(keyId, new Date(startMs).toISOString());
	if (++hitsSincePrune >= PRUNE_EVERY) {
		hitsSincePrune = 0;
		await repos.rateLimits.prune(new Date(startMs - windowMs).toISOString());
	}
	if (count > config.limit) {
		const retryAfter = Math.max(1, Math.ceil((startMs + windowMs - now.getTime()) / 1000));
		throw new Open311Error(
			429,
			`Too many requests for this api_key: at most ${config.limit} every ${config.windowSeconds} seconds. Try again in ${retryAfter} seconds.`,
			{ 'retry-after': String(retryAfter) }
		);
	}
}
