/**
 * Where the device keeps each order's status history (S24): in batches, one row per pull page
 * holding the history of that page's orders; each order row names its batch (`historyBatch`).
 *
 * Why not one row per entry or per order: IndexedDB costs about the same per row whatever its
 * size, and a first sync of 5,000 orders brings some 8,600 entries; one row each cost more than
 * storing the orders themselves. A page's history in one row costs a tenth of that.
 *
 * Why the order names its batch instead of a multi-entry index on the batch's order ids: that
 * index is one more entry written for every order a pull brings, and in Chromium it cost a first
 * sync of 5,000 orders ~100 ms of its ~1.3 s (issue #9). The order row is written anyway.
 *
 * Each order's history sits in exactly one batch: when a page brings an order again, its entries
 * move out of the older batch (upserted by id with the new ones) into the page's new batch.
 */
import type { SyncHistoryEntry, SyncOrder } from '$lib/domain/sync/protocol';
import type { CurbsideDb, HistoryBatch, LocalOrder } from '../db/schema';
import { findOrder } from '../db/find-order';

/**
 * One order's history, oldest first as the server sent it. `orderId` may be a field report's
 * device id: history is kept under its server id, found the way the order is (`findOrder`).
 */
export async function historyOf(db: CurbsideDb, orderId: string): Promise<SyncHistoryEntry[]> {
	const order = await findOrder(db, orderId);
	if (order?.historyBatch === undefined) return [];
	const batch = await db.historyBatches.get(order.historyBatch);
	return batch ? batch.entries.filter((entry) => entry.orderId === order.id) : [];
}

/**
 * Writes a page's history (S24: that of the page's orders) in one new batch, upserted by id: an
 * order's earlier entries stay unless the page brings them again. Returns the page's orders naming
 * their batch, to be written in the same 'rw' transaction (orders, serverOrders, historyBatches).
 *
 * History is kept only for orders on the device and leaves with them, so an order not on it has
 * none to move: in a first sync that is every order, and the lookups below are skipped. A pull
 * passes one `OrdersOnDevice` for all its pages.
 */
export async function writeHistory(
	db: CurbsideDb,
	orders: readonly SyncOrder[],
	history: readonly SyncHistoryEntry[],
	onDevice: OrdersOnDevice = new OrdersOnDevice(db)
): Promise<LocalOrder[]> {
	if (orders.length === 0) return [];
	const known = await onDevice.read();
	const again = orders.map((order) => order.id).filter((id) => known.has(id));
	// Where the history of orders already on the device is: their rows name it.
	const earlierBatch = await batchesOfOrders(db, again);
	if (history.length === 0) return withBatch(orders, earlierBatch, new Set(), undefined);
	const orderIds = new Set(history.map((entry) => entry.orderId));
	const earlier = await takeOut(db, orderIds, earlierBatch);
	const fresh = new Set(history.map((entry) => entry.id));
	const kept = earlier.filter((entry) => !fresh.has(entry.id));
	const entries = kept.length === 0 ? [...history] : oldestFirst([...kept, ...history]);
	const batchId = await db.historyBatches.add({ orderIds: [...orderIds], entries });
	return withBatch(orders, earlierBatch, orderIds, batchId);
}

/**
 * The orders that may hold history (more is harmless: a lookup finds nothing), for one pull: read
 * from the device the first time a page needs them, then kept up to date with each page's orders.
 * Read on every page, the keys of all orders so far cost a first sync more than its history did
 * (issue #9).
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

/**
 * Drops the history of orders that left the crew (S15). Call inside a 'rw' transaction, before
 * the orders themselves are deleted: their rows say where their history is.
 */
export async function dropHistory(db: CurbsideDb, orderIds: readonly string[]): Promise<void> {
	if (orderIds.length === 0) return;
	await takeOut(db, new Set(orderIds), await batchesOfOrders(db, orderIds));
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

/** The batch each of these orders' rows names (orders with none are left out). */
async function batchesOfOrders(db: CurbsideDb, orderIds: readonly string[]): Promise<Map<string, number>> {
	if (orderIds.length === 0) return new Map();
	const rows = await db.orders.bulkGet([...orderIds]);
	return new Map(
		rows.flatMap((order) =>
			order?.historyBatch === undefined ? [] : [[order.id, order.historyBatch] as const]
		)
	);
}

/**
 * The page's orders naming the batch their history is in now: the page's new batch for those it
 * brought history for, else the batch they were in (an order the page brings with no entries keeps
 * its earlier ones).
 */
function withBatch(
	orders: readonly SyncOrder[],
	earlierBatch: ReadonlyMap<string, number>,
	inNewBatch: ReadonlySet<string>,
	newBatch: number | undefined
): LocalOrder[] {
	return orders.map((order) => {
		const historyBatch = inNewBatch.has(order.id) ? newBatch : earlierBatch.get(order.id);
		return historyBatch === undefined ? order : { ...order, historyBatch };
	});
}

/** Removes the given orders' entries from the batches holding them; returns those entries. */
async function takeOut(
	db: CurbsideDb,
	orderIds: ReadonlySet<string>,
	batchOf: ReadonlyMap<string, number>
): Promise<SyncHistoryEntry[]> {
	const batchIds = [...new Set([...orderIds].flatMap((id) => batchOf.get(id) ?? []))];
	if (batchIds.length === 0) return [];
	const taken: SyncHistoryEntry[] = [];
	for (const batch of await db.historyBatches.bulkGet(batchIds)) {
		// A refill empties the batches while the orders on screen still name theirs.
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
