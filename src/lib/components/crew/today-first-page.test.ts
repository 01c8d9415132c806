import { describe, expect, it } from 'vitest';
import { LocalActions } from '$lib/client/db/actions';
import { updateMeta } from '$lib/client/db/meta';
import type { CurbsideDb, OutboxEntry } from '$lib/client/db/schema';
import { DAY_ROUTE_ID } from '$lib/client/map/day-route';
import { freshDb, givenPulled, memoryStorage, nextUuid, order } from '$lib/client/test-support';
import { IDBFactory, indexedDB } from 'fake-indexeddb';
import {
	fingerprintOf,
	forgetFirstPage,
	readFirstPage,
	readWithInputs,
	rememberFirstPage,
	startFirstPageRead,
	takeFirstPageRead
} from './today-first-page';

/** What a cold start does: IndexedDB read directly, by the database's name (no Dexie). */
function firstPageOf(storage: Storage, db: CurbsideDb) {
	return readFirstPage(storage, db.name, indexedDB);
}

/** What the Today page does after each full read: remembers its first open rows with the inputs. */
async function rememberNow(storage: Storage, db: CurbsideDb, ids: string[], total = ids.length) {
	const { inputs } = await readWithInputs(db, () => db.orders.toArray());
	rememberFirstPage(storage, db.name, inputs, ids, total);
}

async function givenDevice(): Promise<CurbsideDb> {
	const db = freshDb();
	await updateMeta(db, { cursor: 'c1' });
	await givenPulled(
		db,
		order('CS-000001', { routeOrder: 2 }),
		order('CS-000002', { routeOrder: 1 }),
		order('CS-000003', { routeOrder: 3 })
	);
	return db;
}

describe('the first screenful of Today, remembered between starts', () => {
	it('is read back fresh, in the remembered order, while nothing in the store changed', async () => {
		const db = await givenDevice();
		const storage = memoryStorage();
		expect(await firstPageOf(storage, db)).toBeNull();

		await rememberNow(storage, db, ['CS-000002', 'CS-000001'], 3);
		const page = await firstPageOf(storage, db);
		expect(page?.rows.map((row) => row.id)).toEqual(['CS-000002', 'CS-000001']);
		expect(page?.total).toBe(3);
		// Only ids are kept in localStorage, never an order's text.
		expect(
			JSON.stringify([...Array(storage.length).keys()].map((n) => storage.getItem(storage.key(n) ?? '')))
		).not.toContain('Main St');
	});

	it('is not used once a local action, a pull or a new day route changed what Today shows', async () => {
		const storage = memoryStorage();

		const acted = await givenDevice();
		await rememberNow(storage, acted, ['CS-000002', 'CS-000001', 'CS-000003']);
		await new LocalActions({ db: acted, newId: nextUuid }).startWork('CS-000003');
		expect(await firstPageOf(storage, acted)).toBeNull();

		const pulled = await givenDevice();
		await rememberNow(storage, pulled, ['CS-000002', 'CS-000001', 'CS-000003']);
		await updateMeta(pulled, { cursor: 'c2' });
		expect(await firstPageOf(storage, pulled)).toBeNull();

		const planned = await givenDevice();
		await rememberNow(storage, planned, ['CS-000002', 'CS-000001', 'CS-000003']);
		await planned.dayRoute.put({
			id: DAY_ROUTE_ID,
			orderIds: ['CS-000003', 'CS-000001', 'CS-000002'],
			plannedAt: '2026-11-02T08:00:00.000Z'
		});
		expect(await firstPageOf(storage, planned)).toBeNull();
		// The new route itself, remembered again, is read back.
		await rememberNow(storage, planned, ['CS-000003', 'CS-000001', 'CS-000002']);
		expect((await firstPageOf(storage, planned))?.rows.map((row) => row.id)).toEqual([
			'CS-000003',
			'CS-000001',
			'CS-000002'
		]);
	});

	it('is not used when a remembered row is gone or finished, even with the same inputs', async () => {
		const db = await givenDevice();
		const storage = memoryStorage();
		await rememberNow(storage, db, ['CS-000002', 'CS-000001']);
		await db.orders.update('CS-000001', { status: 'closed' });
		expect(await firstPageOf(storage, db)).toBeNull();
		await db.orders.delete('CS-000001');
		expect(await firstPageOf(storage, db)).toBeNull();
	});

	it('belongs to one user database, and is forgotten on sign-out', async () => {
		const mine = await givenDevice();
		const theirs = await givenDevice();
		const storage = memoryStorage();
		await rememberNow(storage, mine, ['CS-000002']);
		expect(await firstPageOf(storage, theirs)).toBeNull();
		expect(await firstPageOf(storage, mine)).not.toBeNull();
		forgetFirstPage(storage, mine.name);
		expect(await firstPageOf(storage, mine)).toBeNull();
	});

	it('ignores a memo it cannot read', async () => {
		const db = await givenDevice();
		const storage = memoryStorage();
		await rememberNow(storage, db, ['CS-000002']);
		const key = storage.key(0) ?? '';
		storage.setItem(key, '{not json');
		expect(await firstPageOf(storage, db)).toBeNull();
		storage.setItem(key, JSON.stringify({ fingerprint: 1, ids: 'CS-000002', total: 1 }));
		expect(await firstPageOf(storage, db)).toBeNull();
	});

	it('counts refused and late work the same way as the full read does', async () => {
		const db = await givenDevice();
		const storage = memoryStorage();
		const entry = (id: number, state: OutboxEntry['state']) =>
			({ id, mutation: {}, orderId: null, photoShas: [], state, reason: null }) as unknown as OutboxEntry;
		await db.outbox.bulkAdd([entry(3, 'refused'), entry(1, 'late'), entry(2, 'pending'), entry(4, 'late')]);
		await rememberNow(storage, db, ['CS-000002']);
		expect((await firstPageOf(storage, db))?.rows.map((row) => row.id)).toEqual(['CS-000002']);
	});

	it('gives the same fingerprint whatever order the outbox keys come in', () => {
		const inputs = { meta: undefined, routeIds: ['a'], outboxIds: [1, 2, 3], settledIds: [1, 3] };
		expect(fingerprintOf({ ...inputs, outboxIds: [3, 1, 2], settledIds: [3, 1] })).toBe(
			fingerprintOf(inputs)
		);
		expect(fingerprintOf({ ...inputs, settledIds: [1] })).not.toBe(fingerprintOf(inputs));
	});

	it('never creates a database that is not there, and leaves one it does not know alone', async () => {
		const factory = new IDBFactory();
		const storage = memoryStorage();
		storage.setItem(
			'curbside.today-first-page.gone',
			JSON.stringify({ fingerprint: 'x', ids: ['CS-000001'], total: 1 })
		);
		expect(await readFirstPage(storage, 'gone', factory)).toBeNull();
		expect((await factory.databases()).map((db) => db.name)).not.toContain('gone');

		// An unknown shape (no outbox): nothing shown early, and the database is as it was.
		const open = factory.open('gone', 5);
		open.onupgradeneeded = () => open.result.createObjectStore('orders', { keyPath: 'id' });
		await new Promise((resolve) => (open.onsuccess = resolve));
		open.result.close();
		expect(await readFirstPage(storage, 'gone', factory)).toBeNull();
		expect((await factory.databases()).find((db) => db.name === 'gone')?.version).toBe(5);
	});

	it('starts early for one database and hands that read over once, to that database only', async () => {
		const mine = await givenDevice();
		const theirs = await givenDevice();
		const storage = memoryStorage();
		await rememberNow(storage, mine, ['CS-000002']);
		await rememberNow(storage, theirs, ['CS-000001']);

		startFirstPageRead(storage, mine.name, indexedDB);
		// Another person turned out to be signed in: their own rows, read now, never the early ones.
		const other = await takeFirstPageRead(storage, theirs.name, indexedDB);
		expect(other?.rows.map((row) => row.id)).toEqual(['CS-000001']);

		startFirstPageRead(storage, mine.name, indexedDB);
		expect((await takeFirstPageRead(storage, mine.name, indexedDB))?.rows.map((row) => row.id)).toEqual([
			'CS-000002'
		]);
		// Used once: a later start (after a store change) reads afresh.
		await mine.orders.update('CS-000002', { status: 'closed' });
		expect(await takeFirstPageRead(storage, mine.name, indexedDB)).toBeNull();
	});
});
