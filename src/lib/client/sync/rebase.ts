/**
 * What the crew sees = the server's last word + the work the server has not confirmed yet.
 * After every pull (and after a push refuses something) the affected orders are re-derived from
 * `serverOrders` by re-applying the outbox entries that are still in flight, oldest first.
 */
import { reapplyPending } from '$lib/domain/sync/reconcile';
import type { SyncOrder } from '$lib/domain/sync/protocol';
import type { CurbsideDb, OutboxEntry } from '../db/schema';

/** Entries whose effect the crew should still see: not yet pushed, or pushed but not yet pulled. */
export function isInFlight(entry: OutboxEntry): boolean {
	return entry.state === 'pending' || entry.state === 'sent';
}

/**
 * Re-derives the visible copy of each order. Call inside a 'rw' transaction over orders,
 * serverOrders, outbox. `fresh`: server copies the caller has just written (a pulled page), used
 * as they are instead of read back; an order with nothing in flight is stored as its server copy.
 */
export async function rebaseOrders(
	db: CurbsideDb,
	orderIds: Iterable<string>,
	fresh: readonly SyncOrder[] = []
): Promise<void> {
	const ids = [...new Set(orderIds)];
	if (ids.length === 0) return;
	const inFlight = (await db.outbox.orderBy('id').toArray()).filter(isInFlight);
	const byOrder = new Map<string, OutboxEntry[]>();
	for (const entry of inFlight) {
		if (!entry.orderId) continue;
		const list = byOrder.get(entry.orderId);
		if (list) list.push(entry);
		else byOrder.set(entry.orderId, [entry]);
	}
	const known = new Map(fresh.map((order) => [order.id, order]));
	const unknown = ids.filter((id) => !known.has(id));
	const stored = new Map(
		(await (unknown.length > 0 ? db.serverOrders.bulkGet(unknown) : [])).flatMap((order) =>
			order ? [[order.id, order] as const] : []
		)
	);
	const visible = [];
	for (const base of ids.map((id) => known.get(id) ?? stored.get(id))) {
		// A field report the server has not seen yet has no server copy: its local row stands.
		if (!base) continue;
		// Work recorded under a field report's device id and under its server id, oldest first.
		const mine =
			base.clientId && base.clientId !== base.id
				? inFlight.filter((entry) => entry.orderId === base.id || entry.orderId === base.clientId)
				: (byOrder.get(base.id) ?? []);
		visible.push(
			mine.length === 0
				? base
				: reapplyPending(
						base,
						mine.map((entry) => entry.mutation)
					)
		);
	}
	await db.orders.bulkPut(visible);
}
