/**
 * Push (S3-S6, S8): pending outbox entries go out in device order, in batches. Each answer settles
 * entries for good (sent, refused, late) or leaves them pending (photo-missing); nothing the
 * server refuses ever blocks the entries behind it.
 */
import {
	isRetryable,
	MAX_MUTATIONS_PER_PUSH,
	type MutationResult,
	type PushResponse
} from '$lib/domain/sync/protocol';
import type { CurbsideDb, OutboxEntry } from '../db/schema';
import type { SyncEvent } from './events';
import { rebaseOrders } from './rebase';
import { TransportError, type Transport } from './transport';

export interface PushReport {
	/** Some mutation waits for photo bytes the server lacks: upload again, then push again. */
	photosMissing: boolean;
}

export async function pushOutbox(
	db: CurbsideDb,
	transport: Transport,
	deviceId: string,
	emit: (event: SyncEvent) => void,
	batchSize = MAX_MUTATIONS_PER_PUSH
): Promise<PushReport> {
	let gapsSeen = 0;
	// Every round settles at least one entry or stops, so the bound is only a guard against a confused server.
	for (let round = 0; round < 10_000; round++) {
		const batch = await db.outbox.where('state').equals('pending').limit(batchSize).sortBy('id');
		if (batch.length === 0) return { photosMissing: false };
		const answer = await transport.push({
			deviceId,
			mutations: batch.map(({ mutation }) => ({ ...mutation }))
		});
		if (answer.kind === 'gap') {
			// S5: our numbering and the server's disagree. Realign once; a second gap is a real fault.
			if (++gapsSeen > 1)
				throw new TransportError('rejected', 'The server and this device disagree on the work queue.');
			await realignAfterGap(db, answer.lastMutationId);
			continue;
		}
		const settled = await settle(db, answer.body, emit);
		if (settled.photosMissing) return { photosMissing: true };
	}
	throw new TransportError('server', 'The push did not finish.');
}

async function settle(
	db: CurbsideDb,
	body: PushResponse,
	emit: (event: SyncEvent) => void
): Promise<{ photosMissing: boolean }> {
	const notices: SyncEvent[] = [];
	let photosMissing = false;
	await db.transaction('rw', [db.outbox, db.photos, db.orders, db.serverOrders, db.meta], async () => {
		const byId = new Map<number, MutationResult>(body.results.map((result) => [result.id, result]));
		const pending = await db.outbox.where('state').equals('pending').toArray();
		const reverted = new Set<string>();
		for (const entry of pending) {
			const result = byId.get(entry.id);
			if (!result) {
				// Not answered one by one but at or below the server's mark: processed earlier (a lost answer).
				if (entry.id <= body.lastMutationId) await db.outbox.update(entry.id, { state: 'sent' });
				continue;
			}
			if (isRetryable(result)) {
				photosMissing = true;
				await forgetUploads(db, result.missingPhotos ?? entry.photoShas);
				continue;
			}
			const notice = await settleOne(db, entry, result);
			if (notice) {
				notices.push(notice);
				if (entry.orderId) reverted.add(entry.orderId);
			}
		}
		const meta = await db.meta.get('sync');
		if (meta)
			await db.meta.put({ key: 'sync', value: { ...meta.value, serverLastMutationId: body.lastMutationId } });
		// A refused or late mutation no longer shapes what the crew sees: the server did not apply it.
		await rebaseOrders(db, reverted);
	});
	notices.forEach(emit);
	return { photosMissing };
}

async function settleOne(
	db: CurbsideDb,
	entry: OutboxEntry,
	result: MutationResult
): Promise<SyncEvent | null> {
	const reason = result.reason ?? '';
	// A resent mutation reports how it was settled the first time, whose answer may have been lost.
	const outcome = result.outcome === 'duplicate' ? (result.originalOutcome ?? 'applied') : result.outcome;
	if (outcome === 'refused') {
		await db.outbox.update(entry.id, { state: 'refused', reason });
		return { type: 'refused', mutationId: entry.id, orderId: entry.orderId, reason };
	}
	if (outcome === 'late') {
		await db.outbox.update(entry.id, { state: 'late', reason });
		return { type: 'late-report', mutationId: entry.id, orderId: entry.orderId, reason };
	}
	await db.outbox.update(entry.id, { state: 'sent' });
	return null;
}

/** The server says it has not got these bytes after all (S8): upload them from the start of what it holds. */
async function forgetUploads(db: CurbsideDb, shas: readonly string[]): Promise<void> {
	for (const sha256 of shas) await db.photos.update(sha256, { uploaded: 0, rejectedReason: null });
}

/** After a 409: what the server has processed is settled; anything above it must be sent (again). */
async function realignAfterGap(db: CurbsideDb, lastMutationId: number): Promise<void> {
	await db.transaction('rw', db.outbox, async () => {
		await db.outbox
			.where('id')
			.belowOrEqual(lastMutationId)
			.and((entry) => entry.state === 'pending')
			.modify({ state: 'sent' });
		await db.outbox
			.where('id')
			.above(lastMutationId)
			.and((entry) => entry.state === 'sent')
			.modify({ state: 'pending' });
	});
}
