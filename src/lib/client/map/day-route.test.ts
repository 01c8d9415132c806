import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { freshDb, order } from '$lib/client/test-support';
import { byDayRoute, loadDayRoute, moveStop, ordersInRoute, planDay, saveDayRoute } from './day-route';
import { metersBetween } from './navigate';

describe('the crew day route', () => {
	const orders = [
		order('CS-far', { lat: 41.96, long: -85.63 }),
		order('CS-near', { lat: 41.941, long: -85.63 }),
		order('CS-mid', { lat: 41.95, long: -85.63 }),
		order('CS-done', { lat: 41.9405, long: -85.63, status: 'closed' })
	];

	it('plans open stops from where the crew is, nearest first along the way', () => {
		expect(planDay({ lat: 41.94, long: -85.63 }, orders)).toEqual(['CS-near', 'CS-mid', 'CS-far']);
	});

	it('plans with the distance it is given (turf on the map), keeping stops without a position last', () => {
		const unplaced = order('CS-nowhere', { lat: Number.NaN, long: Number.NaN });
		const start = { lat: 41.94, long: -85.63 };
		expect(planDay(start, [...orders, unplaced], metersBetween)).toEqual([
			'CS-near',
			'CS-mid',
			'CS-far',
			'CS-nowhere'
		]);
		// A "distance" that reverses the order of the stops: far is nearest.
		const reversed = (a: { lat: number }, b: { lat: number }) => Math.abs(0.1 - Math.abs(a.lat - b.lat));
		expect(planDay(start, orders, reversed)[0]).toBe('CS-far');
	});

	it('moves a stop up or down, clamped at the ends', () => {
		expect(moveStop(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
		expect(moveStop(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
		expect(moveStop(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
		expect(moveStop(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
	});

	it('lists open orders in the saved order, new ones after, finished ones left out', () => {
		expect(ordersInRoute(orders, ['CS-mid', 'CS-far']).map((o) => o.id)).toEqual([
			'CS-mid',
			'CS-far',
			'CS-near'
		]);
	});

	it('sorts Today by the route first, then the rest, finished work last', () => {
		const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
		const finishedLast = (a: (typeof orders)[number], b: (typeof orders)[number]) =>
			Number(a.status === 'closed') - Number(b.status === 'closed') || byId(a, b);
		const sorted = [...orders]
			.sort(byDayRoute(['CS-done', 'CS-mid', 'CS-far'], finishedLast))
			.map((o) => o.id);
		expect(sorted).toEqual(['CS-mid', 'CS-far', 'CS-near', 'CS-done']);
		expect([...orders].sort(byDayRoute([], finishedLast)).map((o) => o.id)).toEqual([
			'CS-far',
			'CS-mid',
			'CS-near',
			'CS-done'
		]);
	});

	it('keeps the route on the device', async () => {
		const db = freshDb();
		expect(await loadDayRoute(db)).toEqual([]);
		await saveDayRoute(db, ['CS-2', 'CS-1']);
		expect(await loadDayRoute(db)).toEqual(['CS-2', 'CS-1']);
		await db.delete();
	});
});
