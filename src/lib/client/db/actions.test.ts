import { describe, expect, it } from 'vitest';
import { freshDb, givenPulled, nextUuid, order } from '../test-support';
import { LocalActions } from './actions';
import { ActionRefused } from './record';

function setup() {
	const db = freshDb();
	const actions = new LocalActions({ db, newId: nextUuid, now: () => new Date('2026-11-03T09:00:00Z') });
	return { db, actions };
}

describe('local actions', () => {
	it('[S1] writes the local rows and the outbox entry in one transaction', async () => {
		const { db, actions } = setup();
		await givenPulled(db, order('CS-000001'));
		const mutation = await actions.startWork('CS-000001');
		expect((await db.orders.get('CS-000001'))?.status).toBe('in_progress');
		expect(await db.outbox.get(mutation.id)).toMatchObject({ state: 'pending', orderId: 'CS-000001' });
		// The server copy is untouched until a pull confirms the work.
		expect((await db.serverOrders.get('CS-000001'))?.status).toBe('assigned');
	});

	it('[S2] numbers mutations 1, 2, 3 in the order the crew did them', async () => {
		const { db, actions } = setup();
		await givenPulled(db, order('CS-000001'));
		const ids = [
			(await actions.addNote('CS-000001', 'one')).id,
			(await actions.startWork('CS-000001')).id,
			(await actions.addNote('CS-000001', 'two')).id
		];
		expect(ids).toEqual([1, 2, 3]);
		expect((await db.outbox.orderBy('id').toArray()).map((entry) => entry.mutation.name)).toEqual([
			'addNote',
			'startWork',
			'addNote'
		]);
	});

	it('[S1][S2] an action the lifecycle refuses writes nothing and uses no number', async () => {
		const { db, actions } = setup();
		await givenPulled(db, order('CS-000001', { status: 'closed' }));
		await expect(actions.startWork('CS-000001')).rejects.toBeInstanceOf(ActionRefused);
		await expect(actions.addNote('CS-000001', '   ')).rejects.toBeInstanceOf(ActionRefused);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.notes.count()).toBe(0);
		await givenPulled(db, order('CS-000002'));
		expect((await actions.startWork('CS-000002')).id).toBe(1);
	});

	it('[S10] a fixed close needs the after photo the service requires', async () => {
		const { db, actions } = setup();
		await givenPulled(db, order('CS-000001'));
		await expect(actions.closeOrder('CS-000001', { resolutionCode: 'fixed' })).rejects.toThrow(/after photo/);
		const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type: 'image/png' });
		await actions.addPhoto('CS-000001', png, 'after');
		await actions.closeOrder('CS-000001', { resolutionCode: 'fixed' });
		expect((await db.orders.get('CS-000001'))?.status).toBe('closed');
		const [photo] = await db.photos.toArray();
		expect(photo).toMatchObject({ uploaded: 0, size: 7 });
		expect((await db.outbox.get(1))?.photoShas).toEqual([photo?.sha256]);
	});
});
