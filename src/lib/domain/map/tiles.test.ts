import { describe, expect, it } from 'vitest';
import {
	countTilesForBBox,
	lngLatToTile,
	parseTileKey,
	tileBounds,
	tileKey,
	tilesForBBox,
	type LngLatBBox
} from './tiles';

/** Three Rivers, Michigan: the demo city's bounding box. */
const CITY: LngLatBBox = [-85.646318, 41.935057, -85.587656, 41.961874];

describe('tile keys', () => {
	it('formats and parses z/x/y', () => {
		expect(tileKey(15, 8588, 12100)).toBe('15/8588/12100');
		expect(parseTileKey('15/8588/12100')).toEqual({ z: 15, x: 8588, y: 12100 });
		expect(parseTileKey('0/0/0')).toEqual({ z: 0, x: 0, y: 0 });
	});

	it('refuses keys that are not canonical or name no tile', () => {
		for (const bad of [
			'',
			'1/2',
			'1/2/3/4',
			'01/0/0',
			'1/-1/0',
			'1/2/0',
			'1/0/2',
			'18/0/0',
			'a/b/c',
			' 1/0/0',
			'1/0/0 ',
			'1.5/0/0',
			'12/1e3/1'
		]) {
			expect(parseTileKey(bad), bad).toBeNull();
		}
		expect(parseTileKey('17/131071/131071')).not.toBeNull();
		expect(parseTileKey('18/0/0', 18)).toEqual({ z: 18, x: 0, y: 0 });
	});
});

describe('tile maths', () => {
	it('knows the well-known tiles', () => {
		expect(lngLatToTile(0, 0, 0)).toEqual({ x: 0, y: 0 });
		expect(lngLatToTile(-1, 1, 1)).toEqual({ x: 0, y: 0 });
		expect(lngLatToTile(1, -1, 1)).toEqual({ x: 1, y: 1 });
		// Munich's Marienplatz (x 4359.41, y 2842.99 by the asinh form of the formula).
		expect(lngLatToTile(11.5755, 48.1372, 13)).toEqual({ x: 4359, y: 2842 });
		const [west, south, east, north] = tileBounds(0, 0, 0);
		expect([west, east]).toEqual([-180, 180]);
		expect(north).toBeCloseTo(85.0511287798, 9);
		expect(south).toBeCloseTo(-85.0511287798, 9);
	});

	it('puts positions beyond the edges in the edge tiles', () => {
		expect(lngLatToTile(180, -90, 3)).toEqual({ x: 7, y: 7 });
		expect(lngLatToTile(-180, 90, 3)).toEqual({ x: 0, y: 0 });
	});

	it('round-trips: the centre of a tile lies in that tile, and neighbours share edges', () => {
		for (let i = 0; i < 500; i++) {
			const z = i % 18;
			const size = 2 ** z;
			const x = Math.floor((((i * 7919) % 1000) / 1000) * size);
			const y = Math.floor((((i * 104729) % 1000) / 1000) * size);
			const [west, south, east, north] = tileBounds(z, x, y);
			expect(west).toBeLessThan(east);
			expect(south).toBeLessThan(north);
			expect(lngLatToTile((west + east) / 2, (south + north) / 2, z)).toEqual({ x, y });
			if (x + 1 < size) expect(tileBounds(z, x + 1, y)[0]).toBeCloseTo(east, 10);
			if (y + 1 < size) expect(tileBounds(z, x, y + 1)[3]).toBeCloseTo(south, 10);
		}
	});
});

describe('tiles for a box', () => {
	it('lists every tile touching the box, low zooms first, and counts them the same', () => {
		const keys = tilesForBBox(CITY, 12, 17);
		expect(keys.length).toBe(countTilesForBBox(CITY, 12, 17));
		expect(new Set(keys).size).toBe(keys.length);
		const zooms = keys.map((key) => parseTileKey(key)?.z ?? -1);
		expect(zooms).toEqual([...zooms].sort((a, b) => a - b));
		for (const key of keys) {
			const { z, x, y } = parseTileKey(key) ?? { z: 0, x: 0, y: 0 };
			const [west, south, east, north] = tileBounds(z, x, y);
			expect(west <= CITY[2] && east >= CITY[0] && south <= CITY[3] && north >= CITY[1]).toBe(true);
		}
		// Every corner of the box lies in a listed tile at every zoom.
		for (let z = 12; z <= 17; z++) {
			for (const [lng, lat] of [
				[CITY[0], CITY[1]],
				[CITY[2], CITY[3]],
				[CITY[0], CITY[3]],
				[CITY[2], CITY[1]]
			] as const) {
				const { x, y } = lngLatToTile(lng, lat, z);
				expect(keys).toContain(tileKey(z, x, y));
			}
		}
	});

	it('handles a box across the 180th meridian', () => {
		const keys = tilesForBBox([179, -1, -179, 1], 2, 2);
		expect(keys.sort()).toEqual(['2/0/1', '2/0/2', '2/3/1', '2/3/2']);
		expect(countTilesForBBox([179, -1, -179, 1], 2, 2)).toBe(4);
	});

	it('refuses a box or a zoom range that makes no sense', () => {
		expect(() => tilesForBBox([0, 1, 1, 0], 1, 2)).toThrow(RangeError);
		expect(() => tilesForBBox([0, 0, Number.NaN, 1], 1, 2)).toThrow(RangeError);
		expect(() => countTilesForBBox(CITY, 5, 4)).toThrow(RangeError);
	});
});
