import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { SyncHistoryEntry, SyncOrder } from '$lib/domain/sync/protocol';
import { CurbsideDb } from '../db/schema';
import { freshDb, givenPulled, historyEntry, order } from '../test-support';
import { batchesOf, dropHistory, historyOf, writeHistory } from './history-store';

function entry(id: string, orderId: string, at: string, summary: string | null = null): SyncHistoryEntry {
	return historyEntry(id, orderId, { at: `2026-11-02T${at}:00.000Z`, summary });
}

const ids = (entries: SyncHistoryEntry[]) => entries.map((e) => e.id);

/** What a pull page does: its history, then its orders naming their batch, in one transaction. */
async function page(db: CurbsideDb, history: SyncHistoryEntry[], orders = ordersOf(history)): Promise<void> {
	await db.transaction('rw', [db.orders, db.serverOrders, db.historyBatches], async () => {
		await givenPulled(db, ...(await writeHistory(db, orders, history)));
	});
}

function ordersOf(history: SyncHistoryEntry[]): SyncOrder[] {
	return [...new Set(history.map((e) => e.orderId))].map((id) => order(id));
}

describe('history store (S24)', () => {
	it('keeps a page’s history in one row, and each order’s history in one place', async () => {
		const db = freshDb();
		await page(db, [entry('1', 'CS-1', '10:00'), entry('2', 'CS-2', '10:00'), entry('3', 'CS-1', '11:00')]);
		expect(await db.historyBatches.count()).toBe(1);
		expect(ids(await historyOf(db, 'CS-1'))).toEqual(['1', '3']);
		// CS-1 comes again with a changed entry and a new one: upserted by id, the earlier entry stays.
		await page(db, [entry('3', 'CS-1', '11:00', 'changed'), entry('10', 'CS-1', '12:00')]);
		const history = await historyOf(db, 'CS-1');
		expect(ids(history)).toEqual(['1', '3', '10']);
		expect(history[1]?.summary).toBe('changed');
		expect(ids(await historyOf(db, 'CS-2'))).toEqual(['2']);
		const batches = await db.historyBatches.toArray();
		expect(batches.map((b) => b.orderIds)).toEqual([['CS-2'], ['CS-1']]);
		// CS-2 comes again: the first batch is empty and goes.
		await page(db, [entry('11', 'CS-2', '13:00')]);
		expect((await db.historyBatches.toArray()).map((b) => b.orderIds)).toEqual([['CS-1'], ['CS-2']]);
		expect(ids(await historyOf(db, 'CS-2'))).toEqual(['2', '11']);
	});

	it('an order brought again with no history keeps its earlier entries', async () => {
		const db = freshDb();
		await page(db, [entry('1', 'CS-1', '10:00'), entry('2', 'CS-2', '10:00')]);
		await page(db, [entry('3', 'CS-2', '11:00')], [order('CS-1'), order('CS-2')]);
		expect(ids(await historyOf(db, 'CS-1'))).toEqual(['1']);
		expect(ids(await historyOf(db, 'CS-2'))).toEqual(['2', '3']);
		expect((await db.orders.get('CS-1'))?.historyBatch).toBe(
			(await db.serverOrders.get('CS-1'))?.historyBatch
		);
	});

	it('a field report opened by its device id shows the history kept under its server id', async () => {
		const db = freshDb();
		const reportId = '00000000-0000-4000-8000-000000000001';
		await page(db, [entry('1', 'CS-1', '10:00')], [{ ...order('CS-1'), clientId: reportId }]);
		await db.renamedReports.put({ clientId: reportId, orderId: 'CS-1' });
		expect(ids(await historyOf(db, reportId))).toEqual(['1']);
		expect(await historyOf(db, 'CS-404')).toEqual([]);
	});

	it('drops the history of orders that left, and only theirs', async () => {
		const db = freshDb();
		await page(db, [entry('1', 'CS-1', '10:00'), entry('2', 'CS-2', '10:00'), entry('3', 'CS-3', '10:00')]);
		await dropHistory(db, ['CS-1', 'CS-3', 'CS-9']);
		expect(await historyOf(db, 'CS-1')).toEqual([]);
		expect(await historyOf(db, 'CS-3')).toEqual([]);
		expect(ids(await historyOf(db, 'CS-2'))).toEqual(['2']);
		await dropHistory(db, ['CS-2']);
		expect(await db.historyBatches.count()).toBe(0);
	});

	it('groups one-row-per-entry history by order, oldest first, a bounded number of orders a batch', () => {
		const batches = batchesOf(
			[
				entry('10', 'CS-1', '12:00'),
				entry('9', 'CS-1', '12:00'),
				entry('2', 'CS-2', '09:00'),
				entry('3', 'CS-3', '09:00')
			],
			2
		);
		expect(batches.map((b) => b.orderIds)).toEqual([['CS-2', 'CS-3'], ['CS-1']]);
		expect(batches.map((b) => ids(b.entries))).toEqual([
			['2', '3'],
			['9', '10']
		]);
	});

	it('an upgrade from a store with one history row per entry keeps every entry of the orders on the device', async () => {
		const name = `history-upgrade-${process.pid}`;
		const old = new Dexie(name, { indexedDB, IDBKeyRange });
		old.version(1).stores({ orders: 'id, status, routeOrder, clientId', meta: 'key' });
		old.version(2).stores({ history: 'id, orderId', services: 'code' });
		await old.table('orders').bulkPut([order('CS-1'), order('CS-2')]);
		// CS-7 left the crew but its history stayed behind: it is not carried over.
		await old
			.table('history')
			.bulkPut([
				entry('1', 'CS-1', '10:00'),
				entry('2', 'CS-2', '10:00'),
				entry('3', 'CS-1', '11:00'),
				entry('4', 'CS-7', '10:00')
			]);
		old.close();

		const db = new CurbsideDb(name, { indexedDB, IDBKeyRange });
		expect(ids(await historyOf(db, 'CS-1'))).toEqual(['1', '3']);
		expect(ids(await historyOf(db, 'CS-2'))).toEqual(['2']);
		expect(await historyOf(db, 'CS-7')).toEqual([]);
		expect(db.tables.map((table) => table.name)).not.toContain('history');
		db.close();
	});
});
