import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { order } from '../test-support';
import { CurbsideDb } from './schema';

describe('device store schema', () => {
	it('indexes orders only by what is queried: the field report id (each index is a write per order)', () => {
		const db = new CurbsideDb(`schema-indexes-${process.pid}`, { indexedDB, IDBKeyRange });
		expect(db.orders.schema.indexes.map((index) => index.name)).toEqual(['clientId']);
		db.close();
	});

	it('an upgrade from version 3 keeps every order and still finds a field report by its device id', async () => {
		const name = `schema-upgrade-${process.pid}`;
		const old = new Dexie(name, { indexedDB, IDBKeyRange });
		old.version(3).stores({ orders: 'id, routeOrder, clientId', meta: 'key' });
		await old
			.table('orders')
			.bulkPut([order('CS-1', { routeOrder: 2 }), order('CS-2', { clientId: 'report-uuid' })]);
		old.close();

		const db = new CurbsideDb(name, { indexedDB, IDBKeyRange });
		expect((await db.orders.toArray()).map((row) => row.id)).toEqual(['CS-1', 'CS-2']);
		expect((await db.orders.where('clientId').equals('report-uuid').first())?.id).toBe('CS-2');
		expect(db.verno).toBe(4);
		db.close();
	});
});
