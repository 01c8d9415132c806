import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PullResponse } from '../../src/lib/domain';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { AuditEntry } from '../../src/lib/server/repositories';
import { withRepositories } from '../../src/lib/server/repositories';
import { TINY_JPEG } from '../fixtures/images';
import { orderRow, T0 } from './fixtures';
import { testBackends } from './backends';
import { mutation, NOW, syncWorld, uuid, type SyncWorld } from './sync-world';

describe.each(testBackends())('sync pull on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;
	let world: SyncWorld;
	const device = '9d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		world = await syncWorld(handle);
	});
	afterEach(async () => {
		world.cleanup();
		await drop();
	});

	const bySupervisor = (action: string): AuditEntry => ({
		at: T0,
		actorUserId: world.supervisor.id,
		actorKind: 'supervisor',
		action
	});

	/** Pulls until `more` is false; returns every page. */
	async function pullAll(cursor?: string, limit?: number): Promise<PullResponse[]> {
		const pages: PullResponse[] = [];
		for (;;) {
			const page = await world.pullOk(world.dana, device, cursor, limit);
			pages.push(page);
			cursor = page.cursor;
			if (!page.more) return pages;
		}
	}

	it('[S14] streams 1,200 orders in small pages: no change missed or sent twice, while others write', async () => {
		await withRepositories(handle.db, async (repos) => {
			for (let n = 1; n <= 1200; n++) {
				const id = `CS-${String(n).padStart(6, '0')}`;
				const crew = n % 7 === 0 ? 'crew-south' : 'crew-north';
				await repos.workOrders.insert(
					orderRow(id, { crew_id: crew, field_status: 'assigned' }),
					bySupervisor('created')
				);
			}
		});
		const expected = Array.from({ length: 1200 }, (_, i) => i + 1)
			.filter((n) => n % 7 !== 0)
			.map((n) => `CS-${String(n).padStart(6, '0')}`);
		const seen: string[] = [];
		let cursor: string | undefined;
		let pages = 0;
		for (;;) {
			const page = await world.pullOk(world.dana, device, cursor, 100);
			seen.push(...page.orders.map((o) => o.id));
			expect(page.orders.length).toBeLessThanOrEqual(100);
			pages++;
			// Writes between pages: an order already pulled changes again, and so does one not pulled yet.
			if (pages === 3) {
				await world.repos.workOrders.update('CS-000001', { priority: 1 }, bySupervisor('updated'));
				await world.repos.workOrders.update('CS-001199', { priority: 1 }, bySupervisor('updated'));
			}
			cursor = page.cursor;
			if (!page.more) break;
		}
		const distinctLatest = new Set(seen);
		expect([...distinctLatest].sort()).toEqual(expected);
		// Only the order changed again after it was pulled comes twice, by design.
		expect(seen.length).toBe(expected.length + 1);
		expect(seen.filter((id) => id === 'CS-000001')).toHaveLength(2);
		expect(pages).toBeGreaterThanOrEqual(11);
		const after = await world.pullOk(world.dana, device, cursor, 100);
		expect(after).toMatchObject({ orders: [], tombstones: [], more: false, cursor });
	});

	it('[S14] returns each order with its service, notes and photo links, oldest change first', async () => {
		await world.givenOrder('CS-000001');
		await world.givenOrder('CS-000002');
		const sha256 = (await world.photos.putComplete(TINY_JPEG)).sha256;
		await world.pushOk(world.dana, device, [
			mutation(1, 'addNote', { noteId: uuid(), orderId: 'CS-000001', body: 'On my way' }),
			mutation(2, 'addPhoto', { linkId: uuid(), orderId: 'CS-000001', sha256, kind: 'before' })
		]);
		const page = await world.pullOk(world.dana, device);
		expect(page.orders.map((o) => o.id)).toEqual(['CS-000002', 'CS-000001']);
		expect(page.orders[1]).toMatchObject({
			serviceCode: 'POTHOLE',
			serviceName: 'Pothole',
			status: 'assigned',
			closeRequirements: { afterPhoto: true, timeOnSite: false, materials: false },
			attributes: {},
			materials: []
		});
		expect(page.notes).toMatchObject([
			{ orderId: 'CS-000001', body: 'On my way', authorName: 'User dana', lateReport: false }
		]);
		expect(page.photos).toMatchObject([{ orderId: 'CS-000001', sha256, kind: 'before' }]);
		expect(page.lastMutationId).toBe(2);
	});

	it('[S15] tombstones orders reassigned, unassigned or cancelled since the cursor, and only those', async () => {
		for (const id of ['CS-000001', 'CS-000002', 'CS-000003', 'CS-000004', 'CS-000005'])
			await world.givenOrder(id);
		const first = await world.pullOk(world.dana, device);
		expect(first.tombstones).toEqual([]);
		expect(first.orders).toHaveLength(5);

		await world.repos.workOrders.update('CS-000001', { crew_id: 'crew-south' }, bySupervisor('assigned'));
		await world.repos.workOrders.update(
			'CS-000002',
			{ crew_id: null, field_status: 'new' },
			bySupervisor('unassigned')
		);
		await world.repos.workOrders.update(
			'CS-000003',
			{ field_status: 'cancelled' },
			bySupervisor('cancelled')
		);
		// Away and back again: still the crew's, so it comes as an order, not a tombstone.
		await world.repos.workOrders.update('CS-000004', { crew_id: 'crew-south' }, bySupervisor('assigned'));
		await world.repos.workOrders.update('CS-000004', { crew_id: 'crew-north' }, bySupervisor('assigned'));

		const pages = await pullAll(first.cursor, 2);
		const tombstones = pages.flatMap((p) => p.tombstones).sort();
		expect(tombstones).toEqual(['CS-000001', 'CS-000002', 'CS-000003']);
		expect(pages.flatMap((p) => p.orders).map((o) => o.id)).toEqual(['CS-000004']);

		// The other crew gets it as an ordinary order.
		const south = await world.sync.pull(world.lee, { deviceId: uuid() }, NOW);
		expect((south.body as PullResponse).orders.map((o) => o.id)).toEqual(['CS-000001']);
	});

	it('[S16] carries the device’s last applied mutation id', async () => {
		await world.givenOrder('CS-000001');
		expect((await world.pullOk(world.dana, device)).lastMutationId).toBe(0);
		await world.pushOk(world.dana, device, [
			mutation(1, 'startWork', { orderId: 'CS-000001' }),
			mutation(2, 'startWork', { orderId: 'CS-000001' })
		]);
		const page = await world.pullOk(world.dana, device);
		expect(page.lastMutationId).toBe(2);
		expect(page.orders[0]?.status).toBe('in_progress');
	});

	it('[S14] refuses a cursor it did not give out, a bad limit and a bad device id with 400', async () => {
		const ask = (query: { deviceId: string; cursor?: string; limit?: number }) =>
			world.sync.pull(world.dana, query, NOW);
		expect((await ask({ deviceId: device, cursor: 'garbage' })).status).toBe(400);
		expect((await ask({ deviceId: device, cursor: 'v1.999999' })).status).toBe(400);
		expect((await ask({ deviceId: device, limit: 0 })).status).toBe(400);
		expect((await ask({ deviceId: device, limit: 2001 })).status).toBe(400);
		expect((await ask({ deviceId: 'device-1' })).status).toBe(400);
		expect((await ask({ deviceId: device, limit: 2000 })).status).toBe(200);
	});
});
