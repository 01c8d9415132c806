import { describe, expect, it } from 'vitest';
import { cityBbox, cityCenter, cityGeoJson, namedStreets, streetByName } from './index';

describe('demo city data', () => {
	const city = cityGeoJson();

	it('credits OpenStreetMap and names its licence and source', () => {
		expect(city.type).toBe('FeatureCollection');
		expect(city.attribution).toBe('© OpenStreetMap contributors');
		expect(city.license).toBe('ODbL-1.0');
		expect(city.source).toMatch(/^@openstreetmap\/id@\d+\.\d+\.\d+$/);
	});

	it('holds Three Rivers streets, buildings, parks and water', () => {
		const count = (kind: string) => city.features.filter((f) => f.properties.kind === kind).length;
		expect(count('street')).toBeGreaterThan(300);
		expect(count('building')).toBeGreaterThan(300);
		expect(count('park')).toBeGreaterThan(10);
		expect(count('water')).toBeGreaterThan(5);
	});

	it('has well-formed geometry inside its bbox, rounded to 6 decimals', () => {
		const [west, south, east, north] = cityBbox();
		const misplaced: string[] = [];
		for (const { id, geometry } of city.features) {
			const positions = geometry.type === 'Polygon' ? geometry.coordinates.flat() : geometry.coordinates;
			if (positions.length < 2) misplaced.push(`${id} has ${positions.length} positions`);
			for (const [long, lat] of positions) {
				const inside = long >= west && long <= east && lat >= south && lat <= north;
				const rounded = Math.round(long * 1e6) / 1e6 === long && Math.round(lat * 1e6) / 1e6 === lat;
				if (!inside || !rounded) misplaced.push(`${id} at ${long},${lat}`);
			}
			const ring = geometry.type === 'Polygon' ? (geometry.coordinates[0] ?? []) : [];
			if (ring.length > 0 && ring[0]?.join() !== ring.at(-1)?.join()) misplaced.push(`${id} ring is open`);
		}
		expect(misplaced).toEqual([]);
	});

	it('centres on Three Rivers, Michigan', () => {
		const { lat, long } = cityCenter();
		expect(lat).toBeCloseTo(41.95, 1);
		expect(long).toBeCloseTo(-85.62, 1);
	});
});

describe('namedStreets', () => {
	it('groups the segments of each street under its name', () => {
		const streets = namedStreets();
		expect(streets.length).toBeGreaterThan(50);
		expect(new Set(streets.map((s) => s.name)).size).toBe(streets.length);
		const main = streetByName('Main Street');
		expect(main?.segments.length).toBeGreaterThan(1);
		expect(main?.classes[0]).toBe('primary');
		expect(main?.lengthMeters).toBeGreaterThan(1000);
	});

	it('leaves out footpaths, which carry no addresses', () => {
		expect(streetByName('Riverwalk Trail')).toBeUndefined();
		for (const street of namedStreets()) expect(street.classes).not.toContain('footway');
	});
});
