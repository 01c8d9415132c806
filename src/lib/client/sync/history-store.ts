/**
 * Where the device keeps each order's status history (S24): in batches, one row per pull page
 * holding the history of that page's orders, found by a multi-entry index on their ids.
 *
 * Why not one row per entry or per order: IndexedDB costs about the same per row whatever its
 * size, and a first sync of 5,000 orders brings some 8,600 entries; one row each cost more than
 * storing the orders themselves. A page's history in one row costs a tenth of that.
 *
 * Each order's history sits in exactly one batch: when a page brings an order again, its entries
 * move out of the older batch (upserted by id with the new ones) into the page's new batch.
 */
import type { SyncHistoryEntry } from '$lib/domain/sync/protocol';
import type { CurbsideDb, HistoryBatch } from '../db/schema';

/** One order's history, oldest first as the server sent it. */
export async function historyOf(db: CurbsideDb, orderId: string): Promise<SyncHistoryEntry[]> {
	const batches = await db.historyBatches.where('orderIds').equals(orderId).toArray();
	return batches.flatMap((batch) => batch.entries.filter((entry) => entry.orderId === orderId));
}

/**
 * Writes a page's history in one new batch (upsert by id, as S24 asks: an order's earlier entries
 * stay unless the page brings them again). Call inside the page's 'rw' transaction.
 *
 * History is kept only for orders on the device and leaves with them, so an order not on it has
 * none to move: in a first sync that is every order, and the lookups below are skipped. A pull
 * passes one `OrdersOnDevice` for all its pages.
 */
export async function writeHistory(
	db: CurbsideDb,
	history: readonly SyncHistoryEntry[],
	onDevice: OrdersOnDevice = new OrdersOnDevice(db)
): Promise<void> {
	if (history.length === 0) return;
	const orderIds = new Set(history.map((entry) => entry.orderId));
	const known = await onDevice.read();
	const earlier = await takeOut(db, new Set([...orderIds].filter((id) => known.has(id))));
	const fresh = new Set(history.map((entry) => entry.id));
	const kept = earlier.filter((entry) => !fresh.has(entry.id));
	const entries = kept.length === 0 ? [...history] : oldestFirst([...kept, ...history]);
	await db.historyBatches.add({ orderIds: [...orderIds], entries });
}

/**
 * The orders that may hold history (more is harmless: a lookup finds nothing), for one pull: read
 * from the device the first time a page brings history, so a routine pull with none never reads
 * them, then kept up to date with each page's orders. Read on every page, the keys of all orders so
 * far cost a first sync more than its history did (issue #9).
 */
export class OrdersOnDevice {
	private ids: Set<string> | null = null;

	constructor(private readonly db: CurbsideDb) {}

	/** Call inside a page's transaction. */
	async read(): Promise<ReadonlySet<string>> {
		this.ids ??= new Set((await this.db.orders.toCollection().primaryKeys()) as string[]);
		return this.ids;
	}

	/** A page's orders were written. */
	add(ids: Iterable<string>): void {
		if (this.ids) for (const id of ids) this.ids.add(id);
	}
}

/** Drops the history of orders that left the crew (S15). Call inside a 'rw' transaction. */
export async function dropHistory(db: CurbsideDb, orderIds: readonly string[]): Promise<void> {
	if (orderIds.length > 0) await takeOut(db, new Set(orderIds));
}

/** Converts one-row-per-entry history (schema version 2) into batches of at most `batchOrders` orders. */
export function batchesOf(entries: readonly SyncHistoryEntry[], batchOrders = 500): HistoryBatch[] {
	const byOrder = new Map<string, SyncHistoryEntry[]>();
	for (const entry of oldestFirst(entries)) {
		const list = byOrder.get(entry.orderId);
		if (list) list.push(entry);
		else byOrder.set(entry.orderId, [entry]);
	}
	const orders = [...byOrder];
	const batches: HistoryBatch[] = [];
	for (let start = 0; start < orders.length; start += batchOrders) {
		const slice = orders.slice(start, start + batchOrders);
		batches.push({ orderIds: slice.map(([id]) => id), entries: slice.flatMap(([, list]) => list) });
	}
	return batches;
}

/** Removes the given orders' entries from the batches holding them; returns those entries. */
async function takeOut(db: CurbsideDb, orderIds: ReadonlySet<string>): Promise<SyncHistoryEntry[]> {
	if (orderIds.size === 0) return [];
	// One lookup per order, all sent at once: `anyOf` walks the index with a cursor, one round trip
	// to the browser's IndexedDB process per step.
	const found = await Promise.all(
		[...orderIds].map((id) => db.historyBatches.where('orderIds').equals(id).primaryKeys())
	);
	const batchIds = [...new Set(found.flat())];
	if (batchIds.length === 0) return [];
	const taken: SyncHistoryEntry[] = [];
	for (const batch of await db.historyBatches.bulkGet(batchIds)) {
		if (!batch) continue;
		const stays = batch.entries.filter((entry) => !orderIds.has(entry.orderId));
		taken.push(...batch.entries.filter((entry) => orderIds.has(entry.orderId)));
		const ids = batch.orderIds.filter((id) => !orderIds.has(id));
		if (ids.length === 0) await db.historyBatches.delete(batch.id as number);
		else await db.historyBatches.put({ ...batch, orderIds: ids, entries: stays });
	}
	return taken;
}

/** Oldest first, ties in id order: how the server sends an order's history. */
function oldestFirst(entries: readonly SyncHistoryEntry[]): SyncHistoryEntry[] {
	return [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || compareIds(a.id, b.id));
}

/** History ids are the server's numbers as strings: 9 comes before 10. */
function compareIds(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
