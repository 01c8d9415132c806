/**
 * US-style street addresses for the demo city, computed from geometry alone (OSM has almost no
 * house numbers here). Numbers follow a city grid, as most US cities do: they grow with the
 * distance from a downtown origin, 1,000 per mile, even on the right-hand side when travelling
 * away from the origin and odd on the left. Streets that cross the origin's axis carry a
 * directional prefix (N Main St / S Main St), as they do in Three Rivers.
 */
import { CITY_NAME, CITY_STATE, CITY_ZIPCODE, cityCenter, namedStreets, type NamedStreet } from './index';
import { localProjection, projectOntoSegment, type LatLong, type Point, type Position } from './geo';

export type Direction = 'N' | 'S' | 'E' | 'W';

export interface StreetAddress {
	houseNumber: number;
	direction: Direction | null;
	streetName: string;
	/** '412 N Main St, Three Rivers, MI 49093' */
	address: string;
}

export interface NearestAddress extends StreetAddress {
	zipcode: string;
	/** From the given point to the street's centre line. */
	distanceMeters: number;
}

const METERS_PER_NUMBER = 1609.344 / 1000;
/** A street gets N/S (or E/W) only if it really runs on both sides of the origin. */
const MIN_CROSSING_METERS = 50;

const SUFFIXES: Record<string, string> = {
	Avenue: 'Ave',
	Boulevard: 'Blvd',
	Circle: 'Cir',
	Court: 'Ct',
	Drive: 'Dr',
	Highway: 'Hwy',
	Lane: 'Ln',
	Parkway: 'Pkwy',
	Place: 'Pl',
	Road: 'Rd',
	Street: 'St',
	Terrace: 'Ter',
	Trail: 'Trl'
};

/** 'Main Street' -> 'Main St' (USPS suffix abbreviations). */
export function abbreviateStreetName(name: string): string {
	const words = name.split(' ');
	const suffix = SUFFIXES[words.at(-1) ?? ''];
	return suffix && words.length > 1 ? [...words.slice(0, -1), suffix].join(' ') : name;
}

export function formatAddress(
	houseNumber: number,
	streetName: string,
	direction: Direction | null = null
): string {
	const street = [direction, abbreviateStreetName(streetName)].filter(Boolean).join(' ');
	return `${houseNumber} ${street}, ${CITY_NAME}, ${CITY_STATE} ${CITY_ZIPCODE}`;
}

interface StreetGeometry {
	street: NamedStreet;
	segments: Point[][];
	axis: 'ns' | 'ew';
	crossesOrigin: boolean;
}

let grid:
	{ projection: ReturnType<typeof localProjection>; streets: Map<string, StreetGeometry> } | undefined;

/** The grid origin is downtown, where Main Street crosses Michigan Avenue. */
function findGridOrigin(): LatLong {
	const main = namedStreets().find((street) => street.name === 'Main Street');
	const michigan = new Set(
		namedStreets()
			.find((street) => street.name === 'Michigan Avenue')
			?.segments.flat()
			.map((position) => position.join())
	);
	const crossing = main?.segments.flat().find((position) => michigan.has(position.join()));
	return crossing ? { long: crossing[0], lat: crossing[1] } : cityCenter();
}

function cityGrid() {
	if (grid) return grid;
	const projection = localProjection(findGridOrigin());
	const streets = new Map<string, StreetGeometry>();
	for (const street of namedStreets()) {
		const segments = street.segments.map((line) => line.map(projection.toPoint));
		const points = segments.flat();
		const xs = points.map((p) => p.x);
		const ys = points.map((p) => p.y);
		const axis = Math.max(...ys) - Math.min(...ys) >= Math.max(...xs) - Math.min(...xs) ? 'ns' : 'ew';
		const along = axis === 'ns' ? ys : xs;
		const crossesOrigin =
			Math.min(...along) < -MIN_CROSSING_METERS && Math.max(...along) > MIN_CROSSING_METERS;
		streets.set(street.name, { street, segments, axis, crossesOrigin });
	}
	grid = { projection, streets };
	return grid;
}

function geometryOf(street: NamedStreet): StreetGeometry {
	const geometry = cityGrid().streets.get(street.name);
	if (!geometry) throw new Error(`Not a named street of the demo city: ${street.name}`);
	return geometry;
}

/** The nearest piece of a street to `p`, with the side `p` lies on. */
function nearestPiece(geometry: StreetGeometry, p: Point) {
	let best: { distance: number; cross: number; a: Point; b: Point } | undefined;
	for (const line of geometry.segments) {
		for (let i = 1; i < line.length; i++) {
			const a = line[i - 1] as Point;
			const b = line[i] as Point;
			const hit = projectOntoSegment(p, a, b);
			if (!best || hit.distance < best.distance) best = { distance: hit.distance, cross: hit.cross, a, b };
		}
	}
	if (!best) throw new Error(`Street without segments: ${geometry.street.name}`);
	return best;
}

function toLatLong([long, lat]: Position): LatLong {
	return { lat: Math.round(lat * 1e6) / 1e6, long: Math.round(long * 1e6) / 1e6 };
}

/**
 * The point at fraction `t` (0..1) of the street's total length, walking its segments in order;
 * `sideOffsetMeters` moves it sideways, positive to the left of the drawing direction (a kerb,
 * a front yard), so that it lands on one side of the street.
 */
export function pointOnStreet(street: NamedStreet, t: number, sideOffsetMeters = 0): LatLong {
	const { projection } = cityGrid();
	const pieces: { a: Point; b: Point; length: number }[] = [];
	for (const line of geometryOf(street).segments) {
		for (let i = 1; i < line.length; i++) {
			const a = line[i - 1] as Point;
			const b = line[i] as Point;
			pieces.push({ a, b, length: Math.hypot(b.x - a.x, b.y - a.y) });
		}
	}
	let remaining = Math.min(1, Math.max(0, t)) * pieces.reduce((sum, piece) => sum + piece.length, 0);
	let index = 0;
	while (index < pieces.length - 1 && remaining > (pieces[index]?.length ?? 0)) {
		remaining -= pieces[index]?.length ?? 0;
		index++;
	}
	const piece = pieces[index];
	if (!piece) throw new Error(`Street without segments: ${street.name}`);
	const fraction = piece.length === 0 ? 0 : Math.min(1, remaining / piece.length);
	// The unit vector along the piece; (-uy, ux) points to its left.
	const ux = piece.length === 0 ? 0 : (piece.b.x - piece.a.x) / piece.length;
	const uy = piece.length === 0 ? 0 : (piece.b.y - piece.a.y) / piece.length;
	const x = piece.a.x + fraction * (piece.b.x - piece.a.x) - uy * sideOffsetMeters;
	const y = piece.a.y + fraction * (piece.b.y - piece.a.y) + ux * sideOffsetMeters;
	return toLatLong(projection.toPosition({ x, y }));
}

export function distanceToStreetMeters(street: NamedStreet, point: LatLong): number {
	const p = cityGrid().projection.toPoint([point.long, point.lat]);
	return nearestPiece(geometryOf(street), p).distance;
}

/** The grid address of a point beside `street`. */
export function streetAddress(street: NamedStreet, point: LatLong): StreetAddress {
	const geometry = geometryOf(street);
	const p = cityGrid().projection.toPoint([point.long, point.lat]);
	const along = geometry.axis === 'ns' ? p.y : p.x;
	const outward = along < 0 ? -1 : 1;
	const { a, b, cross } = nearestPiece(geometry, p);
	const pieceRunsOutward = (geometry.axis === 'ns' ? b.y - a.y : b.x - a.x) * outward >= 0;
	// cross < 0: right of the drawing direction; flip it when the piece is drawn towards the origin.
	const onRight = pieceRunsOutward ? cross < 0 : cross > 0;
	const base = 100 + Math.floor(Math.abs(along) / METERS_PER_NUMBER);
	const houseNumber = base % 2 === (onRight ? 0 : 1) ? base : base + 1;
	let direction: Direction | null = null;
	if (geometry.crossesOrigin) {
		if (geometry.axis === 'ns') direction = along < 0 ? 'S' : 'N';
		else direction = along < 0 ? 'W' : 'E';
	}
	return {
		houseNumber,
		direction,
		streetName: street.name,
		address: formatAddress(houseNumber, street.name, direction)
	};
}

/** Reverse geocoding: the address on the nearest named street. */
export function nearestAddress(lat: number, long: number): NearestAddress {
	const p = cityGrid().projection.toPoint([long, lat]);
	let best: { geometry: StreetGeometry; distance: number } | undefined;
	for (const geometry of cityGrid().streets.values()) {
		const { distance } = nearestPiece(geometry, p);
		if (!best || distance < best.distance) best = { geometry, distance };
	}
	if (!best) throw new Error('The demo city has no named streets');
	return {
		...streetAddress(best.geometry.street, { lat, long }),
		zipcode: CITY_ZIPCODE,
		distanceMeters: Math.round(best.distance * 10) / 10
	};
}
