/**
 * What the crew must read (S6, S11, S22): work the server refused, with its reason, and work it
 * kept only as a late field report. Read live from the outbox, where the sync engine leaves these
 * entries until the crew dismisses them, so the list survives reloads and needs no network.
 */
import type { CurbsideDb, OutboxEntry } from '$lib/client/db/schema';
import { followLive } from './live-query';

export interface AttentionItem {
	mutationId: number;
	kind: 'refused' | 'late';
	/** What the crew did, in words ("Close order"). */
	action: string;
	orderId: string | null;
	reason: string;
	capturedAt: string;
}

const ACTION_TEXT: Readonly<Record<OutboxEntry['mutation']['name'], string>> = {
	startWork: 'Start work',
	addNote: 'Note',
	addPhoto: 'Photo',
	closeOrder: 'Close order',
	unableToComplete: 'Unable to complete',
	reportProblem: 'Reported problem',
	recordLocation: 'Location'
};

export function attentionItemOf(entry: OutboxEntry): AttentionItem | null {
	if (entry.state !== 'refused' && entry.state !== 'late') return null;
	return {
		mutationId: entry.id,
		kind: entry.state,
		action: ACTION_TEXT[entry.mutation.name],
		orderId: entry.orderId,
		reason:
			entry.reason ??
			(entry.state === 'late' ? 'Kept by the server as a late field report.' : 'The server refused it.'),
		capturedAt: entry.mutation.capturedAt
	};
}

export class NeedsAttention {
	items = $state.raw<AttentionItem[]>([]);
	loaded = $state(false);
	problem = $state<string | null>(null);
	private db: CurbsideDb | null = null;

	/** Follows the outbox; returns the function that stops following it. */
	watch(db: CurbsideDb): () => void {
		this.db = db;
		return followLive(() => db.outbox.where('state').anyOf('refused', 'late').sortBy('id'), {
			next: (entries) => {
				this.items = entries.map(attentionItemOf).filter((item) => item !== null);
				this.loaded = true;
			},
			error: () => {
				this.loaded = true;
			}
		});
	}

	/** The crew has read it: it leaves the list (and the device) for good. */
	async dismiss(mutationId: number): Promise<void> {
		if (!this.db) return;
		try {
			// Loaded when first needed: the list is read on every page, the actions only here.
			const { LocalActions } = await import('$lib/client/db/actions');
			await new LocalActions({ db: this.db }).dismiss(mutationId);
			this.problem = null;
		} catch {
			this.problem = 'This could not be dismissed. Please try again.';
		}
	}
}
