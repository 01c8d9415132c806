/**
 * The day's route: in which order to visit the open stops, starting where the crew is now.
 *
 * It is an open path (the crew does not come back to the start), measured in straight-line
 * (haversine) metres: streets are not known here, and on a city grid the straight-line order is
 * close to the driving order. Every day takes the nearest-neighbour tour and improves it with
 * 2-opt, which is never worse than where it started; a small day is also solved exactly
 * (Held-Karp) and the shorter of the two is kept.
 */
import { haversineMeters, type LatLong } from '../geo';

export type Distance<T> = (a: T, b: T) => number;

export interface RouteStop extends LatLong {
	id: string;
}

/** Up to this many stops the exact answer costs under a million steps (n² · 2ⁿ). */
const EXACT_MAX_STOPS = 10;
/** Improvements smaller than this (metres) are rounding, not progress; it also ends the loop. */
const EPSILON = 1e-9;

/** Total length of an open path, in the units of `dist`. */
export function pathLength<T>(path: readonly T[], dist: Distance<T>): number {
	let total = 0;
	for (let i = 1; i < path.length; i += 1) total += dist(at(path, i - 1), at(path, i));
	return total;
}

/** From the start, always go to the closest stop not visited yet. Returns the stops in visit order. */
export function nearestNeighbourOrder<T>(start: T, stops: readonly T[], dist: Distance<T>): T[] {
	const left = [...stops];
	const order: T[] = [];
	let here = start;
	while (left.length > 0) {
		let best = 0;
		let bestDistance = dist(here, at(left, 0));
		for (let i = 1; i < left.length; i += 1) {
			const d = dist(here, at(left, i));
			if (d < bestDistance) {
				best = i;
				bestDistance = d;
			}
		}
		here = at(left.splice(best, 1), 0);
		order.push(here);
	}
	return order;
}

/**
 * 2-opt over an open path whose first element (the start) stays put and whose end is free:
 * reverse any stretch that makes the path shorter, until no reversal does. Each accepted move
 * shortens the path, so the result is never longer than the input.
 */
export function twoOpt<T>(path: readonly T[], dist: Distance<T>): T[] {
	const p = [...path];
	const n = p.length;
	let improved = true;
	while (improved) {
		improved = false;
		for (let i = 1; i < n - 1; i += 1) {
			for (let j = i + 1; j < n; j += 1) {
				// Reversing p[i..j] swaps the edges (i-1,i) and (j,j+1) for (i-1,j) and (i,j+1).
				const next = j + 1 < n ? at(p, j + 1) : null;
				const before = dist(at(p, i - 1), at(p, i)) + (next === null ? 0 : dist(at(p, j), next));
				const after = dist(at(p, i - 1), at(p, j)) + (next === null ? 0 : dist(at(p, i), next));
				if (after < before - EPSILON) {
					reverse(p, i, j);
					improved = true;
				}
			}
		}
	}
	return p;
}

function reverse<T>(items: T[], from: number, to: number): void {
	for (let i = from, j = to; i < j; i += 1, j -= 1) {
		const swap = at(items, i);
		items[i] = at(items, j);
		items[j] = swap;
	}
}

/** An index the loop bounds already guarantee; noUncheckedIndexedAccess cannot see that. */
function at<T>(items: ArrayLike<T>, index: number): T {
	const item = items[index];
	if (item === undefined) throw new RangeError(`No item at ${index}`);
	return item;
}

/**
 * The shortest open path through every stop from the start (Held-Karp dynamic programming).
 * Exponential: only for small n (see EXACT_MAX_STOPS).
 */
export function exactOrder<T>(start: T, stops: readonly T[], dist: Distance<T>): T[] {
	const n = stops.length;
	if (n === 0) return [];
	if (n > 16) throw new RangeError(`exactOrder is for small days (at most 16 stops), not ${n}`);
	const full = (1 << n) - 1;
	// cost[mask * n + last]: shortest path from the start through `mask`, ending at `last`.
	const cost = new Float64Array((full + 1) * n).fill(Number.POSITIVE_INFINITY);
	const previous = new Int8Array((full + 1) * n).fill(-1);
	for (let k = 0; k < n; k += 1) cost[(1 << k) * n + k] = dist(start, at(stops, k));
	for (let mask = 1; mask <= full; mask += 1) {
		for (let last = 0; last < n; last += 1) {
			const here = at(cost, mask * n + last);
			if (!(mask & (1 << last)) || here === Number.POSITIVE_INFINITY) continue;
			for (let next = 0; next < n; next += 1) {
				if (mask & (1 << next)) continue;
				const slot = (mask | (1 << next)) * n + next;
				const candidate = here + dist(at(stops, last), at(stops, next));
				if (candidate < at(cost, slot)) {
					cost[slot] = candidate;
					previous[slot] = last;
				}
			}
		}
	}
	let last = 0;
	for (let k = 1; k < n; k += 1) if (at(cost, full * n + k) < at(cost, full * n + last)) last = k;
	const order: T[] = [];
	let mask = full;
	while (last !== -1) {
		order.push(at(stops, last));
		const before = at(previous, mask * n + last);
		mask &= ~(1 << last);
		last = before;
	}
	return order.reverse();
}

/**
 * The stop ids in the order to visit them from `start`: the nearest-neighbour path improved by
 * 2-opt; for a small day (up to EXACT_MAX_STOPS) the exact optimum is worked out as well and kept
 * when it is shorter, so a short day is always optimal. `dist` is in metres between two positions
 * (the crew map passes turf's distance; the default is the same haversine formula).
 */
export function planRoute(
	start: LatLong,
	stops: readonly RouteStop[],
	dist: Distance<LatLong> = haversineMeters
): string[] {
	if (stops.length === 0) return [];
	const here: RouteStop = { id: '', lat: start.lat, long: start.long };
	const measure = memoised<RouteStop>(dist);
	let tour = twoOpt([here, ...nearestNeighbourOrder(here, stops, measure)], measure);
	if (stops.length <= EXACT_MAX_STOPS) {
		const exact = [here, ...exactOrder(here, stops, measure)];
		if (pathLength(exact, measure) < pathLength(tour, measure) - EPSILON) tour = exact;
	}
	return tour.slice(1).map((stop) => stop.id);
}

/** 2-opt asks for the same pairs over and over; a trigonometric distance is worth remembering. */
function memoised<T extends object>(dist: Distance<T>): Distance<T> {
	const ids = new Map<T, number>();
	const known = new Map<number, number>();
	const idOf = (item: T) => {
		let id = ids.get(item);
		if (id === undefined) {
			id = ids.size;
			ids.set(item, id);
		}
		return id;
	};
	return (a, b) => {
		const key = idOf(a) * 1_000_003 + idOf(b);
		let d = known.get(key);
		if (d === undefined) {
			d = dist(a, b);
			known.set(key, d);
		}
		return d;
	};
}
