import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { historyOf } from '../sync/history-store';
import { historyEntry, order } from '../test-support';
import { findOrder } from './find-order';
import { CurbsideDb } from './schema';

describe('device store schema', () => {
	it('orders and history batches have no index: each index entry is one more write for every order a sync stores', () => {
		const db = new CurbsideDb(`schema-indexes-${process.pid}`, { indexedDB, IDBKeyRange });
		expect(db.orders.schema.indexes).toEqual([]);
		expect(db.historyBatches.schema.indexes).toEqual([]);
		db.close();
	});

	it('an upgrade from version 4 makes each order row name the batch holding its history', async () => {
		const name = `schema-upgrade-4-${process.pid}`;
		const old = new Dexie(name, { indexedDB, IDBKeyRange });
		old
			.version(4)
			.stores({ orders: 'id', serverOrders: 'id', historyBatches: '++id, *orderIds', meta: 'key' });
		await old.table('orders').bulkPut([order('CS-1'), order('CS-2'), order('CS-3')]);
		await old.table('serverOrders').bulkPut([order('CS-2')]);
		await old.table('historyBatches').bulkAdd([
			{ orderIds: ['CS-1'], entries: [historyEntry('1', 'CS-1')] },
			{ orderIds: ['CS-2'], entries: [historyEntry('2', 'CS-2'), historyEntry('3', 'CS-2')] }
		]);
		old.close();

		const db = new CurbsideDb(name, { indexedDB, IDBKeyRange });
		expect((await historyOf(db, 'CS-1')).map((entry) => entry.id)).toEqual(['1']);
		expect((await historyOf(db, 'CS-2')).map((entry) => entry.id)).toEqual(['2', '3']);
		expect(await historyOf(db, 'CS-3')).toEqual([]);
		expect((await db.serverOrders.get('CS-2'))?.historyBatch).toBe(
			(await db.orders.get('CS-2'))?.historyBatch
		);
		expect((await db.orders.get('CS-3'))?.historyBatch).toBeUndefined();
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
		expect(db.verno).toBe(5);
		db.close();
	});
});
