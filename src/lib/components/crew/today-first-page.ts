/**
 * The Today list's first screenful, remembered so the next cold start paints it without reading
 * and sorting every cached order first (thousands of rows take seconds on a slow tablet).
 *
 * Only ids are remembered (in localStorage, per user database), with a fingerprint of everything
 * that changes the crew's orders or their order on screen: the sync meta (pull cursor, mutation
 * ids, refill state), the outbox (every entry and which ones the server refused or kept late, as
 * these stop shaping the local orders) and the crew's own day route. Every write to `orders`
 * (a pull page, a push's settlement, a local action) changes one of them in the same transaction.
 * At start the rows are read fresh by id with the fingerprint, in one transaction: when it
 * still matches, those rows in that order ARE the first rows of the full sorted list, so they are
 * painted at once; otherwise nothing is shown early and the full read decides. The full read
 * always follows and takes over.
 *
 * The start's read uses IndexedDB itself, not Dexie: it can begin while the page's modules are
 * still being evaluated (startFirstPageRead), and Dexie (its script and its own opening of the
 * database) is only needed for the full read after the first paint. It reads by store and index
 * name, whatever the schema's version, and gives up (null) when anything is not as expected.
 */
import type { CurbsideDb, LocalOrder, SyncMeta } from '$lib/client/db/schema';
import { isFinalStatus } from '$lib/domain/lifecycle';

/** What was remembered: the first open orders in Today's default view (no search, open only). */
interface FirstPageMemo {
	fingerprint: string;
	ids: string[];
	/** How many open orders the default view listed. */
	total: number;
}

export interface FirstPage {
	rows: LocalOrder[];
	total: number;
}

/** The inputs of the list as one transaction saw them (see todayInputs). */
export interface TodayInputs {
	meta: SyncMeta | undefined;
	routeIds: readonly string[];
	/** Every outbox entry's id, and those the server refused or kept as late reports. */
	outboxIds: readonly number[];
	settledIds: readonly number[];
}

const MEMO_PREFIX = 'curbside.today-first-page.';

function memoKey(databaseName: string): string {
	return MEMO_PREFIX + databaseName;
}

/** A short, stable summary of the inputs: equal inputs give equal fingerprints. */
export function fingerprintOf({ meta, routeIds, outboxIds, settledIds }: TodayInputs): string {
	// Sorted: Dexie and a raw IndexedDB read need not list the outbox's keys in the same order.
	const ascending = (ids: readonly number[]) => [...ids].sort((a, b) => a - b).join(',');
	const parts = [
		meta?.cursor ?? '',
		meta?.lastMutationId ?? 0,
		meta?.serverLastMutationId ?? 0,
		meta?.pullShape ?? 1,
		meta?.refilling ? 1 : 0,
		routeIds.join(','),
		ascending(outboxIds),
		ascending(settledIds)
	];
	return fnv1a(JSON.stringify(parts));
}

/** 32-bit FNV-1a as 8 hex digits: enough to tell one state of a device's store from the next. */
function fnv1a(text: string): string {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Reads the inputs of the Today list and, with them, the orders `read` asks for, in one readonly
 * transaction, so a fingerprint and the rows it is stored with always belong together.
 */
export function readWithInputs<T>(
	db: CurbsideDb,
	read: () => Promise<T>
): Promise<{ inputs: TodayInputs; result: T }> {
	return db.transaction('r', [db.orders, db.meta, db.dayRoute, db.outbox], async () => {
		const [meta, route, outboxIds, settledIds, result] = await Promise.all([
			db.meta.get('sync'),
			db.dayRoute.get(DAY_ROUTE_ID),
			db.outbox.toCollection().primaryKeys(),
			db.outbox.where('state').anyOf('refused', 'late').primaryKeys(),
			read()
		]);
		return {
			inputs: { meta: meta?.value, routeIds: route?.orderIds ?? [], outboxIds, settledIds },
			result
		};
	});
}

export function rememberFirstPage(
	storage: Pick<Storage, 'getItem' | 'setItem'>,
	databaseName: string,
	inputs: TodayInputs,
	firstOpenIds: readonly string[],
	total: number
): void {
	const memo: FirstPageMemo = { fingerprint: fingerprintOf(inputs), ids: [...firstOpenIds], total };
	const text = JSON.stringify(memo);
	try {
		if (storage.getItem(memoKey(databaseName)) !== text) storage.setItem(memoKey(databaseName), text);
	} catch {
		// A full or blocked localStorage only costs the next start its head start.
	}
}

export function forgetFirstPage(storage: Pick<Storage, 'removeItem'>, databaseName: string): void {
	try {
		storage.removeItem(memoKey(databaseName));
	} catch {
		// Nothing to forget.
	}
}

function loadMemo(storage: Pick<Storage, 'getItem'>, databaseName: string): FirstPageMemo | null {
	try {
		const memo = JSON.parse(storage.getItem(memoKey(databaseName)) ?? 'null') as FirstPageMemo | null;
		const valid =
			memo !== null &&
			typeof memo.fingerprint === 'string' &&
			Array.isArray(memo.ids) &&
			memo.ids.every((id) => typeof id === 'string') &&
			typeof memo.total === 'number';
		return valid ? memo : null;
	} catch {
		return null;
	}
}

/**
 * The remembered first rows, read fresh from the store, when nothing that shapes the list changed
 * since they were remembered; null otherwise (nothing remembered, no such database, a schema it
 * does not know, or the store moved on). Opens its own connection and closes it when done.
 */
export async function readFirstPage(
	storage: Pick<Storage, 'getItem'>,
	databaseName: string,
	factory: IDBFactory = indexedDB
): Promise<FirstPage | null> {
	const memo = loadMemo(storage, databaseName);
	if (!memo || memo.ids.length === 0) return null;
	const db = await openExisting(factory, databaseName);
	if (!db) return null;
	try {
		const read = await readByIds(db, memo.ids);
		if (!read || fingerprintOf(read.inputs) !== memo.fingerprint) return null;
		const rows = read.rows.filter(
			(row): row is LocalOrder => row !== undefined && !isFinalStatus(row.status)
		);
		// Equal inputs mean equal orders: a row missing or finished means something wrote outside them.
		return rows.length === memo.ids.length ? { rows, total: memo.total } : null;
	} finally {
		db.close();
	}
}

/** The read started early for one database (see startFirstPageRead). */
let started: { databaseName: string; read: Promise<FirstPage | null> } | null = null;

/**
 * Starts reading the remembered first page of `databaseName` now, for takeFirstPageRead to pick
 * up: called as the Today page's code loads, before the app has decided who is signed in, so the
 * read overlaps the rest of the start. Nothing read here is shown until the session said it is
 * this user's database.
 */
export function startFirstPageRead(
	storage: Pick<Storage, 'getItem'>,
	databaseName: string,
	factory: IDBFactory = indexedDB
): void {
	const read = readFirstPage(storage, databaseName, factory).catch(() => null);
	// A User Timing mark the cold-start bench logs: when the rows could be shown, at the earliest.
	void read.then(() => performance.mark('curbside:first-page-read'));
	started = { databaseName, read };
}

/** The read started early for this database if there is one (used once), else a new read. */
export function takeFirstPageRead(
	storage: Pick<Storage, 'getItem'>,
	databaseName: string,
	factory: IDBFactory = indexedDB
): Promise<FirstPage | null> {
	const early = started;
	started = null;
	if (early?.databaseName === databaseName) return early.read;
	return readFirstPage(storage, databaseName, factory).catch(() => null);
}

/** Store and index names this read relies on (see src/lib/client/db/schema.ts). */
const ORDERS = 'orders';
const META = 'meta';
const DAY_ROUTE = 'dayRoute';
const OUTBOX = 'outbox';
const OUTBOX_STATE_INDEX = 'state';
const SYNC_META_KEY = 'sync';
/** day-route.ts's DAY_ROUTE_ID, not imported: that module brings the route planner into every crew page. */
const DAY_ROUTE_ID = 'today';

/**
 * Opens the database at whatever version it has; null when it does not exist (never creates
 * one: an empty database made here would stand in the way of Dexie's own creation) or fails.
 */
function openExisting(factory: IDBFactory, name: string): Promise<IDBDatabase | null> {
	return new Promise((resolve) => {
		let request: IDBOpenDBRequest;
		try {
			request = factory.open(name);
		} catch {
			return resolve(null);
		}
		// Only a database that does not exist yet gets an upgrade here: aborting it creates nothing.
		request.onupgradeneeded = () => request.transaction?.abort();
		request.onerror = (event) => {
			event.preventDefault();
			resolve(null);
		};
		request.onsuccess = () => {
			const db = request.result;
			// Dexie opening a newer version must not wait for this short-lived connection.
			db.onversionchange = () => db.close();
			resolve(db);
		};
	});
}

/** The list's inputs and the orders with these ids, in one readonly transaction. */
function readByIds(
	db: IDBDatabase,
	ids: readonly string[]
): Promise<{ inputs: TodayInputs; rows: (LocalOrder | undefined)[] } | null> {
	const stores = [ORDERS, META, DAY_ROUTE, OUTBOX];
	if (!stores.every((store) => db.objectStoreNames.contains(store))) return Promise.resolve(null);
	const tx = db.transaction(stores, 'readonly');
	const outbox = tx.objectStore(OUTBOX);
	if (!outbox.indexNames.contains(OUTBOX_STATE_INDEX)) {
		tx.abort();
		return Promise.resolve(null);
	}
	const byState = outbox.index(OUTBOX_STATE_INDEX);
	const meta = tx.objectStore(META).get(SYNC_META_KEY) as IDBRequest<{ value?: SyncMeta } | undefined>;
	const route = tx.objectStore(DAY_ROUTE).get(DAY_ROUTE_ID) as IDBRequest<
		{ orderIds?: string[] } | undefined
	>;
	const outboxIds = outbox.getAllKeys() as IDBRequest<number[]>;
	const refused = byState.getAllKeys('refused') as IDBRequest<number[]>;
	const late = byState.getAllKeys('late') as IDBRequest<number[]>;
	const orders = tx.objectStore(ORDERS);
	const rows = ids.map((id) => orders.get(id) as IDBRequest<LocalOrder | undefined>);
	return new Promise((resolve, reject) => {
		tx.oncomplete = () =>
			resolve({
				inputs: {
					meta: meta.result?.value,
					routeIds: route.result?.orderIds ?? [],
					outboxIds: outboxIds.result,
					settledIds: [...refused.result, ...late.result]
				},
				rows: rows.map((row) => row.result)
			});
		tx.onerror = () => reject(tx.error ?? new Error('the first page could not be read'));
		tx.onabort = () => reject(tx.error ?? new Error('the first page could not be read'));
	});
}
