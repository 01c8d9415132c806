import { describe, expect, it } from 'vitest';
import { haversineMeters } from './geo';
import { namedStreets, streetByName, type NamedStreet } from './index';
import {
	abbreviateStreetName,
	distanceToStreetMeters,
	formatAddress,
	nearestAddress,
	pointOnStreet,
	streetAddress
} from './address';

function street(name: string): NamedStreet {
	const found = streetByName(name);
	if (!found) throw new Error(`missing street ${name}`);
	return found;
}

describe('formatAddress', () => {
	it('writes a US postal address with USPS suffixes', () => {
		expect(formatAddress(412, 'Main Street', 'N')).toBe('412 N Main St, Three Rivers, MI 49093');
		expect(formatAddress(57, 'Portage Avenue')).toBe('57 Portage Ave, Three Rivers, MI 49093');
		expect(abbreviateStreetName('Railroad Drive')).toBe('Railroad Dr');
		expect(abbreviateStreetName('Mural Mall')).toBe('Mural Mall');
	});
});

describe('pointOnStreet', () => {
	it('starts at the first vertex and ends at the last one', () => {
		const main = street('Main Street');
		const [firstLong, firstLat] = main.segments[0]?.[0] ?? [0, 0];
		expect(pointOnStreet(main, 0)).toEqual({ lat: firstLat, long: firstLong });
		const [lastLong, lastLat] = main.segments.at(-1)?.at(-1) ?? [0, 0];
		expect(pointOnStreet(main, 1)).toEqual({ lat: lastLat, long: lastLong });
	});

	it('interpolates along the street and stays on it', () => {
		for (const candidate of namedStreets()) {
			for (const t of [0.13, 0.5, 0.87]) {
				expect(distanceToStreetMeters(candidate, pointOnStreet(candidate, t))).toBeLessThan(0.5);
			}
		}
	});

	it('moves a point sideways by the requested offset', () => {
		const portage = street('Portage Avenue');
		const onLine = pointOnStreet(portage, 0.4);
		const beside = pointOnStreet(portage, 0.4, 10);
		expect(haversineMeters(onLine, beside)).toBeCloseTo(10, 0);
		expect(distanceToStreetMeters(portage, beside)).toBeCloseTo(10, 0);
	});
});

describe('streetAddress', () => {
	it('puts even numbers on one side of the street and odd numbers on the other', () => {
		for (const candidate of namedStreets()) {
			const left = streetAddress(candidate, pointOnStreet(candidate, 0.5, 8)).houseNumber;
			const right = streetAddress(candidate, pointOnStreet(candidate, 0.5, -8)).houseNumber;
			// 16 m apart across the street: on a diagonal street that is a few numbers along it, too.
			expect(Math.abs(left - right)).toBeLessThanOrEqual(11);
			expect((left + right) % 2).toBe(1);
		}
	});

	it('numbers increase with the distance from downtown', () => {
		const main = street('Main Street');
		const north = Array.from({ length: 41 }, (_, i) => pointOnStreet(main, i / 40, 6))
			.filter((point) => streetAddress(main, point).direction === 'N')
			.sort((a, b) => a.lat - b.lat)
			.map((point) => streetAddress(main, point).houseNumber);
		expect(north.length).toBeGreaterThan(10);
		for (let i = 1; i < north.length; i++) expect(north[i]).toBeGreaterThanOrEqual((north[i - 1] ?? 0) - 1);
	});

	it('gives the streets that cross downtown a direction, and keeps numbers in a city range', () => {
		const main = street('Main Street');
		expect(streetAddress(main, pointOnStreet(main, 0.5)).address).toMatch(/^\d+ N Main St, /);
		expect(streetAddress(main, pointOnStreet(main, 0, 5)).address).toMatch(/^\d+ S Main St, /);
		const michigan = street('Michigan Avenue');
		const directions = new Set(
			[0.05, 0.3, 0.6, 0.95].map((t) => streetAddress(michigan, pointOnStreet(michigan, t)).direction)
		);
		expect([...directions].sort()).toEqual(['E', 'W']);
		for (const candidate of namedStreets()) {
			const { houseNumber } = streetAddress(candidate, pointOnStreet(candidate, 0.5, 5));
			expect(houseNumber).toBeGreaterThanOrEqual(100);
			expect(houseNumber).toBeLessThan(3000);
		}
	});

	it('is deterministic', () => {
		const walnut = street('Walnut Street');
		const point = pointOnStreet(walnut, 0.61, -7);
		expect(streetAddress(walnut, point)).toEqual(streetAddress(walnut, point));
	});
});

describe('nearestAddress', () => {
	it('finds the street a point lies beside', () => {
		let matched = 0;
		for (const candidate of namedStreets()) {
			const point = pointOnStreet(candidate, 0.5, 4);
			const found = nearestAddress(point.lat, point.long);
			expect(found.zipcode).toBe('49093');
			// Near a corner the cross street can be nearer: never farther than the one we started from.
			expect(found.distanceMeters).toBeLessThanOrEqual(distanceToStreetMeters(candidate, point) + 0.05);
			if (found.streetName === candidate.name) {
				matched++;
				expect(found.address).toBe(streetAddress(candidate, point).address);
			}
		}
		expect(matched / namedStreets().length).toBeGreaterThan(0.9);
	});

	it('reports how far a point is from any street', () => {
		// The middle of the Saint Joseph River south-west of downtown, far from named streets.
		const found = nearestAddress(41.9385, -85.6415);
		expect(found.distanceMeters).toBeGreaterThan(50);
		expect(found.address).toMatch(/^\d+ .+, Three Rivers, MI 49093$/);
	});
});
