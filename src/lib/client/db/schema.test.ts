import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { order } from '../test-support';
import { findOrder } from './find-order';
import { CurbsideDb } from './schema';

describe('device store schema', () => {
	it('orders have no index: each index entry is one more write for every order a sync stores', () => {
		const db = new CurbsideDb(`schema-indexes-${process.pid}`, { indexedDB, IDBKeyRange });
		expect(db.orders.schema.indexes).toEqual([]);
		db.close();
	});

	it('an upgrade from version 3 keeps every order and still finds a numbered field report by its device id', async () => {
		const name = `schema-upgrade-${process.pid}`;
		const old = new Dexie(name, { indexedDB, IDBKeyRange });
		old.version(3).stores({ orders: 'id, routeOrder, clientId', meta: 'key' });
		await old.table('orders').bulkPut([
			order('CS-1', { routeOrder: 2 }),
			order('CS-2', { clientId: 'report-uuid' }),
			// Reported here and not yet seen by the server: its row is still under its device id.
			order('other-uuid', { clientId: 'other-uuid' })
		]);
		old.close();

		const db = new CurbsideDb(name, { indexedDB, IDBKeyRange });
		expect((await db.orders.toArray()).map((row) => row.id)).toEqual(['CS-1', 'CS-2', 'other-uuid']);
		expect(await db.renamedReports.toArray()).toEqual([{ clientId: 'report-uuid', orderId: 'CS-2' }]);
		expect((await findOrder(db, 'report-uuid'))?.id).toBe('CS-2');
		expect((await findOrder(db, 'other-uuid'))?.id).toBe('other-uuid');
		expect(await findOrder(db, 'CS-404')).toBeUndefined();
		expect(db.verno).toBe(4);
		db.close();
	});
});
