import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PHOTO_MISSING, isRetryable, type PushResponse } from '../../src/lib/domain';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { sha256Hex } from '../../src/lib/server/photos/store';
import { SyncDeviceRepository } from '../../src/lib/server/repositories/sync-devices';
import { TINY_JPEG, TINY_PNG } from '../fixtures/images';
import { testBackends } from './backends';
import { CAPTURED, NOW, mutation, syncWorld, uuid, type SyncWorld } from './sync-world';

describe.each(testBackends())('sync push on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;
	let world: SyncWorld;
	const device = '6f1c1f7e-3d0a-4a39-9a57-1f0d1c1e0a01';

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		world = await syncWorld(handle);
		await world.givenOrder('CS-000001');
		await world.givenOrder('CS-000002');
	});
	afterEach(async () => {
		world.cleanup();
		await drop();
	});

	const note = (id: number, orderId = 'CS-000001', body = `note ${id}`) =>
		mutation(id, 'addNote', { noteId: uuid(), orderId, body });

	it('[S3] applies a mutation and records the device cursor and a log row with it', async () => {
		const body = await world.pushOk(world.dana, device, [mutation(1, 'startWork', { orderId: 'CS-000001' })]);
		expect(body).toEqual({ results: [{ id: 1, outcome: 'applied' }], lastMutationId: 1 });
		expect((await world.repos.workOrders.get('CS-000001'))?.field_status).toBe('in_progress');
		expect((await world.repos.devices.get(device))?.last_mutation_id).toBe(1);
		const log = await new SyncDeviceRepository(handle.db).listLog(device);
		expect(log).toMatchObject([
			{ mutation_id: 1, name: 'startWork', outcome: 'applied', work_order_id: 'CS-000001' }
		]);
	});

	it('[S3] a repeated mutation id is skipped, so a resent push changes nothing', async () => {
		const batch = [note(1), note(2)];
		await world.pushOk(world.dana, device, batch);
		const again = await world.pushOk(world.dana, device, batch);
		expect(again.results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
		expect(again.lastMutationId).toBe(2);
		expect(await world.repos.notes.listForOrder('CS-000001')).toHaveLength(2);
	});

	it('[S3][S6] a resent mutation reports how it was settled first, so a lost refusal still reaches the crew', async () => {
		const batch = [note(1), mutation(2, 'addNote', { noteId: uuid(), orderId: 'CS-404404', body: 'x' })];
		const first = await world.pushOk(world.dana, device, batch);
		expect(first.results[1]).toMatchObject({ outcome: 'refused', reason: expect.any(String) });
		const again = await world.pushOk(world.dana, device, batch);
		expect(again.results).toEqual([
			{ id: 1, outcome: 'duplicate', originalOutcome: 'applied' },
			{ id: 2, outcome: 'duplicate', originalOutcome: 'refused', reason: first.results[1]?.reason }
		]);
	});

	it('[S3] a push that overlaps an old resend applies only the new mutations', async () => {
		await world.pushOk(world.dana, device, [note(1), note(2)]);
		const body = await world.pushOk(world.dana, device, [note(1), note(2), note(3)]);
		expect(body.results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate', 'applied']);
		expect(await world.repos.notes.listForOrder('CS-000001')).toHaveLength(3);
	});

	it('[S3][S20] two copies of one push arriving together are applied once', async () => {
		const batch = Array.from({ length: 10 }, (_, i) => note(i + 1));
		const answers = await Promise.all([
			world.push(world.dana, device, batch),
			world.push(world.dana, device, batch)
		]);
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect(await world.repos.notes.listForOrder('CS-000001')).toHaveLength(10);
		const applied = answers
			.flatMap((a) => (a.body as PushResponse).results)
			.filter((r) => r.outcome === 'applied');
		expect(applied.map((r) => r.id).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(await new SyncDeviceRepository(handle.db).listLog(device)).toHaveLength(10);
	});

	it('[S4] applies mutations in device order', async () => {
		await world.pushOk(world.dana, device, [
			mutation(1, 'startWork', { orderId: 'CS-000001' }),
			mutation(2, 'closeOrder', {
				orderId: 'CS-000001',
				resolutionCode: 'no_problem_found',
				notes: 'Nothing there'
			})
		]);
		const order = await world.repos.workOrders.get('CS-000001');
		expect(order).toMatchObject({ field_status: 'closed', resolution_code: 'no_problem_found' });
	});

	it('[S4] refuses a push whose ids do not increase, applying nothing', async () => {
		const answer = await world.push(world.dana, device, [note(2), note(1)]);
		expect(answer.status).toBe(400);
		expect(await world.repos.notes.listForOrder('CS-000001')).toHaveLength(0);
	});

	it('[S5] refuses a gap with 409 and the last applied id, applying nothing', async () => {
		await world.pushOk(world.dana, device, [note(1)]);
		const answer = await world.push(world.dana, device, [note(3), note(4)]);
		expect(answer).toEqual({ status: 409, body: { error: expect.any(String), lastMutationId: 1 } });
		expect(await world.repos.notes.listForOrder('CS-000001')).toHaveLength(1);
	});

	it('[S5] refuses a hole inside a push before applying any of it', async () => {
		const answer = await world.push(world.dana, device, [note(1), note(2), note(4)]);
		expect(answer.status).toBe(409);
		expect(await world.repos.notes.listForOrder('CS-000001')).toHaveLength(0);
		expect((await world.repos.devices.get(device))?.last_mutation_id).toBe(0);
	});

	it('[S6] a refused mutation is recorded with its reason and does not block the ones after it', async () => {
		const body = await world.pushOk(world.dana, device, [
			mutation(1, 'addNote', { noteId: 'not-a-uuid', orderId: 'CS-000001', body: 'x' }),
			mutation(2, 'startWork', { orderId: 'CS-999999' }),
			{ id: 3, name: 'teleport' as 'startWork', args: {}, capturedAt: CAPTURED },
			mutation(4, 'startWork', { orderId: 'CS-000001' }),
			mutation(5, 'startWork', { orderId: 'CS-000001' }),
			note(6)
		]);
		expect(body.lastMutationId).toBe(6);
		expect(body.results.map((r) => r.outcome)).toEqual([
			'refused',
			'refused',
			'refused',
			'applied',
			'refused',
			'applied'
		]);
		expect(body.results[0]?.reason).toMatch(/noteId must be a UUID/);
		expect(body.results[1]?.reason).toMatch(/no work order CS-999999/);
		expect(body.results[2]?.reason).toMatch(/does not know: teleport/);
		expect(body.results[4]?.reason).toMatch(/already started/);
		const log = await new SyncDeviceRepository(handle.db).listLog(device);
		expect(log.map((row) => [row.outcome, row.reason === null])).toEqual([
			['refused', false],
			['refused', false],
			['refused', false],
			['applied', true],
			['refused', false],
			['applied', true]
		]);
	});

	it('[S6] a close missing what its service requires is refused with what is missing', async () => {
		// The test service requires an after photo.
		const body = await world.pushOk(world.dana, device, [
			mutation(1, 'closeOrder', { orderId: 'CS-000001', resolutionCode: 'fixed' })
		]);
		expect(body.results[0]).toMatchObject({
			outcome: 'refused',
			reason: expect.stringMatching(/after photo/)
		});
		expect((await world.repos.workOrders.get('CS-000001'))?.field_status).toBe('assigned');
	});

	it('[S6] a capture time that cannot be read refuses the mutation, not the push', async () => {
		const body = await world.pushOk(world.dana, device, [{ ...note(1), capturedAt: 'yesterday' }, note(2)]);
		expect(body.results.map((r) => r.outcome)).toEqual(['refused', 'applied']);
	});

	it('[S7][S8] a mutation waits for its photo: not processed, the push stops, and it applies after upload', async () => {
		const sha256 = sha256Hex(TINY_JPEG);
		const linkId = uuid();
		const batch = [
			note(1),
			mutation(2, 'addPhoto', { linkId, orderId: 'CS-000001', sha256, kind: 'after' }),
			note(3)
		];
		const first = await world.pushOk(world.dana, device, batch);
		expect(first.lastMutationId).toBe(1);
		expect(first.results).toEqual([
			{ id: 1, outcome: 'applied' },
			{ id: 2, outcome: 'refused', reason: PHOTO_MISSING, missingPhotos: [sha256] }
		]);
		expect(isRetryable(first.results[1]!)).toBe(true);
		expect(await new SyncDeviceRepository(handle.db).listLog(device)).toHaveLength(1);

		await world.photos.putComplete(TINY_JPEG, sha256);
		const second = await world.pushOk(world.dana, device, batch);
		expect(second.results.map((r) => r.outcome)).toEqual(['duplicate', 'applied', 'applied']);
		expect(await world.repos.photos.listForOrder('CS-000001')).toMatchObject([
			{ id: linkId, sha256, kind: 'after' }
		]);
	});

	it('[S6][S8] a close that lists an uploaded after photo passes the requirement', async () => {
		const sha256 = (await world.photos.putComplete(TINY_PNG)).sha256;
		const linkId = uuid();
		const body = await world.pushOk(world.dana, device, [
			mutation(1, 'startWork', { orderId: 'CS-000001' }),
			mutation(2, 'addPhoto', { linkId, orderId: 'CS-000001', sha256, kind: 'other' }),
			mutation(3, 'closeOrder', {
				orderId: 'CS-000001',
				resolutionCode: 'fixed',
				notes: 'Filled with cold patch',
				afterPhotoLinkIds: [linkId],
				timeOnSiteMinutes: 25,
				materials: [{ name: 'Cold patch', quantity: 2, unit: 'bag' }]
			})
		]);
		expect(body.results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
		const order = await world.repos.workOrders.get('CS-000001');
		expect(order).toMatchObject({
			field_status: 'closed',
			resolution_code: 'fixed',
			time_on_site_minutes: 25,
			status_notes: 'Filled with cold patch',
			closed_at: CAPTURED,
			updated_at: NOW.toISOString()
		});
		expect(JSON.parse(order?.materials ?? '[]')).toEqual([{ name: 'Cold patch', quantity: 2, unit: 'bag' }]);
		const notes = await world.repos.notes.listForOrder('CS-000001');
		expect(notes).toMatchObject([{ body: 'Filled with cold patch', visibility: 'internal', late_report: 0 }]);
	});

	it('[S12] keeps the device capture time and the server receive time', async () => {
		await world.pushOk(world.dana, device, [note(1)]);
		const [saved] = await world.repos.notes.listForOrder('CS-000001');
		expect(saved).toMatchObject({ captured_at: CAPTURED, received_at: NOW.toISOString() });
		const [logged] = await new SyncDeviceRepository(handle.db).listLog(device);
		expect(logged).toMatchObject({ captured_at: CAPTURED, received_at: NOW.toISOString() });
		const [started] = await world
			.pushOk(world.dana, device, [
				mutation(2, 'startWork', { orderId: 'CS-000002' }, '2026-11-02T09:15:00-05:00')
			])
			.then(async () => [await world.repos.workOrders.get('CS-000002')]);
		expect(started).toMatchObject({ started_at: '2026-11-02T14:15:00.000Z', updated_at: NOW.toISOString() });
	});

	it('[S4] refuses a body that is not a push with 400 and issues', async () => {
		for (const body of [
			null,
			'x',
			{ deviceId: 'nope', mutations: [] },
			{ deviceId: device, mutations: 'x' }
		]) {
			const answer = await world.sync.push(world.dana, body, NOW);
			expect(answer.status).toBe(400);
			expect(answer.body).toMatchObject({ error: expect.any(String) });
		}
		const huge = Array.from({ length: 501 }, (_, i) => note(i + 1));
		expect((await world.push(world.dana, device, huge)).status).toBe(400);
	});
});
