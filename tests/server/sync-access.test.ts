import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { testBackends } from './backends';
import { mutation, NOW, syncWorld, type SyncWorld } from './sync-world';

describe.each(testBackends())('who may sync on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;
	let world: SyncWorld;
	const device = '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716';

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		world = await syncWorld(handle);
		await world.givenOrder('CS-000001');
	});
	afterEach(async () => {
		world.cleanup();
		await drop();
	});

	const start = [mutation(1, 'startWork', { orderId: 'CS-000001' })];

	it('[S17] refuses a supervisor and a crew member without a crew', async () => {
		const crewless = { ...world.dana, crewId: null };
		for (const user of [world.supervisor, crewless]) {
			expect((await world.push(user, device, start)).status).toBe(403);
			expect((await world.sync.pull(user, { deviceId: device }, NOW)).status).toBe(403);
		}
		expect((await world.repos.workOrders.get('CS-000001'))?.field_status).toBe('assigned');
	});

	it('[S18] a device belongs to its first user: another user’s push and pull are refused', async () => {
		await world.pushOk(world.dana, device, start);
		const push = await world.push(world.sam, device, [mutation(2, 'startWork', { orderId: 'CS-000001' })]);
		expect(push).toMatchObject({ status: 403, body: { error: expect.stringMatching(/someone else/) } });
		expect((await world.sync.pull(world.sam, { deviceId: device }, NOW)).status).toBe(403);
	});

	it('[S18] a revoked device can no longer sync', async () => {
		await world.pushOk(world.dana, device, start);
		await world.repos.devices.revoke(device, NOW.toISOString());
		expect((await world.push(world.dana, device, [])).status).toBe(403);
		expect((await world.sync.pull(world.dana, { deviceId: device }, NOW)).status).toBe(403);
	});

	it('[S17] another crew can pull only its own orders', async () => {
		const page = await world.sync.pull(world.lee, { deviceId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' }, NOW);
		expect(page.status).toBe(200);
		expect(page.body).toMatchObject({ orders: [], tombstones: [] });
	});
});
