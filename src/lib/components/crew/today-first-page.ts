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
 */
import type { CurbsideDb, LocalOrder, SyncMeta } from '$lib/client/db/schema';
import { DAY_ROUTE_ID } from '$lib/client/map/day-route';
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
	const parts = [
		meta?.cursor ?? '',
		meta?.lastMutationId ?? 0,
		meta?.serverLastMutationId ?? 0,
		meta?.pullShape ?? 1,
		meta?.refilling ? 1 : 0,
		routeIds.join(','),
		outboxIds.join(','),
		settledIds.join(',')
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
 * since they were remembered; null otherwise (nothing remembered, or the store moved on).
 */
export async function readFirstPage(
	storage: Pick<Storage, 'getItem'>,
	db: CurbsideDb
): Promise<FirstPage | null> {
	const memo = loadMemo(storage, db.name);
	if (!memo || memo.ids.length === 0) return null;
	const { inputs, result } = await readWithInputs(db, () => db.orders.bulkGet(memo.ids));
	if (fingerprintOf(inputs) !== memo.fingerprint) return null;
	const rows = result.filter((row): row is LocalOrder => row !== undefined && !isFinalStatus(row.status));
	// Equal inputs mean equal orders: a row missing or finished means something wrote outside them.
	return rows.length === memo.ids.length ? { rows, total: memo.total } : null;
}
