import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/lib/domain';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { TINY_JPEG } from '../fixtures/images';
import { givenService, T0 } from './fixtures';
import { testBackends } from './backends';
import { mutation, NOW, syncWorld, uuid, type SyncWorld } from './sync-world';

describe.each(testBackends())('sync pull history and catalogue on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;
	let world: SyncWorld;
	const device = '4a1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		world = await syncWorld(handle);
	});
	afterEach(async () => {
		world.cleanup();
		await drop();
	});

	const pull = (services?: string) =>
		world.sync.pull(world.dana, { deviceId: device, services }, NOW).then((answer) => {
			if (answer.status !== 200) throw new Error(JSON.stringify(answer.body));
			return answer.body as PullResponse;
		});

	it('[S24] sends every history entry of each returned order, named, with a summary and no internals', async () => {
		await world.givenOrder('CS-000001');
		await world.givenOrder('CS-000002');
		const sha256 = (await world.photos.putComplete(TINY_JPEG)).sha256;
		await world.pushOk(world.dana, device, [
			mutation(1, 'startWork', { orderId: 'CS-000001' }),
			mutation(2, 'addPhoto', { linkId: uuid(), orderId: 'CS-000001', sha256, kind: 'after' }),
			mutation(3, 'closeOrder', {
				orderId: 'CS-000001',
				resolutionCode: 'fixed',
				notes: 'Patched',
				materials: []
			})
		]);
		await world.repos.workOrders.update(
			'CS-000002',
			{ crew_id: 'crew-north', priority: 1 },
			{ at: T0, actorUserId: world.supervisor.id, actorKind: 'supervisor', action: 'assigned' }
		);

		const page = await pull();
		const mine = page.history?.filter((entry) => entry.orderId === 'CS-000001') ?? [];
		expect(mine.map((entry) => entry.action)).toEqual([
			'created',
			'started',
			'photographed',
			'noted',
			'closed'
		]);
		expect(mine[1]).toMatchObject({
			fromStatus: 'assigned',
			toStatus: 'in_progress',
			actorKind: 'crew',
			actorName: 'User dana'
		});
		expect(mine[2]?.summary).toBe('After photo');
		expect(mine.at(-1)).toMatchObject({ toStatus: 'closed', summary: 'Resolution: Fixed' });
		const reassigned = page.history?.find(
			(entry) => entry.orderId === 'CS-000002' && entry.action === 'assigned'
		);
		expect(reassigned).toMatchObject({ actorName: 'User sue', summary: 'To Streets North' });
		// The stored detail holds the device id and mutation ids; none of it leaves the server.
		expect(JSON.stringify(page.history)).not.toContain(device);
		expect(JSON.stringify(page.history)).not.toContain('mutationId');
		// Only the orders of the page: a later pull with the cursor sends nothing again.
		const after = await world.pullOk(world.dana, device, page.cursor);
		expect(after.history).toEqual([]);
	});

	it('[S25] sends the active catalogue when the device’s version is not the current one, and only then', async () => {
		await givenService(world.repos, 'GRAFFITI');
		await world.repos.services.upsert({
			service_code: 'RETIRED',
			service_name: 'Retired service',
			description: 'No longer offered',
			group_name: 'Old',
			keywords: '',
			type: 'realtime',
			attributes: '[]',
			sla_hours: 72,
			close_requirements: '{}',
			department: 'Public Works',
			active: 0,
			sort_order: 9
		});
		const first = await pull();
		expect(first.servicesVersion).toMatch(/^[0-9a-f]{16}$/);
		expect(first.services?.map((service) => service.code).sort()).toEqual(['GRAFFITI', 'POTHOLE']);
		expect(first.services?.find((service) => service.code === 'POTHOLE')).toMatchObject({
			name: 'Pothole',
			group: 'Streets',
			attributes: [],
			closeRequirements: { afterPhoto: true, timeOnSite: false, materials: false }
		});

		const unchanged = await pull(first.servicesVersion);
		expect(unchanged.services).toBeUndefined();
		expect(unchanged.servicesVersion).toBe(first.servicesVersion);

		await world.repos.services.upsert({
			...(await world.repos.services.get('RETIRED'))!,
			active: 1
		});
		const changed = await pull(first.servicesVersion);
		expect(changed.servicesVersion).not.toBe(first.servicesVersion);
		expect(changed.services?.map((service) => service.code)).toContain('RETIRED');
	});

	it('[S27] names the crew it answered for, so a device whose person moved crews knows to refill', async () => {
		const answer = await pull();
		expect(answer.crewId).toBe(world.dana.crewId);
		expect(answer.crewId).toBeTruthy();
	});
});
