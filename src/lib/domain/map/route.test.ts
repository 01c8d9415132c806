import { describe, expect, it } from 'vitest';
import { haversineMeters } from '../geo';
import { exactOrder, nearestNeighbourOrder, pathLength, planRoute, twoOpt, type RouteStop } from './route';

/** A small seeded generator so every run draws the same cases (park-miller). */
function seeded(seed: number): () => number {
	let state = seed % 2147483647 || 1;
	return () => {
		state = (state * 48271) % 2147483647;
		return state / 2147483647;
	};
}

/** Stops scattered over about 3 km around Three Rivers, MI. */
function randomStops(random: () => number, n: number): RouteStop[] {
	return Array.from({ length: n }, (_, i) => ({
		id: `S${i}`,
		lat: 41.93 + random() * 0.03,
		long: -85.65 + random() * 0.04
	}));
}

function bruteForceLength(start: RouteStop, stops: RouteStop[]): number {
	let best = Number.POSITIVE_INFINITY;
	const permute = (path: RouteStop[], left: RouteStop[]) => {
		if (left.length === 0) {
			best = Math.min(best, pathLength(path, haversineMeters));
			return;
		}
		for (let i = 0; i < left.length; i += 1) {
			permute([...path, ...left.slice(i, i + 1)], [...left.slice(0, i), ...left.slice(i + 1)]);
		}
	};
	permute([start], stops);
	return best;
}

const lengthOfPlan = (start: RouteStop, stops: RouteStop[], ids: string[]) =>
	pathLength([start, ...ids.map((id) => stops.find((stop) => stop.id === id)!)], haversineMeters);

const origin: RouteStop = { id: 'start', lat: 41.94, long: -85.63 };

describe('nearestNeighbourOrder', () => {
	it('always goes to the closest stop left', () => {
		const line = [5, 1, 3, 2].map((x) => ({ id: `x${x}`, x }));
		const order = nearestNeighbourOrder({ id: 'o', x: 0 }, line, (a, b) => Math.abs(a.x - b.x));
		expect(order.map((stop) => stop.x)).toEqual([1, 2, 3, 5]);
	});
});

describe('twoOpt', () => {
	it('is never longer than the nearest-neighbour path it starts from (300 seeded cases)', () => {
		for (let seed = 1; seed <= 300; seed += 1) {
			const random = seeded(seed);
			const stops = randomStops(random, 3 + Math.floor(random() * 30));
			const greedy = [origin, ...nearestNeighbourOrder(origin, stops, haversineMeters)];
			const improved = twoOpt(greedy, haversineMeters);
			expect(improved[0]).toBe(origin);
			expect(new Set(improved)).toEqual(new Set(greedy));
			expect(pathLength(improved, haversineMeters)).toBeLessThanOrEqual(
				pathLength(greedy, haversineMeters) + 1e-6
			);
		}
	});

	it('untangles a crossing: the known optimum of a small square walk', () => {
		// Start at a corner of a unit square; the crossed order A C B D must become A B C D.
		const at = (id: string, x: number, y: number) => ({ id, x, y });
		const a = at('A', 0, 0);
		const b = at('B', 1, 0);
		const c = at('C', 1, 1);
		const d = at('D', 0, 1);
		const euclid = (p: typeof a, q: typeof a) => Math.hypot(p.x - q.x, p.y - q.y);
		const path = twoOpt([a, c, b, d], euclid);
		expect(pathLength(path, euclid)).toBeCloseTo(3, 9);
	});

	it('finds the straight walk along a line, whatever order it is given', () => {
		const stops = [4, 9, 1, 7, 3, 8, 2, 6, 5].map((x) => ({ id: `x${x}`, x }));
		const dist = (a: { x: number }, b: { x: number }) => Math.abs(a.x - b.x);
		const path = twoOpt([{ id: 'o', x: 0 }, ...stops], dist);
		expect(path.map((stop) => stop.x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	});
});

describe('exactOrder and planRoute', () => {
	it('match the brute-force optimum for every small day (n <= 7, 150 seeded cases)', () => {
		for (let seed = 1; seed <= 150; seed += 1) {
			const random = seeded(seed * 7919);
			const stops = randomStops(random, 1 + (seed % 7));
			const best = bruteForceLength(origin, stops);
			const exact = [origin, ...exactOrder(origin, stops, haversineMeters)];
			expect(pathLength(exact, haversineMeters)).toBeCloseTo(best, 6);
			expect(lengthOfPlan(origin, stops, planRoute(origin, stops))).toBeCloseTo(best, 6);
		}
	});

	it('plans a big day with every stop exactly once and no longer than nearest neighbour', () => {
		const random = seeded(42);
		const stops = randomStops(random, 60);
		const ids = planRoute(origin, stops);
		expect([...ids].sort()).toEqual(stops.map((stop) => stop.id).sort());
		const greedy = pathLength(
			[origin, ...nearestNeighbourOrder(origin, stops, haversineMeters)],
			haversineMeters
		);
		expect(lengthOfPlan(origin, stops, ids)).toBeLessThanOrEqual(greedy + 1e-6);
	});

	it("measures with the distance it is given (the crew map passes turf's)", () => {
		// Only north-south distance counts here, so the stop due east (far by haversine) comes first.
		const northSouth = (a: { lat: number }, b: { lat: number }) => Math.abs(a.lat - b.lat) * 111_000;
		const stops = [
			{ id: 'north', lat: 41.95, long: -85.63 },
			{ id: 'east', lat: 41.94, long: -85.5 }
		];
		expect(planRoute(origin, stops)).toEqual(['north', 'east']);
		expect(planRoute(origin, stops, northSouth)).toEqual(['east', 'north']);
		const big = randomStops(seeded(7), 25);
		const greedy = pathLength([origin, ...nearestNeighbourOrder(origin, big, northSouth)], northSouth);
		const planned = planRoute(origin, big, northSouth).map((id) => big.find((stop) => stop.id === id)!);
		expect(pathLength([origin, ...planned], northSouth)).toBeLessThanOrEqual(greedy + 1e-6);
	});

	it('handles no stops and one stop', () => {
		expect(planRoute(origin, [])).toEqual([]);
		expect(planRoute(origin, [{ id: 'only', lat: 41.95, long: -85.62 }])).toEqual(['only']);
		expect(exactOrder(origin, [], haversineMeters)).toEqual([]);
		expect(twoOpt([origin], haversineMeters)).toEqual([origin]);
		expect(nearestNeighbourOrder(origin, [], haversineMeters)).toEqual([]);
	});

	it('keeps stops at the same spot (two orders at one address) both in the plan', () => {
		const twin = { lat: 41.941, long: -85.631 };
		const ids = planRoute(origin, [
			{ id: 'a', ...twin },
			{ id: 'b', ...twin },
			{ id: 'c', lat: 41.95, long: -85.64 }
		]);
		expect(ids.slice(0, 2).sort()).toEqual(['a', 'b']);
		expect(ids[2]).toBe('c');
	});
});
