/**
 * When a pull page says there is more, the server reads the device's next page ahead
 * (src/lib/server/sync/pull-ahead.ts). These tests hold that page to the pull's guarantees: it is
 * the answer as of when it was read, nothing changed since is lost, and a push is never answered
 * with a page read before it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse, SyncOrder } from '../../src/lib/domain';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { pullAheadFor } from '../../src/lib/server/sync/pull-ahead';
import { testBackends } from './backends';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { mutation, NOW, syncWorld, type SyncWorld } from './sync-world';

describe.each(testBackends())('sync pull read ahead on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;
	let world: SyncWorld;
	const danaDevice = '5b1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
	const samDevice = '6c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
	const ids = ['CS-000001', 'CS-000002', 'CS-000003', 'CS-000004', 'CS-000005', 'CS-000006'];

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		world = await syncWorld(handle);
		for (const id of ids) await world.givenOrder(id);
	});
	afterEach(async () => {
		await pullAheadFor(handle.db).settled();
		world.cleanup();
		await drop();
	});

	/** A pull as a device asks it: after `page`, from its cursor, naming the catalogue it brought. */
	async function pull(user: SessionUser, deviceId: string, limit: number, page?: PullResponse) {
		const query = { deviceId, limit, cursor: page?.cursor, services: page?.servicesVersion };
		const answer = await world.sync.pull(user, query, NOW);
		if (answer.status !== 200) throw new Error(`pull answered ${answer.status}`);
		return answer.body as PullResponse;
	}

	/** Pulls pages of `limit` from `cursor` to the end; the device's store, last copy of each order winning. */
	async function pullToEnd(after: PullResponse, limit: number, into = new Map<string, SyncOrder>()) {
		let page = after;
		for (let n = 0; n < 20; n++) {
			page = await pull(world.dana, danaDevice, limit, page);
			for (const order of page.orders) into.set(order.id, order);
			if (!page.more) return { orders: into, last: page };
		}
		throw new Error('the pull did not end');
	}

	it('[S14] nothing changed after a page was read ahead is lost: it comes on a later page', async () => {
		const first = await pull(world.dana, danaDevice, 2);
		expect(first.more).toBe(true);
		await pullAheadFor(handle.db).settled();
		// Sam starts work on an order Dana already has and on one the page read ahead holds.
		await world.pushOk(world.sam, samDevice, [
			mutation(1, 'startWork', { orderId: 'CS-000001' }),
			mutation(2, 'startWork', { orderId: 'CS-000003' })
		]);

		const second = await pull(world.dana, danaDevice, 2, first);
		// The page read ahead answers as of when it was read ...
		expect(second.orders.map((order) => [order.id, order.status])).toEqual([
			['CS-000003', 'assigned'],
			['CS-000004', 'assigned']
		]);
		// ... and the pull goes on to the newest copy of every order.
		const device = new Map(first.orders.map((order) => [order.id, order]));
		for (const order of second.orders) device.set(order.id, order);
		const { orders } = await pullToEnd(second, 2, device);
		expect([...orders.keys()].sort()).toEqual(ids);
		expect(orders.get('CS-000001')?.status).toBe('in_progress');
		expect(orders.get('CS-000003')?.status).toBe('in_progress');
	});

	it('[S16] after the device pushes, its next pull is read fresh: it confirms the push and shows it', async () => {
		// The page read ahead is the last one: it would end the pull without the push.
		const first = await pull(world.dana, danaDevice, 4);
		await pullAheadFor(handle.db).settled();
		await world.pushOk(world.dana, danaDevice, [mutation(1, 'startWork', { orderId: 'CS-000005' })]);

		const { orders, last } = await pullToEnd(first, 4);
		expect(last.lastMutationId).toBe(1);
		expect(orders.get('CS-000005')?.status).toBe('in_progress');
	});

	it('[S14] a page read ahead equals the page read on request when nothing changed', async () => {
		const first = await pull(world.dana, danaDevice, 2);
		await pullAheadFor(handle.db).settled();
		const ahead = await pull(world.dana, danaDevice, 2, first);
		// Sam's device asks the same question with nothing read ahead for it.
		const fresh = await pull(world.sam, samDevice, 2, first);
		expect(ahead).toEqual(fresh);
	});

	it('[S14] a different question from the same device is read fresh', async () => {
		const first = await pull(world.dana, danaDevice, 2);
		await pullAheadFor(handle.db).settled();
		const larger = await pull(world.dana, danaDevice, 3, first);
		expect(larger.orders.map((order) => order.id)).toEqual(['CS-000003', 'CS-000004', 'CS-000005']);
	});
});
