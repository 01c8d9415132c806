import { describe, expect, it } from 'vitest';
import { normalizeAddress, repeatPlaces, type PlacedRequest } from './places';

const at = (
	id: string,
	lat: number,
	long: number,
	address: string | null,
	serviceCode = 'POTHOLE'
): PlacedRequest => ({
	id,
	lat,
	long,
	address,
	serviceCode
});

describe('repeat places', () => {
	it('treats spelling variants of one address as one place', () => {
		expect(normalizeAddress('101 N. Main St.,  Three Rivers')).toBe('101 n main st three rivers');
		const places = repeatPlaces([
			at('a', 41.9, -85.6, '101 N Main St'),
			at('b', 41.95, -85.65, '101 n. main st', 'GRAFFITI'),
			at('c', 41.91, -85.61, '101 N MAIN ST'),
			at('d', 41.92, -85.62, '9 Elm St')
		]);
		expect(places).toHaveLength(1);
		expect(places[0]).toMatchObject({ address: '101 N Main St', count: 3, requestIds: ['a', 'b', 'c'] });
		expect(places[0]?.serviceCodes).toEqual(['POTHOLE', 'GRAFFITI']);
	});

	it('links points a few metres apart, also through a chain, but not ones further away', () => {
		// 0.00005 degrees of latitude is about 5.6 m.
		const places = repeatPlaces([
			at('a', 41.9, -85.6, null),
			at('b', 41.90005, -85.6, null),
			at('c', 41.9001, -85.6, 'Corner lot'),
			at('far', 41.9003, -85.6, null)
		]);
		expect(places).toEqual([
			expect.objectContaining({ address: 'Corner lot', count: 3, requestIds: ['a', 'b', 'c'] })
		]);
	});

	it('reports nothing under the minimum count', () => {
		expect(repeatPlaces([at('a', 41.9, -85.6, 'X'), at('b', 41.9, -85.6, 'X')])).toEqual([]);
	});

	it('finds every pair 9 m apart, whatever the direction and latitude (grid cells never too narrow)', () => {
		const requests: PlacedRequest[] = [];
		for (let i = 0; i < 200; i++) {
			// Pairs kilometres apart from each other, spread over six degrees of latitude.
			const lat = 41 + i * 0.03;
			const long = -85.6 + (i % 7) * 0.05;
			const angle = (i * 137.5 * Math.PI) / 180;
			const dLat = (9 * Math.cos(angle)) / 111_195;
			const dLong = (9 * Math.sin(angle)) / (111_195 * Math.cos((lat * Math.PI) / 180));
			requests.push(at(`a${i}`, lat, long, null), at(`b${i}`, lat + dLat, long + dLong, null));
		}
		const places = repeatPlaces(requests, { minCount: 2 });
		expect(places).toHaveLength(200);
		expect(places.every((place) => place.count === 2)).toBe(true);
	});
});
