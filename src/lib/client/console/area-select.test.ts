import { describe, expect, it } from 'vitest';
import {
	boxRing,
	closeRing,
	ringContains,
	type AreaRing,
	type LngLatPair
} from '$lib/domain/map/area-selection';
import { ordersWithin, turfRingContains } from './area-select';

describe('map area selection with turf', () => {
	it('selects the orders inside a drawn box', () => {
		const orders = [
			{ id: 'CS-1', long: -85.63, lat: 41.94 },
			{ id: 'CS-2', long: -85.62, lat: 41.95 },
			{ id: 'CS-3', long: -85.6, lat: 41.97 }
		];
		expect(ordersWithin(orders, boxRing([-85.64, 41.93], [-85.61, 41.96]))).toEqual(['CS-1', 'CS-2']);
	});

	it('agrees with the pure ray-casting rule on a concave lasso', () => {
		const lasso = closeRing([
			[0, 0],
			[4, 0],
			[4, 4],
			[3, 4],
			[3, 1],
			[1, 1],
			[1, 4],
			[0, 4]
		]) as AreaRing;
		for (let x = 0.25; x < 4; x += 0.5) {
			for (let y = 0.25; y < 4; y += 0.5) {
				const at: LngLatPair = [x, y];
				expect(turfRingContains(at, lasso), `${x},${y}`).toBe(ringContains(at, lasso));
			}
		}
	});
});
