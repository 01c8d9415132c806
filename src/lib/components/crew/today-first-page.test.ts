import { describe, expect, it } from 'vitest';
import { LocalActions } from '$lib/client/db/actions';
import { updateMeta } from '$lib/client/db/meta';
import type { CurbsideDb } from '$lib/client/db/schema';
import { DAY_ROUTE_ID } from '$lib/client/map/day-route';
import { freshDb, givenPulled, nextUuid, order } from '$lib/client/test-support';
import { forgetFirstPage, readFirstPage, readWithInputs, rememberFirstPage } from './today-first-page';

/** localStorage as the page has it, in memory. */
function memoryStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (key) => items.get(key) ?? null,
		key: (index) => [...items.keys()][index] ?? null,
		removeItem: (key) => void items.delete(key),
		setItem: (key, value) => void items.set(key, value)
	};
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
		expect(await readFirstPage(storage, db)).toBeNull();

		await rememberNow(storage, db, ['CS-000002', 'CS-000001'], 3);
		const page = await readFirstPage(storage, db);
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
		expect(await readFirstPage(storage, acted)).toBeNull();

		const pulled = await givenDevice();
		await rememberNow(storage, pulled, ['CS-000002', 'CS-000001', 'CS-000003']);
		await updateMeta(pulled, { cursor: 'c2' });
		expect(await readFirstPage(storage, pulled)).toBeNull();

		const planned = await givenDevice();
		await rememberNow(storage, planned, ['CS-000002', 'CS-000001', 'CS-000003']);
		await planned.dayRoute.put({
			id: DAY_ROUTE_ID,
			orderIds: ['CS-000003', 'CS-000001', 'CS-000002'],
			plannedAt: '2026-11-02T08:00:00.000Z'
		});
		expect(await readFirstPage(storage, planned)).toBeNull();
	});

	it('is not used when a remembered row is gone or finished, even with the same inputs', async () => {
		const db = await givenDevice();
		const storage = memoryStorage();
		await rememberNow(storage, db, ['CS-000002', 'CS-000001']);
		await db.orders.update('CS-000001', { status: 'closed' });
		expect(await readFirstPage(storage, db)).toBeNull();
		await db.orders.delete('CS-000001');
		expect(await readFirstPage(storage, db)).toBeNull();
	});

	it('belongs to one user database, and is forgotten on sign-out', async () => {
		const mine = await givenDevice();
		const theirs = await givenDevice();
		const storage = memoryStorage();
		await rememberNow(storage, mine, ['CS-000002']);
		expect(await readFirstPage(storage, theirs)).toBeNull();
		expect(await readFirstPage(storage, mine)).not.toBeNull();
		forgetFirstPage(storage, mine.name);
		expect(await readFirstPage(storage, mine)).toBeNull();
	});

	it('ignores a memo it cannot read', async () => {
		const db = await givenDevice();
		const storage = memoryStorage();
		await rememberNow(storage, db, ['CS-000002']);
		const key = storage.key(0) ?? '';
		storage.setItem(key, '{not json');
		expect(await readFirstPage(storage, db)).toBeNull();
		storage.setItem(key, JSON.stringify({ fingerprint: 1, ids: 'CS-000002', total: 1 }));
		expect(await readFirstPage(storage, db)).toBeNull();
	});
});
