/**
 * Object-level access in sync (issue 8): a crew can report late on an order that was taken from it,
 * but cannot add notes, photos or outcomes to an order that was never its crew's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { TINY_JPEG } from '../fixtures/images';
import { audit } from './fixtures';
import { testBackends } from './backends';
import { mutation, syncWorld, uuid, type SyncWorld } from './sync-world';

describe.each(testBackends())('crew scope of pushes on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;
	let world: SyncWorld;

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		world = await syncWorld(handle);
		await world.givenOrder('CS-000001');
	});
	afterEach(async () => {
		world.cleanup();
		await drop();
	});

	async function notesOn(orderId: string): Promise<number> {
		const rows = await handle.db
			.selectFrom('notes')
			.select('id')
			.where('work_order_id', '=', orderId)
			.execute();
		return rows.length;
	}

	it('refuses every kind of work from a crew that never had the order, storing nothing', async () => {
		const answer = await world.pushOk(world.lee, uuid(), [
			mutation(1, 'startWork', { orderId: 'CS-000001' }),
			mutation(2, 'addNote', { orderId: 'CS-000001', noteId: uuid(), body: '<b>not mine</b>' }),
			mutation(3, 'unableToComplete', { orderId: 'CS-000001', reason: 'other', text: 'Blocked' })
		]);
		expect(answer.results.map((result) => result.outcome)).toEqual(['refused', 'refused', 'refused']);
		expect(answer.results[1]?.reason).toMatch(/never given to your crew/);
		expect(await notesOn('CS-000001')).toBe(0);
		expect((await world.repos.workOrders.get('CS-000001'))?.field_status).toBe('assigned');
	});

	it('refuses another crew’s photo and closure on the order, even with the photo on the server', async () => {
		const photo = await world.photos.putComplete(new Uint8Array(TINY_JPEG));
		const answer = await world.pushOk(world.lee, uuid(), [
			mutation(1, 'addPhoto', { orderId: 'CS-000001', linkId: uuid(), sha256: photo.sha256, kind: 'after' }),
			mutation(2, 'closeOrder', { orderId: 'CS-000001', resolutionCode: 'no_problem_found', notes: 'Done' })
		]);
		expect(answer.results.map((result) => result.outcome)).toEqual(['refused', 'refused']);
		expect(answer.results.every((result) => /never given to your crew/.test(result.reason ?? ''))).toBe(true);
		const links = await handle.db.selectFrom('work_order_photos').select('sha256').execute();
		expect(links).toEqual([]);
		expect((await world.repos.workOrders.get('CS-000001'))?.field_status).toBe('assigned');
		expect(await notesOn('CS-000001')).toBe(0);
	});

	it('still keeps a late report from the crew the order was taken from', async () => {
		await world.repos.workOrders.update('CS-000001', { crew_id: 'crew-south' }, audit('assigned'));
		const answer = await world.pushOk(world.dana, uuid(), [
			mutation(1, 'addNote', { orderId: 'CS-000001', noteId: uuid(), body: 'Was here first' })
		]);
		expect(answer.results[0]?.outcome).toBe('late');
		expect(await notesOn('CS-000001')).toBe(1);
	});
});
