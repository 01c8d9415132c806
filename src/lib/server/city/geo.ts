/**
 * Small-area geometry: at city scale an equirectangular projection around a fixed origin is
 * accurate to centimetres, so distances and nearest points are plain 2D math in metres.
 */

import type { LatLong } from '$lib/domain/geo';

export { haversineMeters, type LatLong } from '$lib/domain/geo';

/** GeoJSON position order: longitude first. */
export type Position = [long: number, lat: number];

/** Metres east (x) and north (y) of a projection origin. */
export interface Point {
	x: number;
	y: number;
}

/** Mean Earth radius, as the domain's haversine uses. */
const EARTH_RADIUS_M = 6_371_008.8;
const RADIANS = Math.PI / 180;

/** A local flat projection: metres from `origin`, and back. */
export function localProjection(origin: LatLong) {
	const metersPerDegreeLat = EARTH_RADIUS_M * RADIANS;
	const metersPerDegreeLong = metersPerDegreeLat * Math.cos(origin.lat * RADIANS);
	return {
		toPoint: ([long, lat]: Position): Point => ({
			x: (long - origin.long) * metersPerDegreeLong,
			y: (lat - origin.lat) * metersPerDegreeLat
		}),
		toPosition: ({ x, y }: Point): Position => [
			origin.long + x / metersPerDegreeLong,
			origin.lat + y / metersPerDegreeLat
		]
	};
}

export interface SegmentProjection {
	/** The nearest point of the segment. */
	nearest: Point;
	distance: number;
	/** Where the nearest point lies along the segment, 0 at `a` and 1 at `b`. */
	fraction: number;
	/** z of (b - a) x (p - a): positive when p lies left of the direction a -> b. */
	cross: number;
}

export function projectOntoSegment(p: Point, a: Point, b: Point): SegmentProjection {
	const dx = b.x - a.x;
	const dy = b.y - a.y;
	const lengthSquared = dx * dx + dy * dy;
	const raw = lengthSquared === 0 ? 0 : ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared;
	const fraction = Math.min(1, Math.max(0, raw));
	const nearest = { x: a.x + fraction * dx, y: a.y + fraction * dy };
	return {
		nearest,
		distance: Math.hypot(p.x - nearest.x, p.y - nearest.y),
		fraction,
		cross: dx * (p.y - a.y) - dy * (p.x - a.x)
	};
}

/** `point` moved `east` and `north` metres: exact enough for the few metres it is used for. */
export function offsetLatLong(point: LatLong, east: number, north: number): LatLong {
	const { toPosition } = localProjection(point);
	const [long, lat] = toPosition({ x: east, y: north });
	return { lat: Math.round(lat * 1e6) / 1e6, long: Math.round(long * 1e6) / 1e6 };
}
