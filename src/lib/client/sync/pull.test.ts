import { describe, expect, it } from 'vitest';
import type { PullResponse, SyncHistoryEntry, SyncOrder } from '$lib/domain/sync/protocol';
import { LocalActions } from '../db/actions';
import { findOrder } from '../db/find-order';
import type { CurbsideDb } from '../db/schema';
import { freshDb, historyEntry, nextUuid, order } from '../test-support';
import { historyOf } from './history-store';
import { pullChanges } from './pull';
import { pushOutbox } from './push';
import type { Transport } from './transport';

/** A server holding the crew's orders: a pull returns those changed after the cursor, in pages of `limit`. */
function server(orders: SyncOrder[], lastMutationId = 0) {
	const state = { orders, lastMutationId, refuse: new Set<number>(), tombstones: [] as string[] };
	const transport: Transport = {
		async push(request) {
			const results = request.mutations.map((m) =>
				state.refuse.has(m.id)
					? { id: m.id, outcome: 'refused' as const, reason: 'No.' }
					: { id: m.id, outcome: 'applied' as const }
			);
			state.lastMutationId = Math.max(state.lastMutationId, ...request.mutations.map((m) => m.id));
			return { kind: 'ok', body: { results, lastMutationId: state.lastMutationId } };
		},
		async pull(query): Promise<PullResponse> {
			const after = query.cursor ? Number(query.cursor) : 0;
			const changed = state.orders
				.filter((o) => o.changeSeq > after)
				.sort((a, b) => a.changeSeq - b.changeSeq);
			const page = changed.slice(0, query.limit ?? 500);
			return {
				orders: page,
				notes: [],
				photos: [],
				tombstones: state.tombstones,
				lastMutationId: state.lastMutationId,
				cursor: String(page.at(-1)?.changeSeq ?? after),
				more: page.length < changed.length
			};
		},
		async photoHead() {
			return null;
		},
		async photoPut() {
			throw new Error('no photos here');
		}
	};
	return { transport, state };
}

const DEVICE = '9d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const pull = (db: CurbsideDb, transport: Transport, limit = 500) =>
	pullChanges(db, transport, DEVICE, () => {}, limit);

async function givenMeta(db: CurbsideDb) {
	await db.meta.put({
		key: 'sync',
		value: {
			deviceId: DEVICE,
			lastMutationId: 0,
			serverLastMutationId: 0,
			cursor: null,
			lastSyncAt: null,
			pullShape: 2
		}
	});
}

describe('pull: one stored copy per order unless work is in flight', () => {
	it('[S14][S16] a first pull stores each order once, as the crew sees it', async () => {
		const db = freshDb();
		await givenMeta(db);
		const { transport } = server([
			order('CS-000001', { changeSeq: 1 }),
			order('CS-000002', { changeSeq: 2 }),
			order('CS-000003', { changeSeq: 3 })
		]);
		await pull(db, transport, 2);
		expect((await db.orders.toArray()).map((o) => o.id)).toEqual(['CS-000001', 'CS-000002', 'CS-000003']);
		expect(await db.serverOrders.count()).toBe(0);
	});

	it('[S16] the server copy is kept before the first local change, and a later pull rebases on it', async () => {
		const db = freshDb();
		await givenMeta(db);
		const { transport, state } = server([order('CS-000001'), order('CS-000002', { changeSeq: 2 })]);
		await pull(db, transport);
		await new LocalActions({ db, newId: nextUuid }).startWork('CS-000001');
		expect((await db.serverOrders.get('CS-000001'))?.status).toBe('assigned');
		expect(await db.serverOrders.get('CS-000002')).toBeUndefined();
		// The office changes the priority before the start reaches the server.
		state.orders = [order('CS-000001', { priority: 1, changeSeq: 9 })];
		await pull(db, transport);
		expect(await db.orders.get('CS-000001')).toMatchObject({ priority: 1, status: 'in_progress' });
		expect(await db.serverOrders.get('CS-000001')).toMatchObject({ priority: 1, status: 'assigned' });
	});

	it('[S6] a refused change falls back to the kept server copy', async () => {
		const db = freshDb();
		await givenMeta(db);
		const { transport, state } = server([order('CS-000001')]);
		await pull(db, transport);
		const start = await new LocalActions({ db, newId: nextUuid }).startWork('CS-000001');
		state.refuse.add(start.id);
		await pushOutbox(db, transport, DEVICE, () => {});
		expect((await db.orders.get('CS-000001'))?.status).toBe('assigned');
	});

	it('[S16] once the server confirms the work, the spare server copy goes', async () => {
		const db = freshDb();
		await givenMeta(db);
		const { transport, state } = server([order('CS-000001'), order('CS-000002', { changeSeq: 2 })]);
		await pull(db, transport);
		const actions = new LocalActions({ db, newId: nextUuid });
		await actions.startWork('CS-000001');
		await actions.addNote('CS-000002', 'Gate locked');
		await pushOutbox(db, transport, DEVICE, () => {});
		state.orders = [
			order('CS-000001', { status: 'in_progress', changeSeq: 9 }),
			order('CS-000002', { changeSeq: 10 })
		];
		await pull(db, transport);
		expect(await db.outbox.count()).toBe(0);
		expect((await db.orders.get('CS-000001'))?.status).toBe('in_progress');
		expect(await db.serverOrders.count()).toBe(0);
	});

	it('[S16] a note alone keeps the server copy too, so a refusal never shows an older order', async () => {
		const db = freshDb();
		await givenMeta(db);
		const { transport, state } = server([order('CS-000001')]);
		await pull(db, transport);
		// An outdated copy, as a pull cut off halfway or a store from an older version may leave.
		await db.serverOrders.put(order('CS-000001', { priority: 5, changeSeq: 0 }));
		const note = await new LocalActions({ db, newId: nextUuid }).addNote('CS-000001', 'Gate locked');
		expect(await db.serverOrders.get('CS-000001')).toMatchObject({ priority: 3 });
		state.refuse.add(note.id);
		await pushOutbox(db, transport, DEVICE, () => {});
		expect(await db.orders.get('CS-000001')).toMatchObject({ priority: 3, status: 'assigned' });
	});
});

describe('pull: status history (S24)', () => {
	function historyAt(id: string, orderId: string, minute: number): SyncHistoryEntry {
		return historyEntry(id, orderId, { at: `2026-11-02T14:${String(minute).padStart(2, '0')}:00.000Z` });
	}

	/** Pages served in turn, whatever the cursor: a script of what the server answered. */
	function scripted(pages: Pick<PullResponse, 'orders' | 'history' | 'cursor' | 'more'>[]) {
		const { transport } = server([]);
		let next = 0;
		transport.pull = async (): Promise<PullResponse> => {
			const page = pages[next++];
			if (!page) throw new Error('the pull asked for more pages than the script has');
			return { notes: [], photos: [], tombstones: [], lastMutationId: 0, ...page };
		};
		return transport;
	}

	it('[S24] an order brought again later in the same pull keeps one copy of each entry', async () => {
		const db = freshDb();
		await givenMeta(db);
		const transport = scripted([
			{
				orders: [order('CS-000001', { changeSeq: 1 }), order('CS-000002', { changeSeq: 2 })],
				history: [historyAt('1', 'CS-000001', 1), historyAt('2', 'CS-000002', 2)],
				cursor: '2',
				more: true
			},
			{
				// CS-000001 changed while the pull ran: it comes again, with all of its history.
				orders: [order('CS-000001', { changeSeq: 3 })],
				history: [historyAt('1', 'CS-000001', 1), historyAt('3', 'CS-000001', 3)],
				cursor: '3',
				more: false
			}
		]);
		await pull(db, transport);
		expect((await historyOf(db, 'CS-000001')).map((e) => e.id)).toEqual(['1', '3']);
		expect((await historyOf(db, 'CS-000002')).map((e) => e.id)).toEqual(['2']);
	});

	it('[S24] an order on the device before the pull moves its history into the new page’s batch', async () => {
		const db = freshDb();
		await givenMeta(db);
		await pull(
			db,
			scripted([
				{
					orders: [order('CS-000001', { changeSeq: 1 })],
					history: [historyAt('1', 'CS-000001', 1)],
					cursor: '1',
					more: false
				}
			])
		);
		await pull(
			db,
			scripted([
				{
					orders: [order('CS-000001', { changeSeq: 2 })],
					history: [historyAt('2', 'CS-000001', 2)],
					cursor: '2',
					more: false
				}
			])
		);
		expect((await historyOf(db, 'CS-000001')).map((e) => e.id)).toEqual(['1', '2']);
		expect(await db.historyBatches.count()).toBe(1);
	});
});

describe('pull: field reports numbered by the server (S13)', () => {
	it('[S13] the report’s row moves to its server id, and a link made with its device id still finds it', async () => {
		const db = freshDb();
		await givenMeta(db);
		const deviceId = nextUuid();
		await db.orders.put(order(deviceId, { clientId: deviceId }));
		const { transport } = server([order('CS-000009', { clientId: deviceId, changeSeq: 1 })]);
		await pull(db, transport);
		expect((await db.orders.toArray()).map((o) => o.id)).toEqual(['CS-000009']);
		expect((await findOrder(db, deviceId))?.id).toBe('CS-000009');
	});

	it('[S13][S15] when the numbered report leaves the crew, its device id is forgotten with it', async () => {
		const db = freshDb();
		await givenMeta(db);
		const [leaving, staying] = [nextUuid(), nextUuid()];
		await db.orders.bulkPut([order(leaving, { clientId: leaving }), order(staying, { clientId: staying })]);
		const { transport, state } = server([
			order('CS-000009', { clientId: leaving, changeSeq: 1 }),
			order('CS-000010', { clientId: staying, changeSeq: 2 })
		]);
		await pull(db, transport);
		expect(await db.renamedReports.count()).toBe(2);
		state.orders = [];
		state.tombstones = ['CS-000009'];
		await pull(db, transport);
		expect(await findOrder(db, leaving)).toBeUndefined();
		expect(await db.renamedReports.toArray()).toEqual([{ clientId: staying, orderId: 'CS-000010' }]);
	});
});
