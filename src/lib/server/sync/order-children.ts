/**
 * What a pull sends along with each order (S14, S24): every note, photo link and status history
 * entry of it. Every device of a crew pulls the same changed orders, each with all of this, and
 * reading and shaping it was most of a pull's database time under load (issue #9: ~125 history
 * rows and ~55 notes for a page of ~26 orders). So it is kept per order *and change number*, and
 * the crew's other devices are served from memory.
 *
 * Why a kept entry is never older than the database at that change: every write of a note, a photo
 * link or a history entry advances its order's change number in the same transaction
 * (WorkOrderRepository.touch / update), and an entry is read only after the pull has seen the
 * order at that number, so every child written up to it has committed. It may hold more (a child
 * committed just after), as a page read straight from the database may too; the device upserts by
 * id and gets that child again with the order's next change. Names shown beside the entries (a
 * note's author, a history entry's actor and crews) are read at the order's change as before; an
 * entry lives at most `ENTRY_LIFETIME_MS`, so a renamed person shows under the new name on a full
 * pull within that time even when the order did not change.
 */
import type { Kysely } from 'kysely';
import type { SyncHistoryEntry, SyncNote, SyncPhotoLink } from '$lib/domain';
import type { Database } from '$lib/server/db/schema';
import { SyncPullRepository } from '$lib/server/repositories/sync-pull';
import { historyFor, toSyncHistoryEntry } from './history-view';
import { toSyncNote, toSyncPhotoLink } from './sync-views';

/** Orders kept per database; a few KB each (a busy order has tens of history entries). */
const MAX_ENTRIES = 2_000;
const ENTRY_LIFETIME_MS = 60_000;

interface OrderChildren {
	notes: SyncNote[];
	photos: SyncPhotoLink[];
	/** With the sort keys of the history query (change number, then id). */
	history: { changeSeq: number; id: number; entry: SyncHistoryEntry }[];
}

export interface PageChildren {
	notes: SyncNote[];
	photos: SyncPhotoLink[];
	history: SyncHistoryEntry[];
}

/** An order as the pull's page read it: its id and the change number it was at. */
export interface PageOrder {
	id: string;
	change_seq: number;
}

/**
 * Notes, photo links and history of the page's orders, in the order the database queries give
 * them (notes and photos by capture time then id, history by change number then id).
 */
export async function childrenOf(
	db: Kysely<Database>,
	orders: readonly PageOrder[],
	nowMs: number = performance.now()
): Promise<PageChildren> {
	const kept = keptFor(db);
	const found = new Map<string, OrderChildren>();
	const missing: PageOrder[] = [];
	for (const order of orders) {
		const entry = kept.get(order.id, Number(order.change_seq), nowMs);
		if (entry) found.set(order.id, entry);
		else missing.push(order);
	}
	if (missing.length > 0) {
		const loaded = await loadChildren(
			db,
			missing.map((order) => order.id)
		);
		for (const order of missing) {
			const entry = loaded.get(order.id) as OrderChildren;
			kept.set(order.id, Number(order.change_seq), entry, nowMs);
			found.set(order.id, entry);
		}
	}
	const all = orders.map((order) => found.get(order.id) as OrderChildren);
	return {
		notes: all.flatMap((entry) => entry.notes).sort(byCaptureThenId),
		photos: all.flatMap((entry) => entry.photos).sort(byCaptureThenId),
		history: all
			.flatMap((entry) => entry.history)
			.sort((a, b) => a.changeSeq - b.changeSeq || a.id - b.id)
			.map((item) => item.entry)
	};
}

async function loadChildren(
	db: Kysely<Database>,
	ids: readonly string[]
): Promise<Map<string, OrderChildren>> {
	const reads = new SyncPullRepository(db);
	const notes = await reads.notesFor(ids);
	const photos = await reads.photosFor(ids);
	const history = await historyFor(db, ids);
	const byOrder = new Map<string, OrderChildren>(
		ids.map((id) => [id, { notes: [], photos: [], history: [] }])
	);
	for (const row of notes) byOrder.get(row.work_order_id)?.notes.push(toSyncNote(row));
	for (const row of photos) byOrder.get(row.work_order_id)?.photos.push(toSyncPhotoLink(row));
	for (const row of history)
		byOrder.get(row.work_order_id)?.history.push({
			changeSeq: Number(row.change_seq),
			id: Number(row.id),
			entry: toSyncHistoryEntry(row)
		});
	return byOrder;
}

function byCaptureThenId(
	a: { capturedAt: string; id: string },
	b: { capturedAt: string; id: string }
): number {
	return compare(a.capturedAt, b.capturedAt) || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Entries by order and change number, least recently used first out, each for a limited time. */
class KeptChildren {
	private readonly entries = new Map<string, { children: OrderChildren; until: number }>();

	get(orderId: string, changeSeq: number, nowMs: number): OrderChildren | undefined {
		const key = `${changeSeq}:${orderId}`;
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		this.entries.delete(key);
		if (entry.until < nowMs) return undefined;
		this.entries.set(key, entry);
		return entry.children;
	}

	set(orderId: string, changeSeq: number, children: OrderChildren, nowMs: number): void {
		const key = `${changeSeq}:${orderId}`;
		this.entries.delete(key);
		this.entries.set(key, { children, until: nowMs + ENTRY_LIFETIME_MS });
		if (this.entries.size > MAX_ENTRIES) {
			const oldest = this.entries.keys().next().value;
			if (oldest !== undefined) this.entries.delete(oldest);
		}
	}
}

/** One store per database handle: a test's fresh database starts with nothing kept. */
const keptByDatabase = new WeakMap<Kysely<Database>, KeptChildren>();

function keptFor(db: Kysely<Database>): KeptChildren {
	let kept = keptByDatabase.get(db);
	if (!kept) {
		kept = new KeptChildren();
		keptByDatabase.set(db, kept);
	}
	return kept;
}
