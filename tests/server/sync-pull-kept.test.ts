/**
 * A pull keeps each order's notes, photo links and history in memory by the order's change number
 * (src/lib/server/sync/order-children.ts), so a crew's other devices are served without reading
 * them again. These tests hold it to what a pull straight from the database sends.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/lib/domain';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { SyncPullRepository } from '../../src/lib/server/repositories/sync-pull';
import { historyFor, toSyncHistoryEntry } from '../../src/lib/server/sync/history-view';
import { childrenOf } from '../../src/lib/server/sync/order-children';
import { toSyncNote, toSyncPhotoLink } from '../../src/lib/server/sync/sync-views';
import { TINY_JPEG } from '../fixtures/images';
import { testBackends } from './backends';
import { mutation, syncWorld, uuid, type SyncWorld } from './sync-world';

describe.each(testBackends())('sync pull served from kept order children on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;
	let world: SyncWorld;
	const danaDevice = '5b1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
	const samDevice = '6c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		world = await syncWorld(handle);
	});
	afterEach(async () => {
		world.cleanup();
		await drop();
	});

	/** What the page's orders hold in the database now, in the order the queries give it. */
	async function straightFromDatabase(page: PullResponse) {
		const ids = page.orders.map((order) => order.id);
		const reads = new SyncPullRepository(handle.db);
		return {
			notes: (await reads.notesFor(ids)).map(toSyncNote),
			photos: (await reads.photosFor(ids)).map(toSyncPhotoLink),
			history: (await historyFor(handle.db, ids)).map(toSyncHistoryEntry)
		};
	}

	async function givenWorkOnThreeOrders(): Promise<void> {
		for (const id of ['CS-000001', 'CS-000002', 'CS-000003']) await world.givenOrder(id);
		const sha256 = (await world.photos.putComplete(TINY_JPEG)).sha256;
		await world.pushOk(world.dana, danaDevice, [
			mutation(1, 'startWork', { orderId: 'CS-000003' }),
			mutation(2, 'addNote', { noteId: uuid(), orderId: 'CS-000001', body: 'Second' }),
			mutation(
				3,
				'addNote',
				{ noteId: uuid(), orderId: 'CS-000002', body: 'First' },
				'2026-11-02T14:10:00.000Z'
			),
			mutation(4, 'addPhoto', { linkId: uuid(), orderId: 'CS-000001', sha256, kind: 'before' }),
			mutation(
				5,
				'addNote',
				{ noteId: uuid(), orderId: 'CS-000003', body: 'Third' },
				'2026-11-02T14:40:00.000Z'
			)
		]);
	}

	it('[S14][S24] a crew mate’s pull from memory sends the same notes, photo links and history, in the database’s order', async () => {
		await givenWorkOnThreeOrders();
		const first = await world.pullOk(world.dana, danaDevice);
		const second = await world.pullOk(world.sam, samDevice);
		const expected = await straightFromDatabase(first);
		expect(expected.notes.map((note) => note.body)).toEqual(['First', 'Second', 'Third']);
		expect(expected.history.length).toBeGreaterThan(3);
		for (const page of [first, second]) {
			expect(page.orders).toEqual(first.orders);
			expect(page.notes).toEqual(expected.notes);
			expect(page.photos).toEqual(expected.photos);
			expect(page.history).toEqual(expected.history);
		}
	});

	it('[S14] a note added after a pull reaches every device with its order, from the cursor and from the beginning', async () => {
		await givenWorkOnThreeOrders();
		const danaFirst = await world.pullOk(world.dana, danaDevice);
		await world.pullOk(world.sam, samDevice);
		await world.pushOk(world.sam, samDevice, [
			mutation(
				1,
				'addNote',
				{ noteId: uuid(), orderId: 'CS-000001', body: 'Later' },
				'2026-11-02T14:50:00.000Z'
			)
		]);

		const next = await world.pullOk(world.dana, danaDevice, danaFirst.cursor);
		expect(next.orders.map((order) => order.id)).toEqual(['CS-000001']);
		expect(next.notes.map((note) => note.body)).toEqual(['Second', 'Later']);
		expect(next.history?.at(-1)).toMatchObject({ orderId: 'CS-000001', action: 'noted' });
		expect(next).toMatchObject(await straightFromDatabase(next));

		for (const [user, device] of [
			[world.dana, danaDevice],
			[world.sam, samDevice]
		] as const) {
			const whole = await world.pullOk(user, device);
			expect(whole.notes.map((note) => note.body)).toEqual(['First', 'Second', 'Third', 'Later']);
			expect(whole).toMatchObject(await straightFromDatabase(whole));
		}
	});

	it('reads an order’s children again once kept for a minute, so a renamed author shows under the new name', async () => {
		await givenWorkOnThreeOrders();
		const page = await world.pullOk(world.dana, danaDevice);
		const orders = page.orders.map((order) => ({ id: order.id, change_seq: order.changeSeq }));
		const start = 1_000_000;
		await childrenOf(handle.db, orders, start);
		await handle.db
			.updateTable('users')
			.set({ display_name: 'Dana R.' })
			.where('id', '=', world.dana.id)
			.execute();

		const kept = await childrenOf(handle.db, orders, start + 1_000);
		expect(new Set(kept.notes.map((note) => note.authorName))).toEqual(new Set([world.dana.displayName]));
		const later = await childrenOf(handle.db, orders, start + 61_000);
		expect(new Set(later.notes.map((note) => note.authorName))).toEqual(new Set(['Dana R.']));
	});
});
