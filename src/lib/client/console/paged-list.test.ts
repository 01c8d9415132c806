import { describe, expect, it } from 'vitest';
import type { ConsoleMapOrder, ConsoleOrder, ConsoleOrderPage } from '$lib/components/console/console-rows';
import { isOpenStatus } from './console-filters';
import type { ConsoleListParams } from './dispatch-api';
import { PagedOrderList } from './paged-list.svelte';

function order(id: string, priority: number, overrides: Partial<ConsoleOrder> = {}): ConsoleOrder {
	return {
		id,
		serviceCode: 'POTHOLE',
		lat: 41.94,
		long: -85.63,
		address: `${id} Main St`,
		status: 'new',
		priority,
		crewId: null,
		requestedAt: '2026-11-02T14:00:00.000Z',
		dueAt: null,
		closedAt: null,
		needsReview: 0,
		changeSeq: 1,
		...overrides
	};
}

/** The queue as the server pages it: open, unassigned, most urgent first, two rows a page. */
function fakeServer(rows: () => ConsoleOrder[]) {
	const asked: ConsoleListParams[] = [];
	const fetchPage = async (query: ConsoleListParams): Promise<ConsoleOrderPage> => {
		asked.push(query);
		const all = rows()
			.filter((row) => row.crewId === null && isOpenStatus(row.status))
			.sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : 1));
		const start = query.after ? all.findIndex((row) => row.id === query.after) + 1 : 0;
		const orders = all.slice(start, start + 2);
		return { orders, next: start + 2 < all.length ? (orders.at(-1)?.id ?? null) : null };
	};
	return { asked, fetchPage };
}

function queueList(world: ConsoleOrder[], latest: Map<string, ConsoleMapOrder> = new Map()) {
	const server = fakeServer(() => world);
	const list = new PagedOrderList(
		{
			query: () => ({ list: 'queue' }),
			includes: (row) => row.crewId === null && isOpenStatus(row.status),
			latest: (id) => latest.get(id),
			fetchPage: server.fetchPage
		},
		{ orders: world.slice(0, 2), next: world[1]?.id ?? null }
	);
	return { list, server };
}

const ids = (list: PagedOrderList) => list.shown.map((row) => row.id);

describe('a console list paged from the server and kept live', () => {
	it('shows the first page, then the next on Load more, until the last', async () => {
		const world = [order('CS-1', 1), order('CS-2', 2), order('CS-3', 3), order('CS-4', 4)];
		const { list } = queueList(world);
		expect(ids(list)).toEqual(['CS-1', 'CS-2']);
		expect(list.complete).toBe(false);
		await list.more();
		expect(ids(list)).toEqual(['CS-1', 'CS-2', 'CS-3', 'CS-4']);
		expect(list.complete).toBe(true);
	});

	it('places live rows: a new urgent one at once, a low one only after Load more reaches it', () => {
		const world = [order('CS-1', 1), order('CS-2', 2), order('CS-3', 3)];
		const { list } = queueList(world);
		list.apply([order('CS-9', 1, { changeSeq: 9 }), order('CS-8', 4, { changeSeq: 8 })]);
		expect(ids(list)).toEqual(['CS-1', 'CS-9', 'CS-2']);
	});

	it('drops a row that stops matching (assigned) and moves one whose priority changed', () => {
		const world = [order('CS-1', 1), order('CS-2', 2), order('CS-3', 3)];
		const { list } = queueList(world);
		list.apply([order('CS-1', 1, { crewId: 'north', status: 'assigned', changeSeq: 5 })]);
		expect(ids(list)).toEqual(['CS-2']);
		// Moved past the last row paged to: it waits for Load more rather than jumping the queue.
		list.apply([order('CS-2', 4, { changeSeq: 6 })]);
		expect(ids(list)).toEqual([]);
	});

	it('never lets an older page row undo a newer live one', async () => {
		const world = [order('CS-1', 1), order('CS-2', 2), order('CS-3', 3), order('CS-4', 3)];
		const { list } = queueList(world);
		list.apply([order('CS-3', 3, { status: 'assigned', crewId: 'north', changeSeq: 7 })]);
		await list.more();
		expect(ids(list)).toEqual(['CS-1', 'CS-2', 'CS-4']);
	});

	it('reads the newest lean row over a stale page row', () => {
		const world = [order('CS-1', 1), order('CS-2', 2)];
		const latest = new Map<string, ConsoleMapOrder>([
			['CS-1', { ...order('CS-1', 1, { crewId: 'north', status: 'assigned', changeSeq: 4 }) }]
		]);
		const { list } = queueList(world, latest);
		expect(ids(list)).toEqual(['CS-2']);
	});

	it('starts again from the first page on reload, keeping the mark a live row lacks', async () => {
		const world = [order('CS-1', 1, { possibleDuplicate: true }), order('CS-2', 2)];
		const { list, server } = queueList(world);
		await list.reload();
		expect(server.asked.at(-1)).toEqual({ list: 'queue' });
		list.apply([order('CS-1', 2, { changeSeq: 3 })]);
		expect(list.shown.find((row) => row.id === 'CS-1')?.possibleDuplicate).toBe(true);
	});
});
