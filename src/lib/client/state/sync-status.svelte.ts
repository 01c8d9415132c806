/**
 * What the crew sees of sync (S22), as one rune class driven only by the engine's events:
 * online/offline, pending count, each queued item's state, upload progress, the last successful
 * sync and the items that need attention. Components read it; they never talk to the engine.
 */
import type { OutboxItem, SyncEvent, SyncPhase } from '../sync/events';

export interface Progress {
	phase: SyncPhase;
	done: number;
	total: number;
}

export class SyncStatus {
	online = $state(true);
	pendingCount = $state(0);
	items = $state<OutboxItem[]>([]);
	progress = $state<Progress | null>(null);
	lastSyncAt = $state<string | null>(null);
	authExpired = $state(false);
	storageFull = $state(false);
	lastError = $state<{ message: string; retryInMs: number | null } | null>(null);

	/** Refused and late items: kept until the crew dismisses them (S6, S11). */
	readonly needsAttention = $derived(
		this.items.filter((item) => item.state === 'refused' || item.state === 'late')
	);
	readonly syncing = $derived(this.progress !== null);

	constructor(online = true) {
		this.online = online;
	}

	/** The queue state of one order, for a badge on its card. */
	stateOf(orderId: string): 'attention' | 'pending' | 'synced' {
		const mine = this.items.filter((item) => item.orderId === orderId);
		if (mine.some((item) => item.state === 'refused' || item.state === 'late')) return 'attention';
		if (mine.some((item) => item.state === 'pending' || item.state === 'sent')) return 'pending';
		return 'synced';
	}

	/** Pass as the engine listener: `startSyncClient(databaseName, (event) => status.apply(event))`. */
	apply(event: SyncEvent): void {
		switch (event.type) {
			case 'progress':
				this.progress = { phase: event.phase, done: event.done, total: event.total };
				break;
			case 'pending':
				this.pendingCount = event.count;
				this.items = event.items;
				break;
			case 'connectivity':
				this.online = event.online;
				break;
			case 'auth-expired':
				this.authExpired = true;
				this.progress = null;
				break;
			case 'quota-exceeded':
				this.storageFull = true;
				break;
			case 'synced':
				this.lastSyncAt = event.at;
				this.authExpired = false;
				this.lastError = null;
				this.progress = null;
				break;
			case 'sync-failed':
				this.lastError = { message: event.message, retryInMs: event.retryInMs };
				this.progress = null;
				break;
			case 'refused':
			case 'late-report':
				// The item itself arrives with the next 'pending' event; nothing to keep twice.
				break;
		}
	}
}
