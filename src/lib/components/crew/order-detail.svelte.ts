/**
 * One work order from the local store, live, and the crew's first actions on it. Each action is
 * one local transaction (LocalActions): once it resolves the change is saved on the device, and
 * the sync engine sends it when it can.
 */
import { liveQuery } from 'dexie';
import { LocalActions } from '$lib/client/db/actions';
import { ActionRefused, StorageFull } from '$lib/client/db/record';
import type { CurbsideDb, LocalNote, LocalOrder } from '$lib/client/db/schema';
import { transitionFor } from '$lib/domain/lifecycle';

export class OrderDetail {
	order = $state.raw<LocalOrder | null>(null);
	notes = $state.raw<LocalNote[]>([]);
	loaded = $state(false);
	busy = $state(false);
	/** The outcome of the last action, for a live region. */
	message = $state<{ kind: 'saved' | 'refused'; text: string } | null>(null);

	readonly canStart = $derived(this.order !== null && transitionFor('start', this.order.status).ok);

	constructor(
		private readonly db: CurbsideDb,
		private readonly orderId: string,
		/** Tells the sync hook that something was written. */
		private readonly afterWrite: () => void
	) {}

	watch(): () => void {
		const orderSubscription = liveQuery(() => this.db.orders.get(this.orderId)).subscribe({
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
		return () => {
			orderSubscription.unsubscribe();
			notesSubscription.unsubscribe();
		};
	}

	startWork(): Promise<boolean> {
		return this.act('Work started. Saved on this device.', (actions) => actions.startWork(this.orderId));
	}

	addNote(body: string): Promise<boolean> {
		return this.act('Note saved on this device.', (actions) => actions.addNote(this.orderId, body.trim()));
	}

	private async act(
		savedText: string,
		action: (actions: LocalActions) => Promise<unknown>
	): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		try {
			await action(new LocalActions({ db: this.db }));
			this.message = { kind: 'saved', text: savedText };
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
	if (error instanceof StorageFull) return error.message;
	return 'This could not be saved. Please try again.';
}
