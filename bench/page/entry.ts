/**
 * The code the benchmarks run inside Chromium, bundled by bench/bundle.ts from the app's own
 * client modules: the real sync engine, HTTP transport and local actions over Dexie.
 * Exposed as `window.curbsideBench`; every figure is measured in the page, side by side.
 */
import Dexie from 'dexie';
import { LocalActions } from '$lib/client/db/actions';
import { CurbsideDb } from '$lib/client/db/schema';
import { fitLongEdge, JPEG_QUALITY } from '$lib/client/photos/fit';
import { SyncEngine } from '$lib/client/sync/engine';
import { httpTransport } from '$lib/client/sync/http-transport';
import { inMemoryLock } from '$lib/client/sync/lock';
import type { Transport } from '$lib/client/sync/transport';
import { nextCameraJpeg } from './camera';

export interface FirstSyncFigures {
	orders: number;
	notes: number;
	photoLinks: number;
	syncMs: number;
	bulkPutMs: number;
	/** Time spent waiting for pull answers (server, wire and JSON parse), pages counted. */
	pullWaitMs: number;
	pages: number;
}

export interface RecordedDay {
	closures: number;
	photos: number;
	/** The camera JPEGs before the app's compression rule. */
	cameraBytes: number;
	/** What the device stores and must upload. */
	photoBytes: number;
	recordMs: number;
}

export interface UploadFigures {
	ok: boolean;
	failure: string | null;
	syncMs: number;
	pending: number;
	/** Photo bytes handed to PUT requests during this sync (whole pieces, sent or cut). */
	putBytes: number;
	putRequests: number;
}

const SYNC_DB = 'curbside-bench-sync';
const BASELINE_DB = 'curbside-bench-bulkput';

async function deleteDatabases(): Promise<void> {
	await Promise.all([Dexie.delete(SYNC_DB), Dexie.delete(BASELINE_DB)]);
}

/** First sync through the engine, then the same rows stored with one plain bulkPut. */
async function firstSync(): Promise<FirstSyncFigures> {
	await deleteDatabases();
	const db = new CurbsideDb(SYNC_DB);
	const http = httpTransport();
	let pullWaitMs = 0;
	let pages = 0;
	const transport: Transport = {
		...http,
		pull: async (query) => {
			const asked = performance.now();
			const page = await http.pull(query);
			pullWaitMs += performance.now() - asked;
			pages += 1;
			return page;
		}
	};
	const engine = new SyncEngine({ db, transport, lock: inMemoryLock() });
	// Both stores are created before their clocks start, as the baseline's is below. In the app the
	// crew page creates the store (Today opens it) before its sync worker starts: not part of a sync.
	await db.open();
	const started = performance.now();
	const result = await engine.sync();
	const syncMs = performance.now() - started;
	if (!result.ok) throw new Error(`first sync failed: ${result.failure} ${result.message}`);
	const rows = await db.orders.toArray();
	const [notes, photoLinks] = [await db.notes.count(), await db.photoLinks.count()];
	db.close();

	const baseline = new Dexie(BASELINE_DB);
	baseline.version(1).stores({ orders: 'id' });
	await baseline.open();
	const putStarted = performance.now();
	await baseline.table('orders').bulkPut(rows);
	const bulkPutMs = performance.now() - putStarted;
	baseline.close();
	return { orders: rows.length, notes, photoLinks, syncMs, bulkPutMs, pullWaitMs, pages };
}

/**
 * The app's compression rule (src/lib/client/photos/compress.worker.ts, same size rule and
 * quality), run on the page because the bundle cannot start the app's worker.
 */
async function compress(file: Blob): Promise<Blob> {
	const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	const { width, height } = fitLongEdge(bitmap.width, bitmap.height);
	const canvas = new OffscreenCanvas(width, height);
	canvas.getContext('2d')?.drawImage(bitmap, 0, 0, width, height);
	bitmap.close();
	return canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
}

/** The store the day is recorded in: synced first when the first-sync bench did not run before. */
async function syncedDb(): Promise<CurbsideDb> {
	const db = new CurbsideDb(SYNC_DB);
	if ((await db.orders.count()) > 0) return db;
	const engine = new SyncEngine({ db, transport: httpTransport(), lock: inMemoryLock() });
	const result = await engine.sync();
	if (!result.ok) throw new Error(`sync failed: ${result.failure} ${result.message}`);
	return db;
}

/** Records a day's closures with two photos each offline (every photo unique in the page, see camera.ts). */
async function recordDay(closures: number): Promise<RecordedDay> {
	const started = performance.now();
	const db = await syncedDb();
	const actions = new LocalActions({ db });
	const orders = (await db.orders.toArray())
		.filter((order) => order.status === 'assigned')
		.slice(0, closures);
	if (orders.length < closures) throw new Error(`only ${orders.length} assigned orders to close`);
	let cameraBytes = 0;
	let photoBytes = 0;
	for (const order of orders) {
		await actions.startWork(order.id);
		for (const kind of ['before', 'after'] as const) {
			const camera = await nextCameraJpeg();
			const photo = await compress(camera);
			cameraBytes += camera.size;
			photoBytes += photo.size;
			await actions.addPhoto(order.id, photo, kind);
		}
		await actions.closeOrder(order.id, { resolutionCode: 'no_problem_found', notes: 'Checked on site' });
	}
	db.close();
	const recordMs = performance.now() - started;
	return { closures: orders.length, photos: orders.length * 2, cameraBytes, photoBytes, recordMs };
}

/** One sync that uploads what is queued, counting the photo bytes it hands to PUT requests. */
async function uploadDay(): Promise<UploadFigures> {
	const db = new CurbsideDb(SYNC_DB);
	const http = httpTransport();
	let putBytes = 0;
	let putRequests = 0;
	const transport: Transport = {
		...http,
		photoPut: (sha256, offset, chunk, totalSize) => {
			putBytes += chunk.length;
			putRequests += 1;
			return http.photoPut(sha256, offset, chunk, totalSize);
		}
	};
	const engine = new SyncEngine({ db, transport, lock: inMemoryLock() });
	const started = performance.now();
	const result = await engine.sync();
	const syncMs = performance.now() - started;
	db.close();
	return {
		ok: result.ok,
		failure: result.ok ? null : `${result.failure}: ${result.message}`,
		syncMs,
		pending: result.ok ? result.pending : -1,
		putBytes,
		putRequests
	};
}

const api = { firstSync, recordDay, uploadDay };
export type CurbsideBench = typeof api;
(globalThis as unknown as { curbsideBench: CurbsideBench }).curbsideBench = api;
