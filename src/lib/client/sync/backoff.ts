/**
 * When to try again after a failed sync: exponential backoff with "full jitter", so a fleet of
 * tablets that lost the network together does not come back in lockstep and flatten the server.
 */
export interface BackoffPolicy {
	baseMs: number;
	maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * Delay before retry number `attempt` (1 = first retry). The ceiling doubles each attempt up to
 * `maxMs`; the delay is uniform in [ceiling / 2, ceiling] so it never collapses to an instant retry.
 * `random` returns a number in [0, 1) and is injected so tests are deterministic.
 */
export function backoffDelay(
	attempt: number,
	random: () => number = Math.random,
	policy: BackoffPolicy = DEFAULT_BACKOFF
): number {
	const exponent = Math.max(0, Math.min(attempt - 1, 30));
	const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
	const half = ceiling / 2;
	return Math.round(half + random() * half);
}
