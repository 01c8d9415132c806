import { describe, expect, it } from 'vitest';
import type { LocalOrder } from '$lib/client/db/schema';
import { order } from '$lib/client/test-support';
import { byWorkingOrder, countToday, matchesFilter, matchesSearch, orderIsOverdue } from './order-list';

const NOW = Date.parse('2026-11-03T15:00:00.000Z');
const PAST = '2026-11-03T12:00:00.000Z';
const LATER = '2026-11-03T18:00:00.000Z';
const TOMORROW = '2026-11-04T18:00:00.000Z';

const ids = (orders: LocalOrder[]) => [...orders].sort(byWorkingOrder).map((found) => found.id);

describe("Today's working order", () => {
	it('follows the route order first, whatever the priority or due time', () => {
		expect(
			ids([
				order('CS-3', { routeOrder: 3, priority: 1, dueAt: PAST }),
				order('CS-1', { routeOrder: 1, priority: 5, dueAt: null }),
				order('CS-2', { routeOrder: 2, priority: 3, dueAt: TOMORROW })
			])
		).toEqual(['CS-1', 'CS-2', 'CS-3']);
	});

	it('puts routed stops before unrouted ones, then the most urgent, then the soonest due', () => {
		expect(
			ids([
				order('CS-A', { routeOrder: null, priority: 3, dueAt: TOMORROW }),
				order('CS-B', { routeOrder: null, priority: 3, dueAt: LATER }),
				order('CS-C', { routeOrder: null, priority: 1, dueAt: null }),
				order('CS-D', { routeOrder: null, priority: 3, dueAt: null }),
				order('CS-E', { routeOrder: 7, priority: 5, dueAt: null })
			])
		).toEqual(['CS-E', 'CS-C', 'CS-B', 'CS-A', 'CS-D']);
	});

	it('keeps finished work after open work, even when it was first on the route', () => {
		expect(
			ids([
				order('CS-1', { routeOrder: 1, status: 'closed' }),
				order('CS-2', { routeOrder: 2, status: 'in_progress' }),
				order('CS-3', { routeOrder: 3, status: 'cancelled' }),
				order('CS-4', { routeOrder: 4, status: 'unable_to_complete' })
			])
		).toEqual(['CS-2', 'CS-4', 'CS-1', 'CS-3']);
	});
});

describe('overdue and counts', () => {
	it('an open order past its due time is overdue; a finished one or one with no due time never is', () => {
		expect(orderIsOverdue(order('CS-1', { dueAt: PAST }), NOW)).toBe(true);
		expect(orderIsOverdue(order('CS-2', { dueAt: LATER }), NOW)).toBe(false);
		expect(orderIsOverdue(order('CS-3', { dueAt: null }), NOW)).toBe(false);
		expect(orderIsOverdue(order('CS-4', { dueAt: PAST, status: 'closed' }), NOW)).toBe(false);
	});

	it('counts open, overdue, in progress and done work', () => {
		const orders = [
			order('CS-1', { dueAt: PAST }),
			order('CS-2', { dueAt: PAST, status: 'in_progress' }),
			order('CS-3', { dueAt: LATER, status: 'in_progress' }),
			order('CS-4', { dueAt: PAST, status: 'closed' }),
			order('CS-5', { status: 'cancelled' }),
			order('CS-6', { status: 'unable_to_complete' })
		];
		expect(countToday(orders, NOW)).toEqual({ open: 4, overdue: 2, inProgress: 2, done: 2 });
	});
});

describe('search and filters', () => {
	const pothole = order('CS-000042', {
		serviceName: 'Pothole',
		address: '101 N Main St',
		description: 'Deep hole by the bus stop'
	});

	it('matches every word in the id, service, address or description, in any case', () => {
		expect(matchesSearch(pothole, '')).toBe(true);
		expect(matchesSearch(pothole, 'cs-000042')).toBe(true);
		expect(matchesSearch(pothole, 'main  pothole')).toBe(true);
		expect(matchesSearch(pothole, 'BUS stop')).toBe(true);
		expect(matchesSearch(pothole, 'main streetlight')).toBe(false);
	});

	it('narrows to overdue, not started or in-progress work', () => {
		const overdue = order('CS-1', { dueAt: PAST });
		const notStarted = order('CS-2', { dueAt: LATER, status: 'reopened' });
		const working = order('CS-3', { dueAt: null, status: 'in_progress' });
		const done = order('CS-4', { dueAt: PAST, status: 'closed' });
		const all = [overdue, notStarted, working, done];
		const keep = (filter: Parameters<typeof matchesFilter>[1]) =>
			all.filter((found) => matchesFilter(found, filter, NOW)).map((found) => found.id);
		expect(keep('all')).toEqual(['CS-1', 'CS-2', 'CS-3', 'CS-4']);
		expect(keep('overdue')).toEqual(['CS-1']);
		expect(keep('not-started')).toEqual(['CS-1', 'CS-2']);
		expect(keep('in-progress')).toEqual(['CS-3']);
	});
});
