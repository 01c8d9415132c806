import { describe, expect, it } from 'vitest';
import { haversineMeters, type LatLong } from '../geo';
import { areaContains, areaForPoints, estimatePackBytes, tilesForArea } from './area';
import { lngLatToTile, parseTileKey, tileKey, tilesForBBox } from './tiles';

const SITES: LatLong[] = [
	{ lat: 41.9431, long: -85.6325 },
	{ lat: 41.9512, long: -85.6201 },
	{ lat: 41.9387, long: -85.6102 },
	{ lat: 41.9555, long: -85.6401 },
	{ lat: 41.9466, long: -85.6283 }
];

function ringOf(points: LatLong[], buffer = 500) {
	return areaForPoints(points, buffer).polygon.coordinates[0];
}

describe('the area of the day', () => {
	it('is a circle of the buffer around one site', () => {
		const site = SITES[0] as LatLong;
		const area = areaForPoints([site], 500);
		const ring = area.polygon.coordinates[0];
		expect(ring[0]).toEqual(ring[ring.length - 1]);
		for (const [long, lat] of ring) {
			const distance = haversineMeters(site, { lat, long });
			expect(distance).toBeGreaterThanOrEqual(499);
			expect(distance).toBeLessThan(510);
		}
		expect(areaContains(area, site)).toBe(true);
		expect(areaContains(area, { lat: site.lat + 0.004, long: site.long })).toBe(true); // ~445 m north
		expect(areaContains(area, { lat: site.lat + 0.0055, long: site.long })).toBe(false); // ~610 m
	});

	it('is a capsule around two sites, covering the line between them', () => {
		const [a, b] = SITES as [LatLong, LatLong];
		const area = areaForPoints([a, b], 300);
		for (let t = 0; t <= 1; t += 0.1) {
			expect(
				areaContains(area, { lat: a.lat + (b.lat - a.lat) * t, long: a.long + (b.long - a.long) * t })
			).toBe(true);
		}
		expect(areaContains(area, { lat: (a.lat + b.lat) / 2 + 0.01, long: (a.long + b.long) / 2 })).toBe(false);
	});

	it('is the hull of many sites plus the buffer, counter-clockwise, with its bbox', () => {
		const area = areaForPoints(SITES, 500);
		const ring = area.polygon.coordinates[0];
		let signedArea = 0;
		for (let i = 1; i < ring.length; i++) {
			const [x1, y1] = ring[i - 1] as [number, number];
			const [x2, y2] = ring[i] as [number, number];
			signedArea += x1 * y2 - x2 * y1;
		}
		expect(signedArea).toBeGreaterThan(0);
		const [west, south, east, north] = area.bbox;
		for (const [long, lat] of ring) {
			expect(long >= west && long <= east && lat >= south && lat <= north).toBe(true);
		}
		for (const site of SITES) {
			expect(areaContains(area, site)).toBe(true);
			// 450 m in each direction is still inside; the box corner far away is not.
			expect(areaContains(area, { lat: site.lat, long: site.long + 0.0054 })).toBe(true);
		}
		expect(areaContains(area, { lat: north, long: west })).toBe(false);
		expect(areaContains(area, { lat: 0, long: 0 })).toBe(false);
	});

	it('gives the same area for repeated sites', () => {
		expect(ringOf([SITES[0] as LatLong, SITES[0] as LatLong])).toEqual(ringOf([SITES[0] as LatLong]));
	});

	it('refuses no sites, bad positions and a bad buffer', () => {
		expect(() => areaForPoints([])).toThrow(RangeError);
		expect(() => areaForPoints([{ lat: Number.NaN, long: 0 }])).toThrow(RangeError);
		expect(() => areaForPoints([{ lat: 0, long: 200 }])).toThrow(RangeError);
		expect(() => areaForPoints(SITES, 0)).toThrow(RangeError);
	});
});

describe('tiles for the area', () => {
	it('lists only tiles of the bbox, fewer than the bbox has, and the ones holding every site', () => {
		const area = areaForPoints(SITES, 500);
		const tiles = tilesForArea(area);
		const boxTiles = new Set(tilesForBBox(area.bbox, 12, 17));
		expect(tiles.every((key) => boxTiles.has(key))).toBe(true);
		expect(tiles.length).toBeLessThan(boxTiles.size);
		const zooms = new Set(tiles.map((key) => parseTileKey(key)?.z));
		expect([...zooms]).toEqual([12, 13, 14, 15, 16, 17]);
		for (const site of SITES) {
			for (let z = 12; z <= 17; z++) {
				const { x, y } = lngLatToTile(site.long, site.lat, z);
				expect(tiles).toContain(tileKey(z, x, y));
			}
		}
	});

	it('keeps tiles the polygon only crosses, and drops the bbox corners it misses', () => {
		const site = SITES[0] as LatLong;
		const area = areaForPoints([site], 800);
		const tiles = tilesForArea(area, 17, 17);
		// Tiles holding points on the buffer circle (north, east, south, west) are kept.
		for (const [dLat, dLong] of [
			[0.0071, 0],
			[0, 0.0095],
			[-0.0071, 0],
			[0, -0.0095]
		] as const) {
			const { x, y } = lngLatToTile(site.long + dLong, site.lat + dLat, 17);
			expect(tiles).toContain(tileKey(17, x, y));
		}
		const [west, , , north] = area.bbox;
		const corner = lngLatToTile(west, north, 17);
		expect(tiles).not.toContain(tileKey(17, corner.x, corner.y));
	});

	it('estimates the pack size from the zooms of its tiles', () => {
		expect(estimatePackBytes([])).toBe(0);
		expect(estimatePackBytes(['12/1/1', '17/1/1'], { 12: 1000, 17: 10 })).toBe(1000 + 10 + 2 * 21);
		expect(estimatePackBytes(['12/1/1', 'junk'], { 12: 1000 })).toBe(1021);
		const area = areaForPoints(SITES);
		expect(estimatePackBytes(tilesForArea(area))).toBeGreaterThan(100 * 200);
	});
});
