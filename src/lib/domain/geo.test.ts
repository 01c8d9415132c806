import { describe, expect, it } from 'vitest';
import { bboxContains, haversineMeters, isValidLatLong } from './geo';

describe('isValidLatLong', () => {
	it.each([
		[41.94, -85.63, true],
		[90, 180, true],
		[-90, -180, true],
		[90.0001, 0, false],
		[0, -180.5, false],
		[Number.NaN, 0, false],
		[0, Number.POSITIVE_INFINITY, false],
		['41.9', -85, false],
		[null, 0, false]
	])('(%j, %j) -> %j', (lat, long, expected) => {
		expect(isValidLatLong(lat, long)).toBe(expected);
	});
});

describe('haversineMeters', () => {
	it('is zero for the same point and symmetric', () => {
		const a = { lat: 41.9437, long: -85.6325 };
		const b = { lat: 41.9537, long: -85.6325 };
		expect(haversineMeters(a, a)).toBe(0);
		expect(haversineMeters(a, b)).toBeCloseTo(haversineMeters(b, a), 9);
	});

	it('measures a hundredth of a degree of latitude as about 1.11 km', () => {
		expect(haversineMeters({ lat: 41.94, long: -85.63 }, { lat: 41.95, long: -85.63 })).toBeCloseTo(
			1111.95,
			1
		);
	});

	it('handles long distances and antipodes', () => {
		// London to Paris, about 344 km on the sphere.
		const km = haversineMeters({ lat: 51.5074, long: -0.1278 }, { lat: 48.8566, long: 2.3522 }) / 1000;
		expect(km).toBeGreaterThan(340);
		expect(km).toBeLessThan(347);
		expect(haversineMeters({ lat: 0, long: 0 }, { lat: 0, long: 180 })).toBeCloseTo(Math.PI * 6_371_008.8, 3);
	});
});

describe('bboxContains', () => {
	const threeRivers = { west: -85.66, south: 41.93, east: -85.6, north: 41.96 };

	it('contains points inside and on the edges', () => {
		expect(bboxContains(threeRivers, { lat: 41.94, long: -85.63 })).toBe(true);
		expect(bboxContains(threeRivers, { lat: 41.93, long: -85.66 })).toBe(true);
		expect(bboxContains(threeRivers, { lat: 41.97, long: -85.63 })).toBe(false);
		expect(bboxContains(threeRivers, { lat: 41.94, long: -85.59 })).toBe(false);
	});

	it('handles boxes that cross the 180th meridian', () => {
		const fiji = { west: 177, south: -19, east: -179, north: -16 };
		expect(bboxContains(fiji, { lat: -18, long: 178.4 })).toBe(true);
		expect(bboxContains(fiji, { lat: -18, long: -179.5 })).toBe(true);
		expect(bboxContains(fiji, { lat: -18, long: 0 })).toBe(false);
	});
});
