/**
 * The sync engine: one run = photos first, then push in device order, then pull until caught up,
 * all under the device-wide sync lock (S20). It never throws for network trouble: it reports a
 * failure kind and the scheduler decides when to try again.
 */
import { DEFAULT_PULL_LIMIT } from '$lib/domain/sync/protocol';
import { evictTiles } from '../map/tile-store';
import { loadMeta } from '../db/meta';
import { isQuotaError } from '../db/record';
import type { CurbsideDb } from '../db/schema';
import type { OutboxItem, SyncEvent, SyncEventListener } from './events';
import type { Lock } from './lock';
import { DEFAULT_CHUNK_BYTES, uploadPendingPhotos } from './photo-upload';
import { cacheServerPhotos } from './photo-cache';
import { pullChanges } from './pull';
import { pushOutbox } from './push';
import { TransportError, type Transport, type TransportFailure } from './transport';

export type SyncFailure = TransportFailure | 'quota-exceeded' | 'internal';

export type SyncResult = { ok: true; pending: number } | { ok: false; failure: SyncFailure; message: string };

export interface EngineOptions {
	db: CurbsideDb;
	transport: Transport;
	lock: Lock;
	onEvent?: SyncEventListener;
	now?: () => Date;
	chunkBytes?: number;
	pullLimit?: number;
}

/** Photo-missing answers can follow an upload only when the server lost bytes; a few rounds suffice. */
const UPLOAD_PUSH_ROUNDS = 3;
/**
 * A sync that finds the device full (S26) removes map tiles, least recently drawn first, and runs
 * again: this much room the first time, doubling each time, at most this many times.
 */
const ROOM_FOR_SYNC_BYTES = 8 * 1024 * 1024;
const ROOM_ROUNDS = 3;

export class SyncEngine {
	private readonly db: CurbsideDb;
	private readonly transport: Transport;
	private readonly lock: Lock;
	private readonly now: () => Date;
	private listener: SyncEventListener;

	constructor(private readonly options: EngineOptions) {
		this.db = options.db;
		this.transport = options.transport;
		this.lock = options.lock;
		this.now = options.now ?? (() => new Date());
		this.listener = options.onEvent ?? (() => {});
	}

	setListener(listener: SyncEventListener): void {
		this.listener = listener;
	}

	/** One full sync. Waits for any other tab's or the service worker's sync to finish first. */
	sync(): Promise<SyncResult> {
		return this.lock.run(() => this.syncMakingRoom());
	}

	/** Entries not yet on the server (refused and late ones are settled, not pending). */
	pendingCount(): Promise<number> {
		return this.db.outbox.where('state').equals('pending').count();
	}

	/** Every outbox entry with its state: the per-item view and the "needs attention" list. */
	async outboxItems(): Promise<OutboxItem[]> {
		const entries = await this.db.outbox.orderBy('id').toArray();
		return entries.map(({ id, mutation, orderId, state, reason }) => ({
			id,
			name: mutation.name,
			orderId,
			state,
			reason
		}));
	}

	/** Tells listeners the current queue; called after local writes too. */
	async announceQueue(): Promise<void> {
		const [count, items] = await Promise.all([this.pendingCount(), this.outboxItems()]);
		this.emit({ type: 'pending', count, items });
	}

	/**
	 * A pull that runs out of room would leave the crew without new orders for the day: tiles are a
	 * cache and go first, never queued work (S26). Running again is safe: what was pushed is
	 * answered from the server's record (S3), and the pull resumes from its last written page (S14).
	 */
	private async syncMakingRoom(): Promise<SyncResult> {
		for (let round = 0; ; round++) {
			const result = await this.syncHoldingLock();
			if (result.ok || result.failure !== 'quota-exceeded') return result;
			const evicted =
				round < ROOM_ROUNDS
					? await evictTiles(this.db, ROOM_FOR_SYNC_BYTES * 2 ** round).catch(() => ({ tiles: 0 }))
					: { tiles: 0 };
			if (evicted.tiles === 0) {
				this.emit({ type: 'quota-exceeded' });
				return result;
			}
		}
	}

	private async syncHoldingLock(): Promise<SyncResult> {
		const emit = (event: SyncEvent) => this.emit(event);
		try {
			const { deviceId } = await this.db.transaction('rw', this.db.meta, () => loadMeta(this.db));
			const chunk = this.options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
			for (let round = 0; round < UPLOAD_PUSH_ROUNDS; round++) {
				await uploadPendingPhotos(this.db, this.transport, emit, chunk);
				const report = await pushOutbox(this.db, this.transport, deviceId, emit);
				if (!report.photosMissing) break;
			}
			await pullChanges(
				this.db,
				this.transport,
				deviceId,
				emit,
				this.options.pullLimit ?? DEFAULT_PULL_LIMIT
			);
			// Best effort: a photo that does not arrive now is fetched on a later sync.
			await cacheServerPhotos(this.db, this.transport).catch(() => 0);
			const at = this.now().toISOString();
			await this.db.transaction('rw', this.db.meta, async () => {
				const meta = await loadMeta(this.db);
				await this.db.meta.put({ key: 'sync', value: { ...meta, lastSyncAt: at } });
			});
			this.emit({ type: 'synced', at });
			await this.announceQueue();
			return { ok: true, pending: await this.pendingCount() };
		} catch (error) {
			await this.announceQueue().catch(() => {});
			return this.failure(error);
		}
	}

	private failure(error: unknown): SyncResult {
		const message = error instanceof Error ? error.message : String(error);
		if (error instanceof TransportError) {
			if (error.failure === 'auth-expired') this.emit({ type: 'auth-expired' });
			return { ok: false, failure: error.failure, message };
		}
		// Told only once no map tile is left to make room (syncMakingRoom).
		if (isQuotaError(error)) return { ok: false, failure: 'quota-exceeded', message };
		return { ok: false, failure: 'internal', message };
	}

	private emit(event: SyncEvent): void {
		try {
			this.listener(event);
		} catch {
			// A broken listener (a closed tab's proxy) must not break the sync.
		}
	}
}
