/**
 * The service worker's part of S21: register a Background Sync after local writes and, when the
 * browser fires `sync`, ask an open page's worker to sync, or sync right here when no page is open
 * (the queue flushes with the app closed). The Web Lock keeps this from racing a page's worker.
 */
import { CurbsideDb } from '../db/schema';
import { SyncEngine, type SyncResult } from './engine';
import { httpTransport } from './http-transport';
import { webLock } from './lock';

export const BACKGROUND_SYNC_TAG = 'curbside-sync';
export const BACKGROUND_SYNC_MESSAGE = 'curbside:sync-now';

interface SyncManagerLike {
	register(tag: string): Promise<void>;
}

/** From a page: ask the browser to wake the service worker when the network is back. */
export async function requestBackgroundSync(): Promise<boolean> {
	const registration = await navigator.serviceWorker?.ready;
	const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync;
	if (!sync) return false;
	await sync.register(BACKGROUND_SYNC_TAG);
	return true;
}

interface ServiceWorkerScope {
	clients: {
		matchAll(options: { type: 'window' }): Promise<ReadonlyArray<{ postMessage(message: unknown): void }>>;
	};
}

/** In the service worker's `sync` handler: `event.waitUntil(handleBackgroundSync(self))`. */
export async function handleBackgroundSync(scope: ServiceWorkerScope): Promise<SyncResult | null> {
	const pages = await scope.clients.matchAll({ type: 'window' });
	if (pages.length > 0) {
		for (const page of pages) page.postMessage(BACKGROUND_SYNC_MESSAGE);
		return null;
	}
	const engine = new SyncEngine({ db: new CurbsideDb(), transport: httpTransport(), lock: webLock() });
	const result = await engine.sync();
	// A failed sync rejects so the browser retries the sync event later with its own backoff.
	if (!result.ok && result.failure !== 'auth-expired') throw new Error(result.message);
	return result;
}
