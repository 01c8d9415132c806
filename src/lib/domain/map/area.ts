/**
 * The crew's offline map area: the convex hull of the day's sites grown by a buffer, and the tiles
 * it needs. Written here rather than with @turf/convex + @turf/buffer because the domain core may
 * import no package (eslint.boundaries.js), and the maths is small: at city scale a flat projection
 * in metres around the sites is accurate to centimetres, and in it the buffered hull is the hull of
 * a circle around every site. That flat projection is affine in longitude and latitude, so the
 * area stays convex in degrees too.
 */
import type { LatLong } from '../geo';
import {
	PACK_MAX_ZOOM,
	PACK_MIN_ZOOM,
	parseTileKey,
	tileBounds,
	tilesForBBox,
	type LngLatBBox,
	type TileKey
} from './tiles';

/** GeoJSON position order: longitude first. */
type Position = [lng: number, lat: number];

export interface AreaPolygon {
	type: 'Polygon';
	/** One closed exterior ring, counter-clockwise (RFC 7946). */
	coordinates: [Position[]];
}

export interface MapArea {
	polygon: AreaPolygon;
	bbox: LngLatBBox;
}

/** Sides of the polygon standing in for each site's buffer circle. */
const CIRCLE_SIDES = 32;
const EARTH_RADIUS_M = 6_371_008.8;
const METERS_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

interface Xy {
	x: number;
	y: number;
}

/**
 * The sites' convex hull plus `bufferMeters` all round: for one site a circle, for two a capsule.
 * Throws a RangeError for no sites or a position that is not a latitude/longitude.
 */
export function areaForPoints(points: readonly LatLong[], bufferMeters = 500): MapArea {
	if (points.length === 0) throw new RangeError('An area needs at least one site.');
	for (const { lat, long } of points) {
		if (!Number.isFinite(lat) || !Number.isFinite(long) || Math.abs(lat) > 85 || Math.abs(long) > 180) {
			throw new RangeError(`Not a position for a map area: ${lat}, ${long}`);
		}
	}
	if (!Number.isFinite(bufferMeters) || bufferMeters <= 0) {
		throw new RangeError(`The buffer must be a positive number of metres, not ${bufferMeters}.`);
	}
	const origin = {
		lat: points.reduce((sum, p) => sum + p.lat, 0) / points.length,
		long: points.reduce((sum, p) => sum + p.long, 0) / points.length
	};
	const metersPerDegreeLong = METERS_PER_DEGREE * Math.cos((origin.lat * Math.PI) / 180);
	const toXy = (p: LatLong): Xy => ({
		x: (p.long - origin.long) * metersPerDegreeLong,
		y: (p.lat - origin.lat) * METERS_PER_DEGREE
	});
	const toPosition = ({ x, y }: Xy): Position => [
		round7(origin.long + x / metersPerDegreeLong),
		round7(origin.lat + y / METERS_PER_DEGREE)
	];

	// The polygon's corners sit outside the true circle so that its flat sides still keep the
	// whole buffer distance from the site.
	const radius = bufferMeters / Math.cos(Math.PI / CIRCLE_SIDES);
	const cloud: Xy[] = [];
	for (const site of convexHull(points.map(toXy))) {
		for (let i = 0; i < CIRCLE_SIDES; i++) {
			const angle = (2 * Math.PI * i) / CIRCLE_SIDES;
			cloud.push({ x: site.x + radius * Math.cos(angle), y: site.y + radius * Math.sin(angle) });
		}
	}
	const ring = convexHull(cloud).map(toPosition);
	ring.push(ring[0] as Position);
	return { polygon: { type: 'Polygon', coordinates: [ring] }, bbox: ringBBox(ring) };
}

function round7(value: number): number {
	return Math.round(value * 1e7) / 1e7;
}

function ringBBox(ring: readonly Position[]): LngLatBBox {
	let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const [lng, lat] of ring) {
		west = Math.min(west, lng);
		east = Math.max(east, lng);
		south = Math.min(south, lat);
		north = Math.max(north, lat);
	}
	return [west, south, east, north];
}

/** Andrew's monotone chain: the hull counter-clockwise, without repeating its first point. */
function convexHull(points: readonly Xy[]): Xy[] {
	const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
	if (sorted.length <= 2) return dedupe(sorted);
	const cross = (o: Xy, a: Xy, b: Xy) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
	const half = (input: Xy[]): Xy[] => {
		const chain: Xy[] = [];
		for (const p of input) {
			while (
				chain.length >= 2 &&
				cross(chain[chain.length - 2] as Xy, chain[chain.length - 1] as Xy, p) <= 0
			) {
				chain.pop();
			}
			chain.push(p);
		}
		chain.pop();
		return chain;
	};
	const hull = [...half(sorted), ...half([...sorted].reverse())];
	return hull.length > 0 ? hull : dedupe(sorted);
}

function dedupe(points: Xy[]): Xy[] {
	return points.filter((p, i) => i === 0 || p.x !== points[i - 1]?.x || p.y !== points[i - 1]?.y);
}

/** Edges count as inside (ray casting on the ring, which is closed). */
export function areaContains(area: MapArea, point: LatLong): boolean {
	const [west, south, east, north] = area.bbox;
	if (point.long < west || point.long > east || point.lat < south || point.lat > north) return false;
	return ringContains(area.polygon.coordinates[0], [point.long, point.lat]);
}

function ringContains(ring: readonly Position[], [px, py]: Position): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i] as Position;
		const [xj, yj] = ring[j] as Position;
		if (onSegment([px, py], [xi, yi], [xj, yj])) return true;
		if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

function onSegment([px, py]: Position, [ax, ay]: Position, [bx, by]: Position): boolean {
	const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
	if (Math.abs(cross) > 1e-12) return false;
	return px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by);
}

/** Whether two segments touch or cross. */
function segmentsMeet(a: Position, b: Position, c: Position, d: Position): boolean {
	const orient = (p: Position, q: Position, r: Position) =>
		Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
	const [o1, o2, o3, o4] = [orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)];
	if (o1 !== o2 && o3 !== o4) return true;
	return (
		(o1 === 0 && onSegment(c, a, b)) ||
		(o2 === 0 && onSegment(d, a, b)) ||
		(o3 === 0 && onSegment(a, c, d)) ||
		(o4 === 0 && onSegment(b, c, d))
	);
}

/** Whether the area's polygon and a box (a tile) share any point. */
function intersectsBox(ring: readonly Position[], [west, south, east, north]: LngLatBBox): boolean {
	const corners: Position[] = [
		[west, south],
		[east, south],
		[east, north],
		[west, north]
	];
	if (ring.some(([lng, lat]) => lng >= west && lng <= east && lat >= south && lat <= north)) return true;
	if (corners.some((corner) => ringContains(ring, corner))) return true;
	for (let i = 1; i < ring.length; i++) {
		const a = ring[i - 1] as Position;
		const b = ring[i] as Position;
		for (let k = 0; k < 4; k++) {
			if (segmentsMeet(a, b, corners[k] as Position, corners[(k + 1) % 4] as Position)) return true;
		}
	}
	return false;
}

/** The tiles, low zooms first, that the area's polygon touches (not merely its bounding box). */
export function tilesForArea(area: MapArea, minZoom = PACK_MIN_ZOOM, maxZoom = PACK_MAX_ZOOM): TileKey[] {
	const ring = area.polygon.coordinates[0];
	return tilesForBBox(area.bbox, minZoom, maxZoom).filter((key) => {
		const { z, x, y } = parseTileKey(key, Number.MAX_SAFE_INTEGER) as { z: number; x: number; y: number };
		return intersectsBox(ring, tileBounds(z, x, y));
	});
}

/**
 * Bytes per tile at each zoom over every tile of the demo city's box, empty ones included
 * (measured 2026-11, rounded up; docs/architecture.md, "Map tiles"): at z17 more than half the
 * city's tiles are empty (fields, river), which is why the deep zooms cost so little. An area
 * reaching far past the city is overestimated, since its outer tiles cost only their frame.
 */
export const DEFAULT_AVG_TILE_BYTES: Readonly<Record<number, number>> = {
	12: 1_300,
	13: 1_400,
	14: 1_300,
	15: 1_100,
	16: 450,
	17: 200
};
const FALLBACK_AVG_TILE_BYTES = 1_300;
/** Key length and data length fields, and a typical `zz/xxxxx/yyyyy` key. */
const FRAME_OVERHEAD_BYTES = 2 + 4 + 15;

/** What downloading these tiles as a pack should cost, to show before the crew starts it. */
export function estimatePackBytes(
	tileKeys: readonly TileKey[],
	avgBytesPerZoom: Readonly<Record<number, number>> = DEFAULT_AVG_TILE_BYTES
): number {
	let total = 0;
	for (const key of tileKeys) {
		const z = parseTileKey(key, Number.MAX_SAFE_INTEGER)?.z;
		if (z === undefined) continue;
		total += (avgBytesPerZoom[z] ?? FALLBACK_AVG_TILE_BYTES) + FRAME_OVERHEAD_BYTES;
	}
	return total;
}
