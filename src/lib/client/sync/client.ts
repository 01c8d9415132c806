/**
 * The page side of the sync worker: one typed comlink proxy, with the engine's events delivered
 * through a proxied callback. The page's own triggers (online/offline, the service worker's
 * message, "sync now") call into it; the worker owns the engine, the scheduler and the timers.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { SyncWorkerApi } from './api';
import type { SyncEventListener } from './events';

export interface SyncClient {
	/** The worker's API. Never add members to this proxy: setting a property on a comlink proxy
	 * posts the value to the worker, and a function cannot be cloned. */
	api: Remote<SyncWorkerApi>;
	/** Ends the worker (sign-out): its triggers and timers go with it. */
	terminate(): void;
}

/** `databaseName`: the signed-in user's IndexedDB; the worker opens the same one. */
export async function startSyncClient(
	databaseName: string,
	onEvent: SyncEventListener,
	online: boolean
): Promise<SyncClient> {
	const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: databaseName });
	const api = wrap<SyncWorkerApi>(worker);
	// Offline first, so an app opened without signal does not start with a doomed attempt.
	await api.setOnline(online);
	await api.start(proxy(onEvent));
	return { api, terminate: () => worker.terminate() };
}
