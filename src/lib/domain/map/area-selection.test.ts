import { describe, expect, it } from 'vitest';
import { boxRing, closeRing, idsWithin, ringContains, type AreaRing } from './area-selection';

const pins = [
	{ id: 'CS-1', long: -85.63, lat: 41.94 },
	{ id: 'CS-2', long: -85.62, lat: 41.95 },
	{ id: 'CS-3', long: -85.6, lat: 41.97 }
];

describe('selecting orders by drawing an area on the map', () => {
	it('makes a closed box ring whichever way the box was dragged', () => {
		const forward = boxRing([-85.64, 41.93], [-85.61, 41.96]);
		const backward = boxRing([-85.61, 41.96], [-85.64, 41.93]);
		expect(forward).toEqual(backward);
		expect(forward).toHaveLength(5);
		expect(forward[0]).toEqual(forward[4]);
	});

	it('selects exactly the pins inside the box', () => {
		expect(idsWithin(pins, boxRing([-85.64, 41.93], [-85.61, 41.96]))).toEqual(['CS-1', 'CS-2']);
		expect(idsWithin(pins, boxRing([-85.0, 40.0], [-84.0, 41.0]))).toEqual([]);
	});

	it('counts a pin on the edge of the box as inside', () => {
		expect(idsWithin(pins, boxRing([-85.63, 41.94], [-85.62, 41.95]))).toEqual(['CS-1', 'CS-2']);
	});

	it('follows a lasso: a concave outline leaves out what is in its notch', () => {
		// A "U" open to the north: CS-2 sits in the notch, CS-1 and CS-3 on the arms.
		const lasso = closeRing([
			[-85.64, 41.93],
			[-85.59, 41.93],
			[-85.59, 41.98],
			[-85.61, 41.98],
			[-85.61, 41.945],
			[-85.625, 41.945],
			[-85.625, 41.98],
			[-85.64, 41.98]
		]) as AreaRing;
		expect(idsWithin(pins, lasso)).toEqual(['CS-1', 'CS-3']);
	});

	it('closes a drawn path, and refuses one that encloses nothing', () => {
		expect(
			closeRing([
				[0, 0],
				[1, 0],
				[1, 1]
			])
		).toEqual([
			[0, 0],
			[1, 0],
			[1, 1],
			[0, 0]
		]);
		expect(
			closeRing([
				[0, 0],
				[0, 0],
				[1, 1]
			])
		).toBeNull();
		expect(closeRing([])).toBeNull();
	});

	it('uses the containment test it is given', () => {
		const everything = () => true;
		expect(idsWithin(pins, boxRing([0, 0], [1, 1]), everything)).toEqual(['CS-1', 'CS-2', 'CS-3']);
		expect(ringContains([0.5, 0.5], boxRing([0, 0], [1, 1]))).toBe(true);
		expect(ringContains([1.5, 0.5], boxRing([0, 0], [1, 1]))).toBe(false);
	});
});
