import { describe, expect, it } from 'vitest';
import { LocalActions } from '../db/actions';
import { freshDb, givenPulled, nextUuid, order } from '../test-support';
import { rebaseOrders } from './rebase';

describe('rebaseOrders', () => {
	it('[S16] re-applies pending work over newer pulled state', async () => {
		const db = freshDb();
		await givenPulled(db, order('CS-000001'));
		await new LocalActions({ db, newId: nextUuid }).startWork('CS-000001');
		// A pull brings a newer server copy (the office changed the priority) without our start.
		await db.serverOrders.put(order('CS-000001', { priority: 1, changeSeq: 9 }));
		await db.transaction('rw', db.orders, db.serverOrders, db.outbox, () => rebaseOrders(db, ['CS-000001']));
		expect(await db.orders.get('CS-000001')).toMatchObject({ priority: 1, status: 'in_progress' });
	});

	it('[S6] a refused or late entry no longer shapes what the crew sees', async () => {
		const db = freshDb();
		await givenPulled(db, order('CS-000001'));
		const start = await new LocalActions({ db, newId: nextUuid }).startWork('CS-000001');
		await db.outbox.update(start.id, { state: 'refused', reason: 'No.' });
		await db.transaction('rw', db.orders, db.serverOrders, db.outbox, () => rebaseOrders(db, ['CS-000001']));
		expect((await db.orders.get('CS-000001'))?.status).toBe('assigned');
	});

	it('[S16] re-applies in device order: start then close ends closed', async () => {
		const db = freshDb();
		await givenPulled(db, order('CS-000001'));
		const actions = new LocalActions({ db, newId: nextUuid });
		await actions.startWork('CS-000001');
		await actions.closeOrder('CS-000001', { resolutionCode: 'no_problem_found' });
		await db.transaction('rw', db.orders, db.serverOrders, db.outbox, () => rebaseOrders(db, ['CS-000001']));
		expect((await db.orders.get('CS-000001'))?.status).toBe('closed');
	});
});
