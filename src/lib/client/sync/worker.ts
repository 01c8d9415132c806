/**
 * The dedicated sync worker: owns the engine and the scheduler, so syncing never janks the UI.
 * Start it from the page with client.ts. The Web Lock keeps it from racing other tabs' workers
 * and the service worker (S20).
 */
import { expose } from 'comlink';
import { CurbsideDb } from '../db/schema';
import { httpTransport } from './http-transport';
import { webLock } from './lock';
import { createSyncWorkerApi } from './worker-api';

// The page names the worker after the signed-in user's database (one IndexedDB per user), so the
// worker syncs exactly the store the page shows.
const databaseName = (self as unknown as { name?: string }).name || undefined;
const api = createSyncWorkerApi({
	db: new CurbsideDb(databaseName),
	transport: httpTransport(),
	lock: webLock()
});

// A worker has its own `online`/`offline` events; the page forwards its own too (setOnline).
self.addEventListener('online', () => void api.setOnline(true));
self.addEventListener('offline', () => void api.setOnline(false));

expose(api);
