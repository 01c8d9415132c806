/** Small geographic helpers the server needs on every request; @turf does the heavy work elsewhere. */

export interface LatLong {
	lat: number;
	long: number;
}

/** West/south/east/north in degrees. west > east means the box crosses the 180th meridian. */
export interface BBox {
	west: number;
	south: number;
	east: number;
	north: number;
}

export function isValidLatLong(lat: unknown, long: unknown): boolean {
	return (
		typeof lat === 'number' &&
		typeof long === 'number' &&
		Number.isFinite(lat) &&
		Number.isFinite(long) &&
		lat >= -90 &&
		lat <= 90 &&
		long >= -180 &&
		long <= 180
	);
}

/** Mean Earth radius (IUGG); the sphere is within 0.5% of the ellipsoid, plenty for "how far". */
const EARTH_RADIUS_M = 6_371_008.8;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

export function haversineMeters(a: LatLong, b: LatLong): number {
	const dLat = toRadians(b.lat - a.lat);
	const dLong = toRadians(b.long - a.long);
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLong / 2) ** 2;
	// min() guards asin against rounding just above 1 for antipodal points.
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Edges count as inside. */
export function bboxContains(bbox: BBox, point: LatLong): boolean {
	if (point.lat < bbox.south || point.lat > bbox.north) return false;
	if (bbox.west <= bbox.east) return point.long >= bbox.west && point.long <= bbox.east;
	return point.long >= bbox.west || point.long <= bbox.east;
}
