/**
 * Pull (S14-S16): pages of the crew's changed orders since the cursor, each page written in one
 * transaction together with its cursor, so a pull cut halfway resumes where it stopped.
 */
import { DEFAULT_PULL_LIMIT, type PullResponse } from '$lib/domain/sync/protocol';
import type { CurbsideDb } from '../db/schema';
import type { SyncEvent } from './events';
import {
	beginRefillIfOutdated,
	metaAfterPage,
	sweepAfterRefill,
	writeHistoryAndCatalogue
} from './pull-shape';
import { rebaseOrders } from './rebase';
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
	let next = askFor(transport, { deviceId, cursor: meta?.value.cursor ?? null, limit, services });
	for (let page = 0; page < MAX_PAGES_PER_SYNC; page++) {
		const response = await next;
		services = response.servicesVersion ?? services;
		// The next page is asked for while this one is written: the server and the wire work while
		// IndexedDB does. Its cursor is this page's; if this write fails, the answer is dropped and
		// the next sync asks again from the cursor stored with the last page written.
		if (response.more) next = askFor(transport, { deviceId, cursor: response.cursor, limit, services });
		await writePage(db, response);
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

async function writePage(db: CurbsideDb, page: PullResponse): Promise<void> {
	const tables = [
		db.orders,
		db.serverOrders,
		db.notes,
		db.photoLinks,
		db.outbox,
		db.meta,
		db.history,
		db.services
	];
	await db.transaction('rw', tables, async () => {
		const affected = new Set(page.orders.map((order) => order.id));
		// A field report comes back under its server id: the row kept under the device's UUID goes.
		const reportedHere = page.orders.flatMap((order) =>
			order.clientId && order.clientId !== order.id ? [order.clientId] : []
		);
		if (reportedHere.length > 0) {
			await db.orders.bulkDelete(reportedHere);
			await db.serverOrders.bulkDelete(reportedHere);
		}
		// One bulk write per page, not one request per order: a first sync of thousands of orders.
		await db.serverOrders.bulkPut(page.orders);
		await db.notes.bulkPut(page.notes.map((note) => ({ ...note, pending: 0 as const })));
		await db.photoLinks.bulkPut(page.photos.map((link) => ({ ...link, pending: 0 as const })));
		await writeHistoryAndCatalogue(db, page);
		for (const id of page.tombstones) await dropOrder(db, id);
		// Confirm only on the last page: an order changed by a confirmed mutation may sit on a later page,
		// and dropping the mutation earlier would flash its old status.
		if (!page.more) {
			const confirmed = await db.outbox
				.where('id')
				.belowOrEqual(page.lastMutationId)
				.and((entry) => entry.state === 'pending' || entry.state === 'sent')
				.toArray();
			for (const entry of confirmed) if (entry.orderId) affected.add(entry.orderId);
			await db.outbox.bulkDelete(confirmed.map((entry) => entry.id));
			await sweepAfterRefill(db, (id) => dropOrder(db, id));
		}
		const meta = await db.meta.get('sync');
		if (meta) {
			const value = metaAfterPage(
				{ ...meta.value, cursor: page.cursor, serverLastMutationId: page.lastMutationId },
				page
			);
			await db.meta.put({ key: 'sync', value });
		}
		// The page's orders are handed over as they are: no read-back of what was just written.
		await rebaseOrders(db, affected, page.orders);
	});
}

/** S15: the order left the crew. Its pending work stays in the outbox; the server files it as late. */
async function dropOrder(db: CurbsideDb, id: string): Promise<void> {
	await db.serverOrders.delete(id);
	await db.orders.delete(id);
	await db.notes.where('orderId').equals(id).delete();
	await db.photoLinks.where('orderId').equals(id).delete();
	await db.history.where('orderId').equals(id).delete();
}
