/**
 * Web Mercator tile maths (the XYZ scheme maplibre and every slippy map use): which tiles cover a
 * place, and what a tile covers. Pure, so the server, the crew app and the bench agree on keys.
 */

/** A tile's name, `z/x/y` in decimal without leading zeros, e.g. `15/8588/12100`. */
export type TileKey = string;

/** [west, south, east, north] in degrees. */
export type LngLatBBox = [west: number, south: number, east: number, north: number];

export interface TileCoord {
	z: number;
	x: number;
	y: number;
}

/** Zooms an offline area pack holds; the map overzooms the z17 tiles above that. */
export const PACK_MIN_ZOOM = 12;
export const PACK_MAX_ZOOM = 17;
/** The deepest zoom the server makes tiles for (the style's source maxzoom). */
export const TILE_MAX_ZOOM = 17;

/** Web Mercator stops here: the map is square. */
const MAX_LATITUDE = 85.0511287798066;

export function tileKey(z: number, x: number, y: number): TileKey {
	return `${z}/${x}/${y}`;
}

const KEY_PATTERN = /^(0|[1-9]\d?)\/(0|[1-9]\d{0,8})\/(0|[1-9]\d{0,8})$/;

export function isValidTile(z: number, x: number, y: number, maxZoom = TILE_MAX_ZOOM): boolean {
	if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y)) return false;
	if (z < 0 || z > maxZoom) return false;
	const size = 2 ** z;
	return x >= 0 && x < size && y >= 0 && y < size;
}

/**
 * The tile a key names, or null when the key is not canonical `z/x/y` or the tile does not exist
 * (x or y beyond 2^z - 1, z beyond `maxZoom`). Canonical keys only, so one tile has one key.
 */
export function parseTileKey(key: string, maxZoom = TILE_MAX_ZOOM): TileCoord | null {
	const match = KEY_PATTERN.exec(key);
	if (!match) return null;
	const z = Number(match[1]);
	const x = Number(match[2]);
	const y = Number(match[3]);
	return isValidTile(z, x, y, maxZoom) ? { z, x, y } : null;
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}

/** The tile holding a position at zoom z; positions beyond the map's edges land in edge tiles. */
export function lngLatToTile(lng: number, lat: number, z: number): { x: number; y: number } {
	const size = 2 ** z;
	const latRad = (clamp(lat, -MAX_LATITUDE, MAX_LATITUDE) * Math.PI) / 180;
	const fx = ((lng + 180) / 360) * size;
	const fy = ((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * size;
	return {
		x: clamp(Math.floor(fx), 0, size - 1),
		y: clamp(Math.floor(fy), 0, size - 1)
	};
}

function tileXToLng(x: number, z: number): number {
	return (x / 2 ** z) * 360 - 180;
}

function tileYToLat(y: number, z: number): number {
	const n = Math.PI - (2 * Math.PI * y) / 2 ** z;
	return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/** What a tile covers: [west, south, east, north] in degrees. */
export function tileBounds(z: number, x: number, y: number): LngLatBBox {
	return [tileXToLng(x, z), tileYToLat(y + 1, z), tileXToLng(x + 1, z), tileYToLat(y, z)];
}

interface TileRange {
	z: number;
	/** Column runs: two when the box crosses the 180th meridian (west > east). */
	columns: [from: number, to: number][];
	minY: number;
	maxY: number;
}

function tileRanges(bbox: LngLatBBox, minZoom: number, maxZoom: number): TileRange[] {
	const [west, south, east, north] = bbox;
	if (![west, south, east, north].every(Number.isFinite) || south > north) {
		throw new RangeError(`Not a bounding box: [${bbox.join(', ')}]`);
	}
	if (!Number.isInteger(minZoom) || !Number.isInteger(maxZoom) || minZoom < 0 || minZoom > maxZoom) {
		throw new RangeError(`Not a zoom range: ${minZoom}-${maxZoom}`);
	}
	const ranges: TileRange[] = [];
	for (let z = minZoom; z <= maxZoom; z++) {
		const topLeft = lngLatToTile(west, north, z);
		const bottomRight = lngLatToTile(east, south, z);
		const columns: [number, number][] =
			west <= east
				? [[topLeft.x, bottomRight.x]]
				: [
						[topLeft.x, 2 ** z - 1],
						[0, bottomRight.x]
					];
		ranges.push({ z, columns, minY: topLeft.y, maxY: bottomRight.y });
	}
	return ranges;
}

/**
 * Every tile touching the box at each zoom from minZoom to maxZoom, low zooms first (so a pack
 * fills the overview before the detail), each zoom in rows north to south.
 */
export function tilesForBBox(bbox: LngLatBBox, minZoom: number, maxZoom: number): TileKey[] {
	const keys: TileKey[] = [];
	for (const { z, columns, minY, maxY } of tileRanges(bbox, minZoom, maxZoom)) {
		for (let y = minY; y <= maxY; y++) {
			for (const [from, to] of columns) {
				for (let x = from; x <= to; x++) keys.push(tileKey(z, x, y));
			}
		}
	}
	return keys;
}

/** How many tiles tilesForBBox would list, without listing them. */
export function countTilesForBBox(bbox: LngLatBBox, minZoom: number, maxZoom: number): number {
	let count = 0;
	for (const { columns, minY, maxY } of tileRanges(bbox, minZoom, maxZoom)) {
		const width = columns.reduce((sum, [from, to]) => sum + (to - from + 1), 0);
		count += width * (maxY - minY + 1);
	}
	return count;
}
