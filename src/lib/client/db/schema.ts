/**
 * The crew device's local store: ONE versioned Dexie schema. Every table the app keeps offline is
 * declared here, so an upgrade is one new `version(n)` block and never a second database.
 *
 * Orders are kept twice on purpose (Replicache-style): `serverOrders` is the last state the server
 * confirmed, `orders` is what the crew sees, i.e. server state with the still-pending mutations
 * re-applied over it. A pull rewrites the first and re-derives the second.
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { TypedMutation } from '$lib/domain/sync/mutations';
import type { SyncNote, SyncOrder, SyncPhotoLink } from '$lib/domain/sync/protocol';

/** 1 while the row exists only on this device (not yet seen in a pull); IndexedDB cannot index booleans. */
type PendingFlag = 0 | 1;

export type LocalOrder = SyncOrder;
export type LocalNote = SyncNote & { pending: PendingFlag };
export type LocalPhotoLink = SyncPhotoLink & { pending: PendingFlag };

/** The bytes of a photo taken on this device and how far its upload got. */
export interface LocalPhoto {
	sha256: string;
	blob: Blob;
	size: number;
	contentType: string;
	/** Bytes the server is known to hold (from the last HEAD or PUT answer). */
	uploadedBytes: number;
	uploaded: PendingFlag;
	/** Set when the server refuses the bytes for good (not an image, too large): never retried. */
	rejectedReason: string | null;
	createdAt: string;
}

/**
 * pending: waiting to be pushed. sent: the server processed it; still re-applied over pulled state
 *   until a pull reports it (so the screen never flickers back to the old status).
 * refused: the server will never apply it; kept with its reason until the crew has seen it.
 * late: kept by the server as a late field report; kept here so the crew is told.
 */
export type OutboxState = 'pending' | 'sent' | 'refused' | 'late';

export interface OutboxEntry {
	/** The per-device mutation id (1, 2, 3...), handed out inside the action's transaction. */
	id: number;
	/** Already checked against the mutation's schema when the action was recorded. */
	mutation: TypedMutation;
	/** The order the mutation is about, for per-item state; null for e.g. a location report. */
	orderId: string | null;
	/** Photos the mutation references: they are uploaded before it is pushed. */
	photoShas: string[];
	state: OutboxState;
	reason: string | null;
}

export interface SyncMeta {
	deviceId: string;
	/** The last mutation id handed out on this device. */
	lastMutationId: number;
	/** The last mutation id the server said it processed. */
	serverLastMutationId: number;
	/** Opaque pull cursor from the server; null before the first pull. */
	cursor: string | null;
	lastSyncAt: string | null;
}

/** A map tile of a downloaded area pack (filled by the offline map; evicted first under pressure). */
export interface LocalTile {
	/** `z/x/y` */
	key: string;
	pack: string;
	data: Blob;
	bytes: number;
	storedAt: string;
}

interface MetaRow {
	key: 'sync';
	value: SyncMeta;
}

export const DEFAULT_DATABASE_NAME = 'curbside';

export class CurbsideDb extends Dexie {
	declare orders: EntityTable<LocalOrder, 'id'>;
	declare serverOrders: EntityTable<SyncOrder, 'id'>;
	declare notes: EntityTable<LocalNote, 'id'>;
	declare photoLinks: EntityTable<LocalPhotoLink, 'id'>;
	declare photos: EntityTable<LocalPhoto, 'sha256'>;
	declare outbox: EntityTable<OutboxEntry, 'id'>;
	declare meta: EntityTable<MetaRow, 'key'>;
	declare tiles: EntityTable<LocalTile, 'key'>;

	/** `options` lets Node tests pass fake-indexeddb's `indexedDB` and `IDBKeyRange`. */
	constructor(name: string = DEFAULT_DATABASE_NAME, options?: DexieOptions) {
		super(name, options);
		this.version(1).stores({
			orders: 'id, status, routeOrder, clientId',
			serverOrders: 'id',
			notes: 'id, orderId, pending',
			photoLinks: 'id, orderId, sha256, pending',
			photos: 'sha256, uploaded',
			outbox: 'id, state, orderId',
			meta: 'key',
			tiles: 'key, pack, storedAt'
		});
	}
}

/** Every table an action or a sync step may write, for `db.transaction('rw', ...)`. */
export function syncTables(db: CurbsideDb) {
	return [db.orders, db.serverOrders, db.notes, db.photoLinks, db.photos, db.outbox, db.meta];
}
