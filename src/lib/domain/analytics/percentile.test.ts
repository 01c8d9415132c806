import { describe, expect, it } from 'vitest';
import { percentile, spreadOf } from './percentile';

describe('percentile (linear interpolation between closest ranks)', () => {
	it('gives the textbook median and a hand-computed 90th percentile', () => {
		const hours = [7, 3, 10, 1, 5, 2, 9, 4, 8, 6];
		// Sorted 1..10: median at h = 4.5 -> 5 + 0.5 * 1; p90 at h = 8.1 -> 9 + 0.1 * 1.
		expect(percentile(hours, 0.5)).toBe(5.5);
		expect(percentile(hours, 0.9)).toBeCloseTo(9.1, 10);
		expect(hours[0]).toBe(7);
	});

	it('returns the middle value for an odd count and the extremes at 0 and 1', () => {
		expect(percentile([30, 10, 20], 0.5)).toBe(20);
		expect(percentile([30, 10, 20], 0)).toBe(10);
		expect(percentile([30, 10, 20], 1)).toBe(30);
	});

	it('handles one value and no values', () => {
		expect(spreadOf([4])).toEqual({ count: 1, median: 4, p90: 4 });
		expect(spreadOf([])).toEqual({ count: 0, median: null, p90: null });
	});

	it('refuses a fraction outside 0..1', () => {
		expect(() => percentile([1], 90)).toThrow(RangeError);
	});
});
