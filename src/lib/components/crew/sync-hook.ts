/**
 * THE hook point between the crew UI and the sync engine: the layout calls these and nothing else.
 *
 * For now it runs the client engineer's SyncEngine and SyncScheduler on the page's own thread.
 * When the comlink sync worker lands, only the body of `startCrewSync` changes (create the worker
 * client instead); the layout, the triggers and the update prompt stay as they are.
 */
import type { CurbsideDb } from '$lib/client/db/schema';
import { SyncEngine, type SyncResult } from '$lib/client/sync/engine';
import type { SyncEvent } from '$lib/client/sync/events';
import { httpTransport } from '$lib/client/sync/http-transport';
import { webLock } from '$lib/client/sync/lock';
import { SyncScheduler } from '$lib/client/sync/scheduler';
import { BACKGROUND_SYNC_TAG } from './service-worker-messages';

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
	const onEvent = (event: SyncEvent) => listeners.onEvent(event);
	const engine = new SyncEngine({ db, transport: httpTransport(), lock: webLock(), onEvent });
	const sync = async () => {
		const result = await engine.sync();
		listeners.onResult(result);
		return result;
	};
	const scheduler = new SyncScheduler({ sync, emit: onEvent });
	// Offline, a sync could only fail and start a backoff; the online event starts the next one.
	const whenOnline = (run: () => void) => {
		if (navigator.onLine) run();
	};
	void engine.announceQueue();
	return {
		appStart: () => whenOnline(() => void scheduler.start()),
		online: () => void scheduler.online(),
		offline: () => scheduler.offline(),
		backgroundSync: () => whenOnline(() => void scheduler.now()),
		syncNow: () => void scheduler.now(),
		localWrite: () => {
			void engine.announceQueue();
			whenOnline(() => scheduler.localWrite());
			void requestBackgroundSync();
		},
		stop: () => scheduler.stop()
	};
}

/** Chromium only: lets the browser wake the service worker when the network returns. */
async function requestBackgroundSync(): Promise<void> {
	const registration = await navigator.serviceWorker?.getRegistration();
	const sync = (registration as { sync?: { register(tag: string): Promise<void> } } | undefined)?.sync;
	await sync?.register(BACKGROUND_SYNC_TAG).catch(() => {});
}
