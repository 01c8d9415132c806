import { describe, expect, it } from 'vitest';
import type { ConsoleLocation, ConsoleOrder } from '$lib/components/console/console-rows';
import { matchesFilters, NO_FILTERS } from './console-filters';
import { crewProgress, serviceProgress } from './console-progress';

const now = new Date('2026-11-03T15:00:00.000Z');
const todayStart = '2026-11-03T05:00:00.000Z';
const crews = [{ id: 'north', name: 'Streets North', color: '#1b6', department: 'Public Works' }];
const services = [{ code: 'POTHOLE', name: 'Pothole', department: 'Public Works', slaHours: 72 }];

function order(id: string, overrides: Partial<ConsoleOrder> = {}): ConsoleOrder {
	return {
		id,
		serviceCode: 'POTHOLE',
		lat: 41.94,
		long: -85.63,
		address: null,
		status: 'assigned',
		priority: 3,
		crewId: 'north',
		requestedAt: '2026-11-01T12:00:00.000Z',
		dueAt: '2026-11-04T12:00:00.000Z',
		closedAt: null,
		needsReview: 0,
		changeSeq: 1,
		...overrides
	};
}

const orders = [
	order('a'),
	order('b', { status: 'in_progress', dueAt: '2026-11-03T12:00:00.000Z' }),
	order('c', { status: 'closed', closedAt: '2026-11-03T14:00:00.000Z', dueAt: '2026-11-03T13:00:00.000Z' }),
	order('d', { status: 'closed', closedAt: '2026-11-02T14:00:00.000Z' }),
	order('e', { status: 'unable_to_complete' }),
	order('f', { crewId: null, status: 'new', requestedAt: '2026-11-03T14:00:00.000Z' })
];

describe('console progress', () => {
	it('counts each crew: assigned, in progress, closed today, unable, overdue, last seen', () => {
		const seen: ConsoleLocation = {
			id: 1,
			crewId: 'north',
			lat: 0,
			long: 0,
			accuracy: null,
			at: '2026-11-03T14:30:00.000Z'
		};
		expect(crewProgress(orders, crews, new Map([['north', seen]]), todayStart, now)).toEqual([
			{ crew: crews[0], assigned: 1, inProgress: 1, closedToday: 1, unable: 1, overdue: 1, lastSeen: seen.at }
		]);
	});

	it('counts each service: open backlog, past due, closed late today', () => {
		expect(serviceProgress(orders, services, todayStart, now)).toEqual([
			{ service: services[0], backlog: 4, overdue: 1, closedLateToday: 1 }
		]);
	});
});

describe('console filters', () => {
	const ids = (filters: Partial<typeof NO_FILTERS>) =>
		orders.filter((o) => matchesFilters(o, { ...NO_FILTERS, ...filters }, now)).map((o) => o.id);

	it('shows open orders by default, and filters by crew, status, age and overdue', () => {
		expect(ids({})).toEqual(['a', 'b', 'e', 'f']);
		expect(ids({ crew: 'unassigned' })).toEqual(['f']);
		expect(ids({ status: '', crew: 'north' })).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(ids({ status: 'closed' })).toEqual(['c', 'd']);
		expect(ids({ olderThanDays: 1 })).toEqual(['a', 'b', 'e']);
		expect(ids({ overdueOnly: true })).toEqual(['b']);
		expect(ids({ service: 'GRAFFITI' })).toEqual([]);
	});
});
