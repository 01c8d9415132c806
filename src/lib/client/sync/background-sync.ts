/**
 * The service worker's part of S21: register a Background Sync after local writes and, when the
 * browser fires `sync`, ask an open page's worker to sync, or sync right here when no page is open
 * (the queue flushes with the app closed). The Web Lock keeps this from racing a page's worker.
 */
import { CurbsideDb } from '../db/schema';
import { SyncEngine, type SyncResult } from './engine';
import { httpTransport } from './http-transport';
import { webLock } from './lock';

/**
 * The tag carries the database to sync (one IndexedDB per signed-in user), so the service worker
 * can flush the right queue with no page open: `curbside-sync:<database name>`.
 */
export const BACKGROUND_SYNC_TAG_PREFIX = 'curbside-sync:';

export function backgroundSyncTag(databaseName: string): string {
	return `${BACKGROUND_SYNC_TAG_PREFIX}${databaseName}`;
}

/** The database a Background Sync tag names, or null for a tag that is not ours. */
export function databaseFromTag(tag: string): string | null {
	return tag.startsWith(BACKGROUND_SYNC_TAG_PREFIX) && tag.length > BACKGROUND_SYNC_TAG_PREFIX.length
		? tag.slice(BACKGROUND_SYNC_TAG_PREFIX.length)
		: null;
}

interface SyncManagerLike {
	register(tag: string): Promise<void>;
}

/** From a page: ask the browser to wake the service worker when the network is back. */
export async function requestBackgroundSync(databaseName: string): Promise<boolean> {
	const registration = await navigator.serviceWorker?.getRegistration();
	const sync = (registration as (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined)?.sync;
	if (!sync) return false;
	await sync.register(backgroundSyncTag(databaseName));
	return true;
}

interface ServiceWorkerScope {
	clients: {
		matchAll(options: { type: 'window' }): Promise<ReadonlyArray<{ postMessage(message: unknown): void }>>;
	};
}

/**
 * In the service worker's `sync` handler. With a crew page open, that page's sync worker is asked
 * (`wakePage` message); with none, the queue of `databaseName` is flushed right here.
 */
export async function handleBackgroundSync(
	scope: ServiceWorkerScope,
	databaseName: string,
	wakePage: unknown,
	syncDatabase: (name: string) => Promise<SyncResult> = syncHere
): Promise<SyncResult | null> {
	const pages = await scope.clients.matchAll({ type: 'window' });
	if (pages.length > 0) {
		for (const page of pages) page.postMessage(wakePage);
		return null;
	}
	const result = await syncDatabase(databaseName);
	// A failed sync rejects so the browser retries the sync event later with its own backoff.
	if (!result.ok && result.failure !== 'auth-expired') throw new Error(result.message);
	return result;
}

/** The real engine, in the service worker itself, under the same Web Lock as the pages' workers. */
function syncHere(databaseName: string): Promise<SyncResult> {
	return new SyncEngine({
		db: new CurbsideDb(databaseName),
		transport: httpTransport(),
		lock: webLock()
	}).sync();
}
