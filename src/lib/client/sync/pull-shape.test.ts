import { describe, expect, it } from 'vitest';
import type { PullResponse, SyncCatalogueService, SyncHistoryEntry } from '$lib/domain/sync/protocol';
import { PULL_SHAPE } from '$lib/domain/sync/protocol';
import { LocalActions } from '../db/actions';
import type { CurbsideDb } from '../db/schema';
import { freshDb, givenPulled, historyEntry, nextUuid, order } from '../test-support';
import { historyOf } from './history-store';
import { pullChanges } from './pull';
import type { PullQuery, Transport } from './transport';

function history(id: string, orderId: string, action: string): SyncHistoryEntry {
	return historyEntry(id, orderId, { action });
}

function service(code: string, group = 'Streets'): SyncCatalogueService {
	return {
		code,
		name: code.toLowerCase(),
		description: '',
		group,
		attributes: [],
		closeRequirements: { afterPhoto: false, timeOnSite: false, materials: false },
		sortOrder: 1
	};
}

/** A server that answers pulls from a list of pages and records the queries. */
function pagesServer(pages: Partial<PullResponse>[]) {
	const queries: PullQuery[] = [];
	const transport: Transport = {
		async push() {
			throw new Error('no push here');
		},
		async pull(query) {
			queries.push(query);
			const page = pages.shift();
			if (!page) throw new Error('no more pages');
			return {
				orders: [],
				notes: [],
				photos: [],
				tombstones: [],
				lastMutationId: 0,
				cursor: 'v1.9',
				more: false,
				...page
			};
		},
		async photoHead() {
			return null;
		},
		async photoPut() {
			throw new Error('no photos here');
		}
	};
	return { transport, queries };
}

async function givenMeta(db: CurbsideDb, value: Record<string, unknown>) {
	await db.meta.put({
		key: 'sync',
		value: {
			deviceId: '9d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
			lastMutationId: 0,
			serverLastMutationId: 0,
			cursor: 'v1.5',
			lastSyncAt: null,
			...value
		}
	});
}

const pull = (db: CurbsideDb, transport: Transport) =>
	pullChanges(db, transport, '9d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', () => {});

describe('pull: history and catalogue', () => {
	it('[S24] stores each order’s history and drops it with a tombstoned order', async () => {
		const db = freshDb();
		await givenMeta(db, { pullShape: PULL_SHAPE });
		const server = pagesServer([
			{
				orders: [order('CS-000001'), order('CS-000002')],
				history: [history('1', 'CS-000001', 'created'), history('2', 'CS-000002', 'created')]
			},
			{ tombstones: ['CS-000002'], history: [] }
		]);
		await pull(db, server.transport);
		expect((await historyOf(db, 'CS-000001')).map((h) => h.id)).toEqual(['1']);
		expect((await historyOf(db, 'CS-000002')).map((h) => h.id)).toEqual(['2']);
		await pull(db, server.transport);
		expect(await historyOf(db, 'CS-000002')).toEqual([]);
		expect((await historyOf(db, 'CS-000001')).map((h) => h.id)).toEqual(['1']);
	});

	it('[S25] sends its catalogue version, and replaces the catalogue only when one comes', async () => {
		const db = freshDb();
		await givenMeta(db, { pullShape: PULL_SHAPE });
		const server = pagesServer([
			{ servicesVersion: 'a1', services: [service('POTHOLE'), service('GRAFFITI', 'Parks')] },
			{ servicesVersion: 'a1' },
			{ servicesVersion: 'b2', services: [service('POTHOLE')] }
		]);
		await pull(db, server.transport);
		expect((await db.services.toArray()).map((s) => s.code).sort()).toEqual(['GRAFFITI', 'POTHOLE']);
		await pull(db, server.transport);
		expect(await db.services.count()).toBe(2);
		await pull(db, server.transport);
		expect((await db.services.toArray()).map((s) => s.code)).toEqual(['POTHOLE']);
		expect(server.queries.map((q) => q.services ?? null)).toEqual([null, 'a1', 'a1']);
		expect((await db.meta.get('sync'))?.value.servicesVersion).toBe('b2');
	});

	it('[S24] a store filled by an older pull shape refills from the beginning, keeping work in flight', async () => {
		const db = freshDb();
		await givenMeta(db, {});
		// CS-000003 left the crew while the device was on the old shape; CS-000001 is still the crew's.
		await givenPulled(db, order('CS-000001'), order('CS-000003'));
		const actions = new LocalActions({ db, newId: nextUuid });
		await actions.startWork('CS-000001');
		const server = pagesServer([
			{
				orders: [order('CS-000001')],
				history: [history('1', 'CS-000001', 'created')],
				more: true,
				cursor: 'v1.3'
			},
			{ orders: [], history: [], more: false, cursor: 'v1.7' }
		]);
		await pull(db, server.transport);
		expect(server.queries.map((q) => q.cursor)).toEqual([null, 'v1.3']);
		expect((await db.orders.toArray()).map((o) => o.id)).toEqual(['CS-000001']);
		// The pending start is still re-applied over the refilled server copy.
		expect((await db.orders.get('CS-000001'))?.status).toBe('in_progress');
		expect((await historyOf(db, 'CS-000001')).map((h) => h.id)).toEqual(['1']);
		const meta = (await db.meta.get('sync'))?.value;
		expect(meta).toMatchObject({ pullShape: PULL_SHAPE, refilling: false, cursor: 'v1.7' });
	});

	it('[S24] a refill cut halfway resumes from its cursor and still sweeps at the end', async () => {
		const db = freshDb();
		await givenMeta(db, {});
		await givenPulled(db, order('CS-000001'), order('CS-000003'));
		const first = pagesServer([{ orders: [order('CS-000001')], more: true, cursor: 'v1.3' }]);
		await expect(pull(db, first.transport)).rejects.toThrow('no more pages');
		expect((await db.meta.get('sync'))?.value).toMatchObject({ refilling: true, cursor: 'v1.3' });
		const second = pagesServer([{ more: false, cursor: 'v1.7' }]);
		await pull(db, second.transport);
		expect(second.queries.map((q) => q.cursor)).toEqual(['v1.3']);
		expect((await db.orders.toArray()).map((o) => o.id)).toEqual(['CS-000001']);
	});

	it("[S27] a device whose crew changed refills from the beginning: the old crew's orders go, the new crew's older ones come", async () => {
		const db = freshDb();
		await givenMeta(db, { crewId: 'crew-north', pullShape: PULL_SHAPE });
		await givenPulled(db, order('CS-000001'), order('CS-000003'));
		const server = pagesServer([
			// Asked with the old cursor: only changes since, for the new crew. Dropped unwritten.
			{ crewId: 'crew-south', orders: [order('CS-000009')], cursor: 'v1.12' },
			{ crewId: 'crew-south', orders: [order('CS-000007')], more: true, cursor: 'v1.4' },
			{ crewId: 'crew-south', orders: [order('CS-000009')], more: false, cursor: 'v1.12' }
		]);
		await pull(db, server.transport);
		expect(server.queries.map((q) => q.cursor)).toEqual(['v1.5', null, 'v1.4']);
		expect((await db.orders.toArray()).map((o) => o.id).sort()).toEqual(['CS-000007', 'CS-000009']);
		const meta = (await db.meta.get('sync'))?.value;
		expect(meta).toMatchObject({ crewId: 'crew-south', refilling: false, cursor: 'v1.12' });
	});

	it('[S27] the first pull that names a crew only records it; the same crew again changes nothing', async () => {
		const db = freshDb();
		await givenMeta(db, { pullShape: PULL_SHAPE });
		await givenPulled(db, order('CS-000001'));
		const server = pagesServer([
			{ crewId: 'crew-north', cursor: 'v1.6' },
			{ crewId: 'crew-north', cursor: 'v1.7' }
		]);
		await pull(db, server.transport);
		await pull(db, server.transport);
		expect(server.queries.map((q) => q.cursor)).toEqual(['v1.5', 'v1.6']);
		expect((await db.orders.toArray()).map((o) => o.id)).toEqual(['CS-000001']);
		expect((await db.meta.get('sync'))?.value).toMatchObject({ crewId: 'crew-north', cursor: 'v1.7' });
	});
});
