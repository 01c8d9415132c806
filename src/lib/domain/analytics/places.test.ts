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
});
