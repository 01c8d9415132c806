/**
 * One work order from the local store, live, and the crew's first actions on it. Each action is
 * one local transaction (LocalActions): once it resolves the change is saved on the device, and
 * the sync engine sends it when it can.
 */
import { liveQuery } from 'dexie';
import { LocalActions, type CloseInput, type PhotoKind } from '$lib/client/db/actions';
import { findOrder } from '$lib/client/db/find-order';
import { ActionRefused, StorageFull } from '$lib/client/db/record';
import type {
	CurbsideDb,
	LocalHistoryEntry,
	LocalNote,
	LocalOrder,
	OutboxEntry
} from '$lib/client/db/schema';
import { compressPhoto, PhotoUnreadable } from '$lib/client/photos/compress';
import { historyOf } from '$lib/client/sync/history-store';
import { transitionFor } from '$lib/domain/lifecycle';
import type { UnableReason } from '$lib/domain/resolution';
import { DeviceFull, withRoomToSave } from './make-room';
import { orderTimeline } from './order-timeline';

export class OrderDetail {
	order = $state.raw<LocalOrder | null>(null);
	notes = $state.raw<LocalNote[]>([]);
	history = $state.raw<LocalHistoryEntry[]>([]);
	/** This order's outbox entries: the crew's work the server has not confirmed shows on the timeline. */
	outbox = $state.raw<OutboxEntry[]>([]);
	loaded = $state(false);
	busy = $state(false);
	/** The outcome of the last action, for a live region. */
	message = $state<{ kind: 'saved' | 'refused'; text: string } | null>(null);

	readonly timeline = $derived(orderTimeline(this.history, this.notes, this.outbox));
	readonly canStart = $derived(this.order !== null && transitionFor('start', this.order.status).ok);
	readonly canClose = $derived(this.order !== null && transitionFor('close', this.order.status).ok);
	readonly canReportUnable = $derived(this.order !== null && transitionFor('unable', this.order.status).ok);

	constructor(
		private readonly db: CurbsideDb,
		private readonly orderId: string,
		/** Tells the sync hook that something was written. */
		private readonly afterWrite: () => void,
		/** Whether the server can be reached now: offline, the crew is told the change will follow. */
		private readonly isOnline: () => boolean = () => true
	) {}

	watch(): () => void {
		// A field report reported on this device is renamed to its CS- number by the first sync after
		// it; a link made before that (its device id) still finds it.
		const orderSubscription = liveQuery(() => findOrder(this.db, this.orderId)).subscribe({
			next: (order) => {
				this.order = order ?? null;
				this.loaded = true;
			},
			error: () => {
				this.loaded = true;
			}
		});
		const notesSubscription = liveQuery(() =>
			this.db.notes.where('orderId').equals(this.orderId).sortBy('capturedAt')
		).subscribe({
			next: (notes) => {
				this.notes = notes;
			}
		});
		// History is kept under the server id; a field report opened by its device id has none yet.
		const historySubscription = liveQuery(() => historyOf(this.db, this.orderId)).subscribe({
			next: (history) => {
				this.history = history;
			}
		});
		const outboxSubscription = liveQuery(() =>
			this.db.outbox.where('orderId').equals(this.orderId).sortBy('id')
		).subscribe({
			next: (entries) => {
				this.outbox = entries;
			}
		});
		return () => {
			orderSubscription.unsubscribe();
			notesSubscription.unsubscribe();
			historySubscription.unsubscribe();
			outboxSubscription.unsubscribe();
		};
	}

	startWork(): Promise<boolean> {
		return this.act('Work started.', (actions) => actions.startWork(this.orderId));
	}

	addNote(body: string): Promise<boolean> {
		return this.act('Note saved.', (actions) => actions.addNote(this.orderId, body.trim()));
	}

	/** Compresses in the photo worker first; the photo is saved (and confirmed) only with its link. */
	addPhoto(file: Blob, kind: PhotoKind): Promise<boolean> {
		return this.act('Photo saved.', async (actions) =>
			actions.addPhoto(this.orderId, await compressPhoto(file), kind)
		);
	}

	closeOrder(input: CloseInput): Promise<boolean> {
		return this.act('Order closed.', (actions) => actions.closeOrder(this.orderId, input));
	}

	unableToComplete(reason: UnableReason, text: string): Promise<boolean> {
		return this.act('Marked unable to complete.', (actions) =>
			actions.unableToComplete(this.orderId, reason, text.trim())
		);
	}

	private async act(
		savedText: string,
		action: (actions: LocalActions) => Promise<unknown>
	): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		try {
			// A full device gives up map tiles (a cache), never queued work, before the save gives up.
			await withRoomToSave(this.db, () => action(new LocalActions({ db: this.db })));
			const where = this.isOnline() ? 'Saved on this device.' : 'Saved on this device — will sync.';
			this.message = { kind: 'saved', text: `${savedText} ${where}` };
			this.afterWrite();
			return true;
		} catch (error) {
			this.message = { kind: 'refused', text: refusalText(error) };
			return false;
		} finally {
			this.busy = false;
		}
	}
}

function refusalText(error: unknown): string {
	if (error instanceof ActionRefused) return error.reason;
	if (error instanceof StorageFull || error instanceof DeviceFull) return error.message;
	if (error instanceof PhotoUnreadable) return error.message;
	return 'This could not be saved. Please try again.';
}
