import { describe, expect, it } from 'vitest';
import type { PullResponse, PushRequest } from '$lib/domain/sync/protocol';
import { LocalActions } from '../db/actions';
import type { CurbsideDb } from '../db/schema';
import { freshDb, givenPulled, nextUuid, order } from '../test-support';
import { SyncEngine } from './engine';
import type { SyncEvent } from './events';
import { inMemoryLock } from './lock';
import { TransportError, type Transport } from './transport';

/** A scripted server: records what it was sent and answers from simple rules. */
function scriptedServer() {
	const calls: string[] = [];
	const pushes: PushRequest[] = [];
	let last = 0;
	let failNext: TransportError | null = null;
	const transport: Transport = {
		async push(request) {
			calls.push('push');
			if (failNext) throw failNext;
			pushes.push(request);
			const results = request.mutations.map((m) => ({
				id: m.id,
				outcome: m.name === 'startWork' && m.id === 2 ? ('refused' as const) : ('applied' as const),
				reason: m.id === 2 ? 'Work on this order has already started.' : undefined
			}));
			last = Math.max(last, ...request.mutations.map((m) => m.id));
			return { kind: 'ok', body: { results, lastMutationId: last } };
		},
		async pull(): Promise<PullResponse> {
			calls.push('pull');
			return {
				orders: [],
				notes: [],
				photos: [],
				tombstones: [],
				lastMutationId: last,
				cursor: 'v1.1',
				more: false
			};
		},
		async photoHead() {
			calls.push('head');
			return null;
		},
		async photoPut(_sha, offset, chunk, total) {
			calls.push(`put@${offset}`);
			const received = offset + chunk.length;
			return { kind: 'ok', received, complete: received === total };
		}
	};
	return { transport, calls, pushes, failWith: (error: TransportError | null) => (failNext = error) };
}

async function deviceWithWork() {
	const db = freshDb();
	await givenPulled(db, order('CS-000001'), order('CS-000002'));
	const actions = new LocalActions({ db, newId: nextUuid });
	await actions.addPhoto('CS-000001', new Blob([new Uint8Array(600)]), 'before');
	await actions.startWork('CS-000001');
	await actions.startWork('CS-000002');
	return db;
}

/** An engine on its own lock that records every event it emits. */
function watchedEngine(db: CurbsideDb, transport: Transport) {
	const events: SyncEvent[] = [];
	const engine = new SyncEngine({ db, transport, lock: inMemoryLock(), onEvent: (e) => events.push(e) });
	return { engine, events };
}

/** What IndexedDB throws when the origin's quota is used up (Dexie keeps the name). */
const quotaError = () => Object.assign(new Error('full'), { name: 'QuotaExceededError' });

describe('SyncEngine', () => {
	it('[S7][S4] uploads photos first in resumable chunks, then pushes in device order, then pulls', async () => {
		const db = await deviceWithWork();
		const server = scriptedServer();
		const events: SyncEvent[] = [];
		const engine = new SyncEngine({
			db,
			transport: server.transport,
			lock: inMemoryLock(),
			chunkBytes: 256,
			onEvent: (e) => events.push(e)
		});
		expect(await engine.sync()).toEqual({ ok: true, pending: 0 });
		expect(server.calls).toEqual(['put@0', 'put@256', 'put@512', 'push', 'pull']);
		expect(server.pushes[0]?.mutations.map((m) => m.id)).toEqual([1, 2, 3]);
		expect(events.some((e) => e.type === 'synced')).toBe(true);
	});

	it('[S6] a refused mutation is kept as needing attention and does not block the next one', async () => {
		const db = await deviceWithWork();
		const server = scriptedServer();
		const { engine, events } = watchedEngine(db, server.transport);
		await engine.sync();
		expect(await db.outbox.toArray()).toMatchObject([{ id: 2, state: 'refused' }]);
		expect(events).toContainEqual(expect.objectContaining({ type: 'refused', mutationId: 2 }));
		// The refused start no longer shows; the applied one does.
		expect((await db.orders.get('CS-000001'))?.status).toBe('assigned');
	});

	it('[S19] an expired session keeps the outbox and says so', async () => {
		const db = await deviceWithWork();
		const server = scriptedServer();
		server.failWith(new TransportError('auth-expired', 'Please sign in again.', 401));
		const { engine, events } = watchedEngine(db, server.transport);
		expect(await engine.sync()).toMatchObject({ ok: false, failure: 'auth-expired' });
		expect(await engine.pendingCount()).toBe(3);
		expect(events).toContainEqual({ type: 'auth-expired' });
	});

	it('[S20] two syncs of one device never overlap', async () => {
		const db = await deviceWithWork();
		const server = scriptedServer();
		const lock = inMemoryLock();
		const tabs = [1, 2].map(() => new SyncEngine({ db, transport: server.transport, lock }));
		await Promise.all(tabs.map((tab) => tab.sync()));
		// The second tab found nothing left to push: one push, the whole queue, once.
		expect(server.pushes.map((p) => p.mutations.map((m) => m.id))).toEqual([[1, 2, 3]]);
	});

	it('[S26] a sync that finds the device full removes map tiles, oldest first, and runs again; queued work stays', async () => {
		const db = await deviceWithWork();
		await db.tiles.bulkPut(
			Array.from({ length: 6 }, (_, n) => ({
				key: `14/${n}/0`,
				pack: 'crew-area',
				data: new ArrayBuffer(4 * 1024 * 1024),
				bytes: 4 * 1024 * 1024,
				storedAt: '2026-11-02T08:00:00.000Z',
				lastUsedAt: n
			}))
		);
		const server = scriptedServer();
		const pull = server.transport.pull;
		// The device is full until 8 MB of tiles are gone: the pull's write is refused until then.
		server.transport.pull = async (query) => {
			if ((await db.tiles.count()) > 4) throw quotaError();
			return pull(query);
		};
		const { engine, events } = watchedEngine(db, server.transport);
		expect(await engine.sync()).toEqual({ ok: true, pending: 0 });
		expect((await db.tiles.toCollection().primaryKeys()).sort()).toEqual([
			'14/2/0',
			'14/3/0',
			'14/4/0',
			'14/5/0'
		]);
		// Everything queued went up once, on the first run, before the pull ran out of room.
		expect(server.pushes.map((p) => p.mutations.map((m) => m.id))).toEqual([[1, 2, 3]]);
		expect(events).not.toContainEqual({ type: 'quota-exceeded' });
	});

	it('[S26] a device still full with no tile left says so once, and keeps its queue', async () => {
		const db = await deviceWithWork();
		const server = scriptedServer();
		server.transport.push = () => Promise.reject(quotaError());
		const { engine, events } = watchedEngine(db, server.transport);
		expect(await engine.sync()).toMatchObject({ ok: false, failure: 'quota-exceeded' });
		expect(events.filter((e) => e.type === 'quota-exceeded')).toHaveLength(1);
		expect(await engine.pendingCount()).toBe(3);
	});
});
