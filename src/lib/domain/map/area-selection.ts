/**
 * Selecting many orders at once by drawing on the map: a box (or a lasso) becomes a closed ring of
 * [long, lat] corners, and every pin inside it is chosen. Pure: the containment test is injected
 * (the console passes turf's booleanPointInPolygon; `ringContains` is the dependency-free default
 * the tests compare it with), as duplicates.ts does with distance.
 */

/** [longitude, latitude], GeoJSON order. */
export type LngLatPair = [number, number];

/** A closed ring: the first corner repeated at the end, as GeoJSON polygons require. */
export type AreaRing = LngLatPair[];

/** Whether a point lies inside (or on the edge of) a ring. */
export type RingContains = (point: LngLatPair, ring: AreaRing) => boolean;

/** The ring of the box between two opposite corners, in either drawing direction. */
export function boxRing(a: LngLatPair, b: LngLatPair): AreaRing {
	const west = Math.min(a[0], b[0]);
	const east = Math.max(a[0], b[0]);
	const south = Math.min(a[1], b[1]);
	const north = Math.max(a[1], b[1]);
	return [
		[west, south],
		[east, south],
		[east, north],
		[west, north],
		[west, south]
	];
}

/**
 * Closes a freehand path (a lasso, or a box whose corners were projected from the screen) into a
 * ring; null when it encloses nothing (fewer than three distinct corners).
 */
export function closeRing(path: readonly LngLatPair[]): AreaRing | null {
	const distinct = path.filter(
		(corner, index) => index === 0 || corner[0] !== path[index - 1]?.[0] || corner[1] !== path[index - 1]?.[1]
	);
	const first = distinct[0];
	const last = distinct.at(-1);
	if (!first || !last) return null;
	const open = first[0] === last[0] && first[1] === last[1] ? distinct.slice(0, -1) : distinct;
	if (open.length < 3) return null;
	return [...open, [first[0], first[1]]];
}

/** Even-odd ray casting; points on an edge count as inside, like a tap on a pin's rim. */
export function ringContains([x, y]: LngLatPair, ring: AreaRing): boolean {
	let inside = false;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		const [xi, yi] = ring[i] as LngLatPair;
		const [xj, yj] = ring[j] as LngLatPair;
		if (onSegment([x, y], [xi, yi], [xj, yj])) return true;
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

function onSegment([x, y]: LngLatPair, [ax, ay]: LngLatPair, [bx, by]: LngLatPair): boolean {
	const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
	if (Math.abs(cross) > 1e-12) return false;
	return x >= Math.min(ax, bx) && x <= Math.max(ax, bx) && y >= Math.min(ay, by) && y <= Math.max(ay, by);
}

/** The ids of the pins inside the ring, in the pins' own order. */
export function idsWithin<T extends { id: string; lat: number; long: number }>(
	pins: readonly T[],
	ring: AreaRing,
	contains: RingContains = ringContains
): string[] {
	return pins.filter((pin) => contains([pin.long, pin.lat], ring)).map((pin) => pin.id);
}
