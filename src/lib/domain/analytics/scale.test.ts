import { describe, expect, it } from 'vitest';
import { labelStride, niceTicks } from './scale';

describe('chart scales', () => {
	it('picks round steps that cover the largest value', () => {
		expect(niceTicks(17)).toEqual([0, 5, 10, 15, 20]);
		expect(niceTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
		expect(niceTicks(0.7)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
		expect(niceTicks(0)).toEqual([0, 1]);
	});

	it('thins labels to fit', () => {
		expect(labelStride(8, 12)).toBe(1);
		expect(labelStride(105, 12)).toBe(9);
	});
});
