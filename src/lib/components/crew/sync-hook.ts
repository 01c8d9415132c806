/**
 * THE hook point between the crew UI and the sync engine: the layout calls these and nothing else.
 *
 * The engine runs in the dedicated sync worker (src/lib/client/sync/worker.ts, over comlink), so
 * hashing photos, pushing and writing thousands of pulled orders never janks the page. The worker
 * opens the same per-user IndexedDB as the page; the page's own writes (LocalActions) only nudge it.
 */
import type { CurbsideDb } from '$lib/client/db/schema';
import { requestBackgroundSync } from '$lib/client/sync/background-sync';
import { startSyncClient, type SyncClient } from '$lib/client/sync/client';
import type { SyncResult } from '$lib/client/sync/engine';
import type { SyncEvent } from '$lib/client/sync/events';

export interface CrewSync {
	/** The app opened (and is online). */
	appStart(): void;
	online(): void;
	offline(): void;
	/** The service worker relayed the browser's Background Sync event. */
	backgroundSync(): void;
	/** "Sync now" in the UI. */
	syncNow(): void;
	/** After each local write: a debounced sync, and a Background Sync request for when the tab is gone. */
	localWrite(): void;
	stop(): void;
}

export interface CrewSyncListeners {
	onEvent(event: SyncEvent): void;
	/** Every finished run: the connection badge learns whether the server could be reached. */
	onResult(result: SyncResult): void;
}

export function startCrewSync(db: CurbsideDb, listeners: CrewSyncListeners): CrewSync {
	const onEvent = (event: SyncEvent) => {
		listeners.onEvent(event);
		if (event.type === 'synced') listeners.onResult({ ok: true, pending: 0 });
		else if (event.type === 'sync-failed') {
			listeners.onResult({ ok: false, failure: event.failure, message: event.message });
		}
	};
	const client = startSyncClient(db.name, onEvent, navigator.onLine);
	const call = (use: (running: SyncClient) => unknown) => {
		client.then(use).catch((cause: unknown) => console.error('[curbside] sync worker:', cause));
	};
	return {
		// The worker syncs on start by itself (when online).
		appStart: () => {},
		online: () => call(({ api }) => api.setOnline(true)),
		offline: () => call(({ api }) => api.setOnline(false)),
		backgroundSync: () => call(({ api }) => api.syncNow()),
		syncNow: () => call(({ api }) => api.syncNow()),
		localWrite: () => {
			call(({ api }) => api.localWrite());
			void requestBackgroundSync(db.name).catch(() => {});
		},
		stop: () => call((running) => running.terminate())
	};
}
