/**
 * Repeat places: the same address, or points within a few metres of each other, reported again
 * and again. Requests are linked when either holds (union-find, so A-B and B-C put A, B and C in one
 * place); nearby points are found through a grid of `radiusMeters` squares, checking only the 3x3
 * neighbourhood, so the cost stays linear for a city's worth of requests.
 */
import { haversineMeters, type LatLong } from '../geo';

export interface PlacedRequest extends LatLong {
	id: string;
	address: string | null;
	serviceCode: string;
}

export interface RepeatPlace {
	/** The address most of its requests give, or null when none gave one. */
	address: string | null;
	count: number;
	/** Mean position of its requests. */
	center: LatLong;
	/** Request ids, oldest first as given. */
	requestIds: string[];
	/** Service codes seen, most frequent first. */
	serviceCodes: string[];
}

export const REPEAT_RADIUS_METERS = 10;
export const REPEAT_MIN_COUNT = 3;
/** Metres in a degree of latitude on the mean Earth sphere. */
const METERS_PER_DEGREE = 111_195;

/** Lower case, no punctuation (anything below U+00C0 that is not a letter or digit), single spaces: '101 N. Main St' and '101 n main st' are one address. */
export function normalizeAddress(address: string | null): string | null {
	if (!address) return null;
	const key = address
		.toLowerCase()
		.replace(/[^0-9a-z\u00c0-\uffff]+/g, ' ')
		.trim();
	return key === '' ? null : key;
}

export function repeatPlaces(
	requests: readonly PlacedRequest[],
	options: { radiusMeters?: number; minCount?: number } = {}
): RepeatPlace[] {
	const radius = options.radiusMeters ?? REPEAT_RADIUS_METERS;
	const minCount = options.minCount ?? REPEAT_MIN_COUNT;
	const parent = requests.map((_, index) => index);
	const find = (i: number): number => {
		while (parent[i] !== i) {
			parent[i] = parent[parent[i] as number] as number;
			i = parent[i] as number;
		}
		return i;
	};
	const join = (a: number, b: number) => {
		const ra = find(a);
		const rb = find(b);
		if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
	};

	const byAddress = new Map<string, number>();
	const grid = new Map<number, number[]>();
	// Cells at least `radius` wide everywhere: longitude degrees are sized at the point furthest
	// from the equator, where they are shortest. Then any two points within `radius` sit in the
	// same or neighbouring cells.
	const furthestLat = Math.min(89, Math.max(0, ...requests.map((r) => Math.abs(r.lat))));
	const degLat = radius / METERS_PER_DEGREE;
	const degLong = degLat / Math.cos((furthestLat * Math.PI) / 180);
	const cellKey = (gx: number, gy: number) => gx * 4_194_304 + gy;
	requests.forEach((request, index) => {
		const key = normalizeAddress(request.address);
		if (key !== null) {
			const first = byAddress.get(key);
			if (first === undefined) byAddress.set(key, index);
			else join(first, index);
		}
		const gy = Math.floor(request.lat / degLat);
		const gx = Math.floor(request.long / degLong);
		for (let dy = -1; dy <= 1; dy++) {
			for (let dx = -1; dx <= 1; dx++) {
				for (const other of grid.get(cellKey(gx + dx, gy + dy)) ?? []) {
					if (haversineMeters(request, requests[other] as PlacedRequest) <= radius) join(other, index);
				}
			}
		}
		const cell = cellKey(gx, gy);
		const bucket = grid.get(cell);
		if (bucket) bucket.push(index);
		else grid.set(cell, [index]);
	});

	const groups = new Map<number, PlacedRequest[]>();
	requests.forEach((request, index) => {
		const root = find(index);
		const group = groups.get(root);
		if (group) group.push(request);
		else groups.set(root, [request]);
	});
	const places: RepeatPlace[] = [];
	for (const group of groups.values()) {
		if (group.length < minCount) continue;
		places.push({
			address: mostFrequent(group.map((r) => r.address).filter((a): a is string => a !== null))[0] ?? null,
			count: group.length,
			center: {
				lat: group.reduce((sum, r) => sum + r.lat, 0) / group.length,
				long: group.reduce((sum, r) => sum + r.long, 0) / group.length
			},
			requestIds: group.map((r) => r.id),
			serviceCodes: mostFrequent(group.map((r) => r.serviceCode))
		});
	}
	return places.sort((a, b) => b.count - a.count || (a.address ?? '').localeCompare(b.address ?? ''));
}

/** Distinct values, most frequent first, ties in order of first appearance. */
function mostFrequent(values: readonly string[]): string[] {
	const counts = new Map<string, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
}
