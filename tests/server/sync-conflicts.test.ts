import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATE_REASONS } from '../../src/lib/domain';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import type { AuditEntry } from '../../src/lib/server/repositories';
import { TINY_JPEG, TINY_WEBP } from '../fixtures/images';
import { T0 } from './fixtures';
import { testBackends } from './backends';
import { mutation, syncWorld, uuid, type SyncWorld } from './sync-world';

describe.each(testBackends())('sync conflicts on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;
	let world: SyncWorld;
	const device = '0b7d3a52-5a8e-4c1e-8f3e-2f6a2b9c4d01';

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		world = await syncWorld(handle);
		await world.givenOrder('CS-000001');
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

	it('[S9] notes are append-only: a note id seen before adds nothing', async () => {
		const noteId = uuid();
		const body = await world.pushOk(world.dana, device, [
			mutation(1, 'addNote', { noteId, orderId: 'CS-000001', body: 'first' }),
			mutation(2, 'addNote', { noteId, orderId: 'CS-000001', body: 'second try' })
		]);
		expect(body.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
		expect((await world.repos.notes.listForOrder('CS-000001')).map((n) => n.body)).toEqual(['first']);
	});

	it('[S11] a note on an order given to another crew meanwhile is kept as a late report', async () => {
		await world.repos.workOrders.update('CS-000001', { crew_id: 'crew-south' }, bySupervisor('assigned'));
		const body = await world.pushOk(world.dana, device, [
			mutation(1, 'addNote', { noteId: uuid(), orderId: 'CS-000001', body: 'Coned off the hole' })
		]);
		expect(body.results).toEqual([{ id: 1, outcome: 'late', reason: LATE_REASONS.reassigned }]);
		const order = await world.repos.workOrders.get('CS-000001');
		expect(order).toMatchObject({ crew_id: 'crew-south', field_status: 'assigned', needs_review: 1 });
		expect(await world.repos.notes.listForOrder('CS-000001')).toMatchObject([
			{ body: 'Coned off the hole', late_report: 1, author_user_id: world.dana.id }
		]);
	});

	it('[S11] a close on an order cancelled meanwhile changes no status and keeps what the crew reported', async () => {
		const sha256 = (await world.photos.putComplete(TINY_JPEG)).sha256;
		await world.repos.workOrders.update(
			'CS-000001',
			{ field_status: 'cancelled' },
			bySupervisor('cancelled')
		);
		const linkId = uuid();
		const body = await world.pushOk(world.dana, device, [
			mutation(1, 'startWork', { orderId: 'CS-000001' }),
			mutation(2, 'addPhoto', { linkId, orderId: 'CS-000001', sha256, kind: 'after' }),
			mutation(3, 'closeOrder', {
				orderId: 'CS-000001',
				resolutionCode: 'fixed',
				notes: 'Patched',
				afterPhotoLinkIds: [linkId],
				timeOnSiteMinutes: 20,
				materials: [{ name: 'Asphalt', quantity: 0.5, unit: 't' }]
			})
		]);
		expect(body.results.map((r) => r.outcome)).toEqual(['late', 'late', 'late']);
		const order = await world.repos.workOrders.get('CS-000001');
		expect(order).toMatchObject({ field_status: 'cancelled', resolution_code: null, needs_review: 2 });
		expect(await world.repos.photos.listForOrder('CS-000001')).toMatchObject([
			{ id: linkId, late_report: 1 }
		]);
		const [report] = await world.repos.notes.listForOrder('CS-000001');
		expect(report?.late_report).toBe(1);
		expect(report?.body).toBe(
			'Late field report: closed as Fixed. Patched Time on site: 20 min. Materials: 0.5 t Asphalt.'
		);
	});

	it('[S11] unable-to-complete on an order closed by a supervisor is late; status stays closed', async () => {
		await world.repos.workOrders.update(
			'CS-000001',
			{ field_status: 'closed', resolution_code: 'duplicate' },
			bySupervisor('closed')
		);
		const body = await world.pushOk(world.dana, device, [
			mutation(1, 'unableToComplete', { orderId: 'CS-000001', reason: 'no_access', text: 'Gate locked' })
		]);
		expect(body.results[0]).toEqual({ id: 1, outcome: 'late', reason: LATE_REASONS.closed });
		expect(await world.repos.workOrders.get('CS-000001')).toMatchObject({
			field_status: 'closed',
			needs_review: 1
		});
		expect((await world.repos.notes.listForOrder('CS-000001'))[0]?.body).toBe(
			'Late field report: unable to complete (No access). Gate locked'
		);
	});

	it('[S11] after the crew itself closed an order, a teammate’s note is applied, not late', async () => {
		const sam = 'a3f0e1d2-1111-4222-8333-444455556666';
		await world.pushOk(world.dana, device, [
			mutation(1, 'closeOrder', { orderId: 'CS-000001', resolutionCode: 'no_problem_found' })
		]);
		const body = await world.pushOk(world.sam, sam, [
			mutation(1, 'addNote', { noteId: uuid(), orderId: 'CS-000001', body: 'Checked again, all fine' })
		]);
		expect(body.results[0]?.outcome).toBe('applied');
		expect((await world.repos.workOrders.get('CS-000001'))?.needs_review).toBe(0);
	});

	it('[S10] a second close of a closed order by the same crew is refused with the lifecycle reason', async () => {
		const body = await world.pushOk(world.dana, device, [
			mutation(1, 'closeOrder', { orderId: 'CS-000001', resolutionCode: 'no_problem_found' }),
			mutation(2, 'closeOrder', { orderId: 'CS-000001', resolutionCode: 'duplicate' })
		]);
		expect(body.results[1]).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/closed/) });
		expect((await world.repos.workOrders.get('CS-000001'))?.resolution_code).toBe('no_problem_found');
	});

	it('[S10] unable to complete moves the order and keeps the crew’s words as a note', async () => {
		const body = await world.pushOk(world.dana, device, [
			mutation(1, 'unableToComplete', { orderId: 'CS-000001', reason: 'other', text: 'Car parked on it' }),
			mutation(2, 'unableToComplete', { orderId: 'CS-000001', reason: 'other' })
		]);
		expect(body.results.map((r) => r.outcome)).toEqual(['applied', 'refused']);
		expect(body.results[1]?.reason).toMatch(/describe why/);
		expect(await world.repos.workOrders.get('CS-000001')).toMatchObject({
			field_status: 'unable_to_complete',
			unable_reason: 'other'
		});
		expect((await world.repos.notes.listForOrder('CS-000001')).map((n) => n.body)).toEqual([
			'Car parked on it'
		]);
	});

	it('[S13] a problem reported in the field becomes one order, reachable by its device UUID', async () => {
		const sha256 = (await world.photos.putComplete(TINY_WEBP)).sha256;
		const clientId = uuid();
		const report = {
			orderId: clientId,
			serviceCode: 'POTHOLE',
			lat: 41.94,
			long: -85.63,
			description: 'New hole by the school',
			photos: [{ linkId: uuid(), sha256 }]
		};
		const body = await world.pushOk(world.dana, device, [
			mutation(1, 'reportProblem', report),
			mutation(2, 'startWork', { orderId: clientId }),
			mutation(3, 'reportProblem', report),
			mutation(4, 'reportProblem', { ...report, orderId: uuid(), serviceCode: 'NOPE' })
		]);
		expect(body.results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied', 'refused']);
		const created = await world.repos.workOrders.getByToken(clientId);
		expect(created).toMatchObject({
			id: 'CS-000002',
			source: 'field',
			crew_id: 'crew-north',
			field_status: 'in_progress',
			requested_at: '2026-11-02T14:30:00.000Z'
		});
		expect(await world.repos.photos.listForOrder('CS-000002')).toMatchObject([{ sha256, kind: 'reporter' }]);
		const pulled = await world.pullOk(world.dana, device);
		expect(pulled.orders.find((o) => o.id === 'CS-000002')).toMatchObject({
			clientId,
			status: 'in_progress'
		});
	});

	it('[S13] a field report naming a photo the server lacks waits for it (S8)', async () => {
		const body = await world.pushOk(world.dana, device, [
			mutation(1, 'reportProblem', {
				orderId: uuid(),
				serviceCode: 'POTHOLE',
				lat: 41.94,
				long: -85.63,
				description: 'Hole',
				photos: [{ linkId: uuid(), sha256: 'a'.repeat(64) }]
			})
		]);
		expect(body).toMatchObject({ lastMutationId: 0, results: [{ id: 1, reason: 'photo-missing' }] });
	});

	it('[S12] records a crew position with both times', async () => {
		const body = await world.pushOk(world.dana, device, [
			mutation(1, 'recordLocation', { lat: 41.9, long: -85.6, accuracyM: 12 })
		]);
		expect(body.results[0]?.outcome).toBe('applied');
		const rows = await handle.db.selectFrom('crew_locations').selectAll().execute();
		expect(rows).toMatchObject([{ crew_id: 'crew-north', user_id: world.dana.id, accuracy_m: 12 }]);
	});
});
