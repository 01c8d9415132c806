/**
 * The crew device's local store: ONE versioned Dexie schema. Every table the app keeps offline is
 * declared here, so an upgrade is one new `version(n)` block and never a second database.
 *
 * Orders are kept twice where it matters (Replicache-style): `orders` is what the crew sees, i.e.
 * the server's state with the still-pending mutations re-applied over it; `serverOrders` is the
 * last state the server confirmed, kept apart only for orders with work in flight (taken before the
 * crew's first unconfirmed change, see record.ts). Elsewhere the two are the same, so an order is
 * stored once: a first sync of thousands of orders writes each one a single time.
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { MapArea } from '$lib/domain/map/area';
import type { TypedMutation } from '$lib/domain/sync/mutations';
import type {
	SyncCatalogueService,
	SyncHistoryEntry,
	SyncNote,
	SyncOrder,
	SyncPhotoLink
} from '$lib/domain/sync/protocol';
import { batchesOf } from '../sync/history-store';
import { renamedReportsAmong } from './find-order';

/** 1 while the row exists only on this device (not yet seen in a pull); IndexedDB cannot index booleans. */
type PendingFlag = 0 | 1;

export type LocalOrder = SyncOrder & {
	/** The `historyBatches` row holding this order's status history (S24); absent when it has none. */
	historyBatch?: number;
};
export type LocalNote = SyncNote & { pending: PendingFlag };
export type LocalPhotoLink = SyncPhotoLink & { pending: PendingFlag };
/** An order's status history as the server last sent it (read-only on the device). */
export type LocalHistoryEntry = SyncHistoryEntry;
/**
 * The status history of the orders of one pull page, in one row (see sync/history-store.ts):
 * IndexedDB's cost follows the rows written, and a first sync brings thousands of entries.
 */
export interface HistoryBatch {
	id?: number;
	/** Every order with entries here; each order's history is in one batch only, named by its row. */
	orderIds: string[];
	/** Oldest first. */
	entries: SyncHistoryEntry[];
}
/** One active service of the catalogue (S25): what Report a problem offers, offline. */
export type LocalService = SyncCatalogueService;

/**
 * A field report the server has numbered: the device id it was reported under (and linked by on
 * the device), and its server id. Kept instead of an index on `orders.clientId`, which cost a
 * write for every order a sync stores to serve these few.
 */
export interface RenamedReport {
	clientId: string;
	orderId: string;
}

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
	/** The catalogue version held in `services` (S25); absent before the first shape-2 pull. */
	servicesVersion?: string | null;
	/** The pull shape the store was filled under (PULL_SHAPE); absent means 1 (S24). */
	pullShape?: number;
	/** Set while a pull from the beginning refills the store for a new pull shape (S24) or crew (S27). */
	refilling?: boolean;
	/** The crew the store was filled for (S27); absent until a pull names it. */
	crewId?: string;
}

/** A map tile of a downloaded area pack (filled by the offline map; evicted first under pressure). */
export interface LocalTile {
	/** `z/x/y` */
	key: string;
	/** The area pack that brought it (or `network` when the map fetched it while browsing). */
	pack: string;
	/** The MVT bytes as maplibre takes them; an empty buffer is an empty tile (nothing there). */
	data: ArrayBuffer;
	bytes: number;
	storedAt: string;
	/** Epoch ms of the last time the map drew it (updated lazily): eviction takes the oldest first. */
	lastUsedAt: number;
}

/** The offline area of the map: what was asked for, how far the download got, and the style to open it with. */
export interface LocalMapPack {
	/** One area per device today: `crew-area`. */
	id: string;
	/** The crew's stops plus a buffer: a GeoJSON polygon and its [west, south, east, north] box. */
	area: MapArea;
	minZoom: number;
	maxZoom: number;
	tileCount: number;
	/** Bytes of the tiles stored so far. */
	bytes: number;
	startedAt: string;
	/** null while the download is incomplete (cancelled, failed or still running). */
	completedAt: string | null;
	/** The server's maplibre style JSON, kept so the map opens with no network. */
	style: unknown;
	attribution: string;
}

/** The crew's own order of today's stops (planned on the map, then reordered by hand). */
export interface LocalDayRoute {
	id: 'today';
	orderIds: string[];
	plannedAt: string;
}

interface MetaRow {
	key: 'sync';
	value: SyncMeta;
}

export const DEFAULT_DATABASE_NAME = 'curbside';

export class CurbsideDb extends Dexie {
	declare orders: EntityTable<LocalOrder, 'id'>;
	declare serverOrders: EntityTable<LocalOrder, 'id'>;
	declare notes: EntityTable<LocalNote, 'id'>;
	declare photoLinks: EntityTable<LocalPhotoLink, 'id'>;
	declare photos: EntityTable<LocalPhoto, 'sha256'>;
	declare outbox: EntityTable<OutboxEntry, 'id'>;
	declare meta: EntityTable<MetaRow, 'key'>;
	declare tiles: EntityTable<LocalTile, 'key'>;
	declare mapPacks: EntityTable<LocalMapPack, 'id'>;
	declare dayRoute: EntityTable<LocalDayRoute, 'id'>;
	declare historyBatches: EntityTable<HistoryBatch, 'id'>;
	declare services: EntityTable<LocalService, 'code'>;
	declare renamedReports: EntityTable<RenamedReport, 'clientId'>;

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
		this.version(2)
			.stores({
				// Offline map: tiles by least-recent use (eviction), area packs, the crew's own route order.
				tiles: 'key, pack, lastUsedAt',
				mapPacks: 'id',
				dayRoute: 'id',
				// Pulled with the orders (S24, S25): each order's status history, the service catalogue.
				history: 'id, orderId',
				services: 'code'
			})
			.upgrade(async (tx) => {
				// Version 1 tiles had no use time and held Blobs; they are a cache, so start the cache afresh.
				await tx.table('tiles').clear();
			});
		this.version(3)
			.stores({
				// No `status` index: nothing queries orders by status, and each index entry is a write.
				orders: 'id, routeOrder, clientId',
				// History in one row per pull page instead of one per entry (a first sync's largest cost).
				history: null,
				historyBatches: '++id, *orderIds'
			})
			.upgrade(async (tx) => {
				// History is kept only for orders on the device (see history-store.ts).
				const onDevice = new Set(await tx.table('orders').toCollection().primaryKeys());
				const entries = ((await tx.table('history').toArray()) as SyncHistoryEntry[]).filter((entry) =>
					onDevice.has(entry.orderId)
				);
				if (entries.length > 0) await tx.table('historyBatches').bulkAdd(batchesOf(entries));
			});
		// Orders with no index at all: each index entry is one more write for every order a sync
		// stores (issue #9: writing 1,000 orders took ~25% less in Chromium without the two).
		// Nothing queries by `routeOrder` (the day's order is sorted in memory); a field report's
		// device id is looked up in `renamedReports` instead of by `clientId`.
		this.version(4)
			.stores({ orders: 'id', renamedReports: 'clientId' })
			.upgrade(async (tx) => {
				const renamed = renamedReportsAmong((await tx.table('orders').toArray()) as LocalOrder[]);
				if (renamed.length > 0) await tx.table('renamedReports').bulkPut(renamed);
			});
		// Each order row names its history batch instead of a multi-entry index on the batches'
		// order ids: one index entry less for every order a sync stores (see sync/history-store.ts).
		this.version(5)
			.stores({ historyBatches: '++id' })
			.upgrade(async (tx) => {
				const batchOf = new Map<string, number>();
				for (const batch of (await tx.table('historyBatches').toArray()) as HistoryBatch[])
					for (const orderId of batch.orderIds) batchOf.set(orderId, batch.id as number);
				for (const table of ['orders', 'serverOrders'])
					await tx
						.table(table)
						.toCollection()
						.modify((order: LocalOrder) => {
							const historyBatch = batchOf.get(order.id);
							if (historyBatch !== undefined) order.historyBatch = historyBatch;
						});
			});
	}
}

/** Every table an action or a sync step may write, for `db.transaction('rw', ...)`. */
export function syncTables(db: CurbsideDb) {
	return [db.orders, db.serverOrders, db.notes, db.photoLinks, db.photos, db.outbox, db.meta];
}
