import { describe, expect, it } from 'vitest';
import {
	decodeCursor,
	encodeCursor,
	isMutationName,
	isProcessed,
	isRetryable,
	PHOTO_MISSING
} from './protocol';

describe('sync protocol', () => {
	it('[S14] round-trips a cursor and refuses anything it did not make', () => {
		expect(decodeCursor(encodeCursor(0))).toBe(0);
		expect(decodeCursor(encodeCursor(123456))).toBe(123456);
		for (const bad of ['', '12', 'v1.', 'v1.-1', 'v2.5', 'v1.1e3', 'v1.9999999999999999']) {
			expect(decodeCursor(bad), bad).toBeNull();
		}
	});

	it('[S8] only a photo-missing refusal is retryable; every other result is final', () => {
		expect(isRetryable({ id: 1, outcome: 'refused', reason: PHOTO_MISSING })).toBe(true);
		expect(isProcessed({ id: 1, outcome: 'refused', reason: PHOTO_MISSING })).toBe(false);
		for (const outcome of ['applied', 'late', 'duplicate', 'refused'] as const) {
			expect(isProcessed({ id: 1, outcome, reason: 'Order is closed.' })).toBe(true);
		}
	});

	it('knows the mutation names', () => {
		expect(isMutationName('closeOrder')).toBe(true);
		expect(isMutationName('constructor')).toBe(false);
		expect(isMutationName(3)).toBe(false);
	});
});
