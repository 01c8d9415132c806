/**
 * The one way a user action reaches the local store: a single Dexie transaction that hands out the
 * next per-device mutation id, checks the mutation against its shared schema, writes the local
 * rows and the outbox entry. Either all of it commits or none of it does, so the UI can confirm
 * "saved" the moment the returned promise resolves.
 */
import { parseMutation, photosReferenced, orderIdOf, type TypedMutation } from '$lib/domain/sync/mutations';
import type { MutationName } from '$lib/domain/sync/protocol';
import { loadMeta } from './meta';
import { syncTables, type CurbsideDb } from './schema';

/** The action makes no sense (bad input, or the order's status forbids it); nothing was written. */
export class ActionRefused extends Error {
	constructor(readonly reason: string) {
		super(reason);
		this.name = 'ActionRefused';
	}
}

/** The device ran out of storage; nothing was written. */
export class StorageFull extends Error {
	constructor(cause: unknown) {
		super('The device has no room left to save this.', { cause });
		this.name = 'StorageFull';
	}
}

export async function recordAction<N extends MutationName>(
	db: CurbsideDb,
	name: N,
	args: unknown,
	capturedAt: Date,
	/** Writes the action's local rows; runs inside the transaction, after validation. */
	applyLocally: (mutation: Extract<TypedMutation, { name: N }>) => Promise<void>
): Promise<TypedMutation> {
	try {
		return await db.transaction('rw', syncTables(db), async () => {
			const meta = await loadMeta(db);
			const id = meta.lastMutationId + 1;
			const parsed = parseMutation({ id, name, args, capturedAt: capturedAt.toISOString() });
			if (!parsed.ok) throw new ActionRefused(parsed.reason);
			const mutation = parsed.mutation as Extract<TypedMutation, { name: N }>;
			await keepServerCopy(db, orderIdOf(mutation));
			await applyLocally(mutation);
			await db.outbox.add({
				id,
				mutation,
				orderId: orderIdOf(mutation),
				photoShas: photosReferenced(mutation),
				state: 'pending',
				reason: null
			});
			await db.meta.put({ key: 'sync', value: { ...meta, lastMutationId: id } });
			return mutation;
		});
	} catch (error) {
		if (isQuotaError(error)) throw new StorageFull(error);
		throw error;
	}
}

/**
 * The server's copy of an order is stored apart only while the crew has work on it in flight (a
 * pull writes it for those orders; see pull.ts). Until then the visible copy IS the server's: it is
 * kept before the crew's first unconfirmed change, so a refusal or a later pull can rebase on it.
 */
async function keepServerCopy(db: CurbsideDb, orderId: string | null): Promise<void> {
	if (orderId === null) return;
	const order = await db.orders.get(orderId);
	// A field report the server has not seen yet has no server copy to keep.
	if (!order || order.clientId === order.id) return;
	const names = order.clientId ? [order.id, order.clientId] : [order.id];
	const inFlight = await db.outbox
		.where('orderId')
		.anyOf(names)
		.filter((entry) => entry.state === 'pending' || entry.state === 'sent')
		.count();
	if (inFlight === 0) await db.serverOrders.put(order);
}

export function isQuotaError(error: unknown): boolean {
	if (!(error instanceof Error)) return false;
	// Dexie wraps the DOMException; both carry the name.
	const inner = (error as { inner?: unknown }).inner;
	return (
		error.name === 'QuotaExceededError' || (inner instanceof Error && inner.name === 'QuotaExceededError')
	);
}
