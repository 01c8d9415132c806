/**
 * The page side of the sync worker: one typed comlink proxy, events delivered through a proxied
 * callback, and the page's own triggers (online/offline, the service worker's sync message).
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { SyncWorkerApi } from './api';
import type { SyncEventListener } from './events';
import { BACKGROUND_SYNC_MESSAGE } from './background-sync';

export type SyncClient = Remote<SyncWorkerApi>;

export async function startSyncClient(onEvent: SyncEventListener): Promise<SyncClient> {
	const worker = new Worker(new URL('./worker.ts', import.meta.url), {
		type: 'module',
		name: 'curbside-sync'
	});
	const api = wrap<SyncWorkerApi>(worker);
	await api.start(proxy(onEvent));
	await api.setOnline(navigator.onLine);
	addEventListener('online', () => void api.setOnline(true));
	addEventListener('offline', () => void api.setOnline(false));
	// The service worker's Background Sync event arrives here while a page is open (background-sync.ts).
	navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
		if (event.data === BACKGROUND_SYNC_MESSAGE) void api.syncNow();
	});
	return api;
}
