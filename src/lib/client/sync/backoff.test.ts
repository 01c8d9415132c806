import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const policy = { baseMs: 1_000, maxMs: 60_000 };

describe('backoffDelay', () => {
	it('[S21] doubles its ceiling per attempt and never goes below half of it', () => {
		for (let attempt = 1; attempt <= 6; attempt++) {
			const ceiling = Math.min(60_000, 1_000 * 2 ** (attempt - 1));
			expect(backoffDelay(attempt, () => 0, policy)).toBe(ceiling / 2);
			expect(backoffDelay(attempt, () => 0.999999, policy)).toBe(ceiling);
		}
	});

	it('[S21] is capped at maxMs however many attempts failed', () => {
		for (const attempt of [7, 20, 1_000]) {
			expect(backoffDelay(attempt, () => 0.999999, policy)).toBeLessThanOrEqual(60_000);
			expect(backoffDelay(attempt, () => 0, policy)).toBeGreaterThanOrEqual(30_000);
		}
	});

	it('[S21] spreads devices out: different random draws give different delays', () => {
		const delays = new Set([0.1, 0.4, 0.7, 0.9].map((r) => backoffDelay(4, () => r, policy)));
		expect(delays.size).toBe(4);
	});
});
