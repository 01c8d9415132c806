/**
 * Pull (S14-S16): pages of the crew's changed orders since the cursor, each page written in one
 * transaction together with its cursor, so a pull cut halfway resumes where it stopped.
 */
import { DEFAULT_PULL_LIMIT, type PullResponse, type SyncOrder } from '$lib/domain/sync/protocol';
import { renamedReportsAmong } from '../db/find-order';
import type { CurbsideDb, OutboxEntry } from '../db/schema';
import type { SyncEvent } from './events';
import {
	beginRefillIfCrewChanged,
	beginRefillIfOutdated,
	metaAfterPage,
	sweepAfterRefill,
	writeHistoryAndCatalogue
} from './pull-shape';
import { dropHistory, OrdersOnDevice } from './history-store';
import { isInFlight, rebaseOrders } from './rebase';
import { TransportError, type Transport } from './transport';

const MAX_PAGES_PER_SYNC = 10_000;

export async function pullChanges(
	db: CurbsideDb,
	transport: Transport,
	deviceId: string,
	emit: (event: SyncEvent) => void,
	limit = DEFAULT_PULL_LIMIT
): Promise<void> {
	let received = 0;
	await beginRefillIfOutdated(db);
	const meta = await db.meta.get('sync');
	let services = meta?.value.servicesVersion;
	const onDevice = new OrdersOnDevice(db);
	let next = askFor(transport, { deviceId, cursor: meta?.value.cursor ?? null, limit, services });
	for (let page = 0; page < MAX_PAGES_PER_SYNC; page++) {
		const response = await next;
		// The next page is asked for as soon as this one is here, while it is written: the server and
		// the wire work while IndexedDB does. Its cursor is this page's. If this write fails, that
		// answer is dropped and the next sync asks again from the cursor stored with the last page
		// written; if the write finds the crew changed (S27), the pull starts over without a cursor.
		const nextServices = response.servicesVersion ?? services;
		if (response.more)
			next = askFor(transport, { deviceId, cursor: response.cursor, limit, services: nextServices });
		if (!(await writePage(db, response, onDevice))) {
			next = askFor(transport, { deviceId, cursor: null, limit, services });
			continue;
		}
		onDevice.add(response.orders.map((order) => order.id));
		services = nextServices;
		received += response.orders.length;
		emit({ type: 'progress', phase: 'pull', done: received, total: received + (response.more ? limit : 0) });
		if (!response.more) return;
	}
	throw new TransportError('server', 'The pull did not end.');
}

/** A pull request already on its way; its failure is reported where it is awaited, never unhandled. */
function askFor(transport: Transport, query: Parameters<Transport['pull']>[0]): Promise<PullResponse> {
	const answer = transport.pull(query);
	answer.catch(() => {});
	return answer;
}

/** Writes the page with its cursor; false (nothing written) when the device's crew changed (S27). */
async function writePage(db: CurbsideDb, page: PullResponse, onDevice: OrdersOnDevice): Promise<boolean> {
	const tables = [
		db.orders,
		db.serverOrders,
		db.notes,
		db.photoLinks,
		db.outbox,
		db.meta,
		db.historyBatches,
		db.services,
		db.renamedReports
	];
	return db.transaction('rw', tables, async () => {
		// In the page's own transaction: one less per page, and the next page is not held behind it.
		if (await beginRefillIfCrewChanged(db, page)) return false;
		const meta = await db.meta.get('sync');
		const inFlight = (await db.outbox.toArray()).filter(isInFlight);
		const affected = new Set(page.orders.map((order) => order.id));
		// A field report comes back under its server id: the row kept under the device's UUID goes,
		// and links made with that UUID find the order by its new id (findOrder).
		const renamed = renamedReportsAmong(page.orders);
		if (renamed.length > 0) {
			const reportedHere = renamed.map((report) => report.clientId);
			await db.orders.bulkDelete(reportedHere);
			await db.serverOrders.bulkDelete(reportedHere);
			await db.renamedReports.bulkPut(renamed);
		}
		// One bulk write per table and page, not one request per order: a first sync of thousands.
		// The server copy is kept apart only where the crew's unconfirmed work changes what it sees
		// (a refill keeps every copy: its sweep reads what came back); elsewhere the visible copy
		// written by the rebase below IS the server's copy, so a first sync stores each order once.
		// First, as each order row names the batch holding its history.
		const orders = await writeHistoryAndCatalogue(db, page, onDevice);
		const working = ordersWithWork(inFlight);
		const copies = meta?.value.refilling ? orders : orders.filter((order) => hasWork(working, order));
		if (copies.length > 0) await db.serverOrders.bulkPut(copies);
		if (page.notes.length > 0)
			await db.notes.bulkPut(page.notes.map((note) => ({ ...note, pending: 0 as const })));
		if (page.photos.length > 0)
			await db.photoLinks.bulkPut(page.photos.map((link) => ({ ...link, pending: 0 as const })));
		if (page.tombstones.length > 0) await dropOrders(db, page.tombstones);
		// Confirm only on the last page: an order changed by a confirmed mutation may sit on a later page,
		// and dropping the mutation earlier would flash its old status.
		let stillInFlight = inFlight;
		if (!page.more) {
			const confirmed = inFlight.filter((entry) => entry.id <= page.lastMutationId);
			for (const entry of confirmed) if (entry.orderId) affected.add(entry.orderId);
			if (confirmed.length > 0) await db.outbox.bulkDelete(confirmed.map((entry) => entry.id));
			stillInFlight = inFlight.filter((entry) => entry.id > page.lastMutationId);
			await sweepAfterRefill(db, (ids) => dropOrders(db, ids));
		}
		if (meta) {
			const value = metaAfterPage(
				{ ...meta.value, cursor: page.cursor, serverLastMutationId: page.lastMutationId },
				page
			);
			await db.meta.put({ key: 'sync', value });
		}
		// The page's orders are handed over as they are: no read-back of what was just written.
		await rebaseOrders(db, affected, orders);
		if (!page.more) await dropSpareServerCopies(db, ordersWithWork(stillInFlight));
		return true;
	});
}

/** The orders (by server id or field report UUID) that unconfirmed work is about. */
function ordersWithWork(inFlight: readonly OutboxEntry[]): Set<string> {
	return new Set(inFlight.flatMap((entry) => (entry.orderId ? [entry.orderId] : [])));
}

function hasWork(working: ReadonlySet<string>, order: SyncOrder): boolean {
	return working.has(order.id) || (order.clientId !== null && working.has(order.clientId));
}

/**
 * Once a pull has ended, an order with no work in flight shows the server's copy as it is, so a copy
 * kept apart is spare (or outdated, after a pull cut off or an older version): it goes, and the
 * table holds only the orders the crew is changing.
 */
async function dropSpareServerCopies(db: CurbsideDb, working: ReadonlySet<string>): Promise<void> {
	const held = await db.serverOrders.toArray();
	const spare = held.filter((order) => !hasWork(working, order)).map((order) => order.id);
	if (spare.length > 0) await db.serverOrders.bulkDelete(spare);
}

/** S15: the orders left the crew. Their pending work stays in the outbox; the server files it as late. */
async function dropOrders(db: CurbsideDb, ids: string[]): Promise<void> {
	// First: the order rows say where their history is.
	await dropHistory(db, ids);
	await db.serverOrders.bulkDelete(ids);
	await db.orders.bulkDelete(ids);
	await db.notes.where('orderId').anyOf(ids).delete();
	await db.photoLinks.where('orderId').anyOf(ids).delete();
	// A numbered field report's device id now leads nowhere. The table holds only this device's own
	// reports, so reading it whole costs less than an index written for each of them.
	const leaving = new Set(ids);
	await db.renamedReports.filter((report) => leaving.has(report.orderId)).delete();
}
