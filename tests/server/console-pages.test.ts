import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleMapOrder, ConsoleOrder } from '../../src/lib/components/console/console-rows';
import {
	byUrgency,
	isOpenStatus,
	matchesFilters,
	NO_FILTERS,
	type ConsoleFilters
} from '../../src/lib/client/console/console-filters';
import { repositories, type Repositories } from '../../src/lib/server/repositories';
import {
	ConsolePages,
	decodeCursor,
	encodeCursor,
	parseListQuery,
	type ConsoleListQuery
} from '../../src/lib/server/services/console-pages';
import { ConsoleQueries } from '../../src/lib/server/services/console-queries';
import { scopeFor } from '../../src/lib/server/services/department-scope';
import { testBackends } from './backends';
import { audit, givenCrew, givenService, orderRow, T0 } from './fixtures';

const NOW = new Date('2026-11-10T15:00:00.000Z');
const TODAY = '2026-11-10T05:00:00.000Z';
const HOUR = 60 * 60 * 1000;
const citywide = scopeFor({ role: 'admin', department: null });
const publicWorks = scopeFor({ role: 'supervisor', department: 'Public Works' });
const base = { lat: 41.9436, long: -85.6325 };
/** About `meters` east of the base point. */
const east = (meters: number) => ({
	lat: base.lat,
	long: base.long + meters / (111_195 * Math.cos((base.lat * Math.PI) / 180))
});
const at = (hoursBeforeNow: number) => new Date(NOW.getTime() - hoursBeforeNow * HOUR).toISOString();

const STATUSES = ['new', 'assigned', 'in_progress', 'closed', 'unable_to_complete', 'cancelled'] as const;

/** 40 orders, spread over priorities, ages, crews, statuses and due times, far apart (no duplicates). */
async function givenMixedOrders(repos: Repositories): Promise<void> {
	for (let i = 1; i <= 40; i += 1) {
		const status = STATUSES[i % STATUSES.length] ?? 'new';
		const crew = status === 'new' ? null : i % 4 === 0 ? 'south' : 'north';
		await repos.workOrders.insert(
			orderRow(`CS-${String(i).padStart(4, '0')}`, {
				lat: base.lat + i * 0.01,
				long: base.long,
				priority: (i % 4) + 1,
				// Pairs of orders share a request time, so the id must break the tie.
				requested_at: at(Math.floor(i / 2) * 20),
				// Finished orders: half of them today, half last week.
				updated_at: i % 3 === 0 ? at(2) : at(24 * 7),
				due_at: i % 5 === 0 ? null : at(i % 2 === 0 ? -24 : 3),
				field_status: status,
				crew_id: crew,
				service_code: i % 7 === 0 ? 'GRAFFITI' : 'POTHOLE'
			}),
			audit('created')
		);
	}
}

function listQuery(overrides: Partial<ConsoleListQuery> = {}): ConsoleListQuery {
	return {
		list: 'orders',
		crew: '',
		service: '',
		status: 'open',
		olderThanDays: 0,
		overdueOnly: false,
		finishedSince: TODAY,
		after: null,
		limit: 7,
		...overrides
	};
}

/** Every page of a list, following the cursors to the end. */
async function allPages(pages: ConsolePages, query: ConsoleListQuery): Promise<ConsoleOrder[]> {
	const rows: ConsoleOrder[] = [];
	let after = query.after;
	for (let guard = 0; guard < 100; guard += 1) {
		const page = await pages.page({ ...query, after }, NOW);
		expect(page.orders.length).toBeLessThanOrEqual(query.limit);
		rows.push(...page.orders);
		if (page.next === null) return rows;
		after = page.next;
	}
	throw new Error('the cursor never ended');
}

describe.each(testBackends())('console lists and duplicate marks on $name', (backend) => {
	let repos: Repositories;
	let drop: () => Promise<void>;
	let db: Parameters<typeof repositories>[0];

	beforeEach(async () => {
		const created = await backend.create();
		drop = created.drop;
		db = created.handle.db;
		repos = repositories(db);
		await givenService(repos);
		await repos.services.upsert({
			service_code: 'GRAFFITI',
			service_name: 'Graffiti',
			description: 'Paint on a wall',
			group_name: 'Parks',
			keywords: '',
			type: 'realtime',
			attributes: '[]',
			sla_hours: 120,
			close_requirements: '{}',
			department: 'Parks',
			active: 1,
			sort_order: 2
		});
		await givenCrew(repos, 'north', 'Streets North');
		await givenCrew(repos, 'south', 'Streets South');
	});
	afterEach(async () => drop());

	describe('paging', () => {
		beforeEach(async () => givenMixedOrders(repos));

		const cases: [string, Partial<ConsoleFilters>][] = [
			['open orders (the default)', {}],
			['any status', { status: '' }],
			['one crew', { crew: 'north', status: '' }],
			['the unassigned', { crew: 'unassigned' }],
			['one service and one status', { service: 'GRAFFITI', status: 'assigned' }],
			['old requests only', { olderThanDays: 10 }],
			['overdue only', { overdueOnly: true, status: '' }]
		];
		it.each(cases)(
			'pages %s in the order and with the rows the console would filter to',
			async (_, filters) => {
				const pages = new ConsolePages(db, citywide, 50);
				const lean = await new ConsoleQueries(db, citywide, null).mapOrders(TODAY);
				const wanted = { ...NO_FILTERS, ...filters };
				const expected = lean.filter((order) => matchesFilters(order, wanted, NOW)).sort(byUrgency);
				const paged = await allPages(pages, listQuery(wanted));
				expect(paged.map((order) => order.id)).toEqual(expected.map((order) => order.id));
				expect(expected.length).toBeGreaterThan(0);
			}
		);

		it('pages the unassigned queue: open orders without a crew, most urgent first', async () => {
			const lean = await new ConsoleQueries(db, citywide, null).mapOrders(TODAY);
			const expected = lean
				.filter((order) => order.crewId === null && isOpenStatus(order.status))
				.sort(byUrgency);
			const paged = await allPages(
				new ConsolePages(db, citywide, 50),
				listQuery({ list: 'queue', limit: 3 })
			);
			expect(paged.map((order) => order.id)).toEqual(expected.map((order) => order.id));
		});

		it('skips no row when orders change between pages (one that moved back comes again)', async () => {
			const pages = new ConsolePages(db, citywide, 50);
			const first = await pages.page(listQuery({ status: '' }), NOW);
			// An order already shown becomes the least urgent; one not yet shown becomes urgent.
			const shown = first.orders[0]?.id ?? '';
			await repos.workOrders.update(shown, { priority: 4, requested_at: at(0) }, audit('updated'));
			const rest = await allPages(pages, listQuery({ status: '', after: first.next }));
			const ids = [...first.orders, ...rest].map((order) => order.id);
			expect(new Set(ids).size).toBe(ids.length - 1);
			expect(ids.filter((id) => id === shown)).toHaveLength(2);
			const everything = await allPages(pages, listQuery({ status: '' }));
			expect(new Set(ids)).toEqual(new Set(everything.map((order) => order.id)));
		});

		it('keeps each supervisor to their departments', async () => {
			const paged = await allPages(new ConsolePages(db, publicWorks, 50), listQuery({ status: '' }));
			expect(paged.length).toBeGreaterThan(0);
			expect(paged.every((order) => order.serviceCode === 'POTHOLE')).toBe(true);
			const lean = await new ConsoleQueries(db, publicWorks, null).mapOrders(TODAY);
			expect(lean.every((order) => order.serviceCode === 'POTHOLE')).toBe(true);
		});

		it('gives the map lean rows of every order in scope, without the list-only fields', async () => {
			const lean: ConsoleMapOrder[] = await new ConsoleQueries(db, citywide, null).mapOrders(TODAY);
			// Every third order changed today (see givenMixedOrders); the others last week.
			const finishedLastWeek = lean.filter(
				(order) => !isOpenStatus(order.status) && Number(order.id.slice(3)) % 3 !== 0
			);
			expect(lean.length).toBeGreaterThan(20);
			expect(lean[0]).not.toHaveProperty('address');
			expect(Object.keys(lean[0] ?? {}).sort()).toEqual(
				[
					'changeSeq',
					'closedAt',
					'crewId',
					'dueAt',
					'id',
					'lat',
					'long',
					'priority',
					'requestedAt',
					'serviceCode',
					'status'
				].sort()
			);
			// Finished orders that did not change today stay off the console.
			expect(finishedLastWeek).toEqual([]);
		});
	});

	describe('possible duplicate marks', () => {
		beforeEach(async () => {
			await repos.workOrders.insert(orderRow('CS-1', { ...base, requested_at: T0 }), audit('created'));
			await repos.workOrders.insert(orderRow('CS-2', { ...east(20) }), audit('created'));
			await repos.workOrders.insert(orderRow('CS-3', { ...east(200) }), audit('created'));
			await repos.workOrders.insert(
				orderRow('CS-4', { ...east(240), field_status: 'closed' }),
				audit('created')
			);
			await repos.workOrders.insert(
				orderRow('CS-5', { ...east(230), service_code: 'GRAFFITI' }),
				audit('created')
			);
		});

		it('marks open orders with an open request of the same service within the distance, in one page', async () => {
			const page = await new ConsolePages(db, citywide, 50).page(
				listQuery({ status: '', finishedSince: T0 }),
				NOW
			);
			const marks = Object.fromEntries(page.orders.map((order) => [order.id, order.possibleDuplicate]));
			// CS-3 has a closed order and another service's order nearby: neither is a duplicate.
			expect(marks).toEqual({ 'CS-1': true, 'CS-2': true, 'CS-3': false, 'CS-4': false, 'CS-5': false });
		});

		it('measures with the configured distance', async () => {
			const page = await new ConsolePages(db, citywide, 10).page(listQuery({ status: '' }), NOW);
			expect(page.orders.some((order) => order.possibleDuplicate)).toBe(false);
		});

		it('marks the rows the live stream sends too', async () => {
			const changed = await new ConsoleQueries(db, citywide, 50).ordersChangedSince(0, 100);
			expect(
				changed
					.filter((order) => order.possibleDuplicate)
					.map((order) => order.id)
					.sort()
			).toEqual(['CS-1', 'CS-2']);
		});

		it('loses the mark once the copy is closed', async () => {
			await repos.workOrders.update('CS-2', { field_status: 'closed' }, audit('closed'));
			const page = await new ConsolePages(db, citywide, 50).page(listQuery({ list: 'queue' }), NOW);
			expect(page.orders.find((order) => order.id === 'CS-1')?.possibleDuplicate).toBe(false);
		});
	});
});

describe('console list parameters', () => {
	it('reads a query, with defaults', () => {
		const parsed = parseListQuery(new URLSearchParams('list=queue&overdue=1&limit=20'), NOW);
		expect(parsed).toMatchObject({
			ok: true,
			query: { list: 'queue', overdueOnly: true, limit: 20, after: null }
		});
	});

	it('refuses a forged cursor, a wild limit and an unknown list', () => {
		expect(parseListQuery(new URLSearchParams('after=nonsense'), NOW)).toMatchObject({ ok: false });
		expect(parseListQuery(new URLSearchParams('limit=100000'), NOW)).toMatchObject({ ok: false });
		expect(parseListQuery(new URLSearchParams('list=everything'), NOW)).toMatchObject({ ok: false });
		expect(parseListQuery(new URLSearchParams('olderThanDays=-1'), NOW)).toMatchObject({ ok: false });
	});

	it('hands out cursors it can read back', () => {
		const key = { priority: 2, requestedAt: T0, id: 'CS-0001' };
		expect(decodeCursor(encodeCursor(key))).toEqual(key);
		expect(decodeCursor(Buffer.from('[1,2]').toString('base64url'))).toBeNull();
	});
});
