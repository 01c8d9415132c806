/**
 * What a shape-2 pull adds to the store (S24, S25): each order's status history, the service
 * catalogue, and the one-off refill of a store filled under an older pull shape.
 */
import { PULL_SHAPE, type PullResponse } from '$lib/domain/sync/protocol';
import type { CurbsideDb, LocalOrder, SyncMeta } from '../db/schema';
import { writeHistory, type OrdersOnDevice } from './history-store';
import { isInFlight } from './rebase';

/**
 * A store filled by an older pull has no history and no catalogue: pull once from the beginning.
 * The server's copies are emptied first, so what the refill does not bring back has left the crew;
 * the orders the crew sees stay on screen meanwhile and are swept at the end (`finishRefill`).
 */
export async function beginRefillIfOutdated(db: CurbsideDb): Promise<void> {
	await db.transaction('rw', [db.meta, db.serverOrders, db.historyBatches], async () => {
		const meta = await db.meta.get('sync');
		if (!meta || meta.value.cursor === null || meta.value.refilling) return;
		if ((meta.value.pullShape ?? 1) >= PULL_SHAPE) return;
		await db.serverOrders.clear();
		await db.historyBatches.clear();
		await db.meta.put({ key: 'sync', value: { ...meta.value, cursor: null, refilling: true } });
	});
}

/**
 * The crew changed since the store was filled (an admin moved the person to another crew): the
 * cursor counts changes the old crew saw, so the new crew's older orders would never come and the
 * old crew's would never leave. Refill from the beginning, as for a new shape; the answer that
 * revealed it is dropped unwritten. The new crew is stored at once, so the refill's own pages
 * match it. Returns whether a refill began.
 */
export async function beginRefillIfCrewChanged(db: CurbsideDb, page: PullResponse): Promise<boolean> {
	return db.transaction('rw', [db.meta, db.serverOrders, db.historyBatches], async () => {
		const meta = await db.meta.get('sync');
		const stored = meta?.value.crewId;
		if (!meta || !page.crewId || !stored || stored === page.crewId) return false;
		await db.serverOrders.clear();
		await db.historyBatches.clear();
		await db.meta.put({
			key: 'sync',
			value: { ...meta.value, cursor: null, refilling: true, crewId: page.crewId }
		});
		return true;
	});
}

/**
 * Writes a page's history and catalogue; returns the page's orders naming their history batch, to
 * be written after it. Call inside the page's 'rw' transaction.
 */
export async function writeHistoryAndCatalogue(
	db: CurbsideDb,
	page: PullResponse,
	onDevice?: OrdersOnDevice
): Promise<LocalOrder[]> {
	if (page.services) {
		// The catalogue comes whole: a service no longer in it was retired.
		await db.services.clear();
		await db.services.bulkPut(page.services);
	}
	// Also with no history (an older server's page): the orders keep naming their earlier batch.
	return writeHistory(db, page.orders, page.history ?? [], onDevice);
}

/** The meta fields a page settles: the catalogue version, the crew, and the shape once a pull has ended. */
export function metaAfterPage(value: SyncMeta, page: PullResponse): SyncMeta {
	const servicesVersion = page.servicesVersion ?? value.servicesVersion ?? null;
	const crewId = page.crewId ?? value.crewId;
	if (page.more) return { ...value, servicesVersion, crewId };
	return { ...value, servicesVersion, crewId, pullShape: PULL_SHAPE, refilling: false };
}

/**
 * The last page of a refill: an order the crew still sees but the server no longer sent has left
 * the crew (S15), unless work on it is still in flight (a field report not yet seen by the server).
 * Call inside the page's 'rw' transaction, before its meta is written.
 */
export async function sweepAfterRefill(
	db: CurbsideDb,
	drop: (ids: string[]) => Promise<void>
): Promise<void> {
	const meta = await db.meta.get('sync');
	if (!meta?.value.refilling) return;
	const kept = new Set((await db.serverOrders.toCollection().primaryKeys()) as string[]);
	for (const entry of await db.outbox.toArray())
		if (isInFlight(entry) && entry.orderId) kept.add(entry.orderId);
	const gone = ((await db.orders.toCollection().primaryKeys()) as string[]).filter((id) => !kept.has(id));
	if (gone.length > 0) await drop(gone);
}
