import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import type { PullResponse } from '../../src/lib/domain/sync/protocol';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { appDir, ROOT } from './support/app';
import { ServerProcess } from './support/server';

/**
 * Issue 9, chaos: storage pressure in real Chromium. The origin's quota is made small with the
 * DevTools protocol (Storage.overrideQuotaForOrigin: IndexedDB writes honour it, although
 * navigator.storage.estimate() does not report it), the crew's map tiles fill it, and then the
 * crew goes on working: tiles are evicted, queued work never is, and a save that still does not
 * fit says so plainly instead of failing silently. Then the device gets room again and everything syncs once.
 *
 * What Chromium 150 does here (measured, see docs/sync-spec.md S26): deleting IndexedDB rows does
 * not give quota back (the store's file keeps its size; the deletes even grow it), so evicting
 * tiles makes no room in this browser and the crew sees "This device is full..."; the eviction
 * that frees room is proven at the Dexie level in make-room.test.ts.
 */
const PORT = 3177;
/** Small enough to fill in seconds, large enough for the crew's orders and the app's own rows. */
const QUOTA_BYTES = 12 * 1024 * 1024;
/** Tile sizes filled in turn: the last refusal leaves no room for even a small save. */
const TILE_SIZES = [48 * 1024, 8 * 1024, 1024, 128];

let server: ServerProcess;
let browser: Browser;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	const base = path.join(ROOT, 'test-results', 'chaos', 'storage-pressure');
	fs.rmSync(base, { recursive: true, force: true });
	server = new ServerProcess({
		appDir: appDir(),
		port: PORT,
		dataDir: path.join(base, 'data'),
		databaseUrl: '',
		logFile: path.join(base, 'server.log')
	});
	await server.start();
	browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
});

test.afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

interface LocalState {
	tiles: number;
	outbox: { id: number; name: string; state: string }[];
	photos: number;
}

/** The crew's own IndexedDB store, read with the plain API (the app holds it open with Dexie). */
function localState(page: Page): Promise<LocalState> {
	return page.evaluate(async () => {
		const names = (await indexedDB.databases()).map((info) => info.name ?? '');
		const name = names.find((found) => found.startsWith('curbside-user-'));
		if (!name) throw new Error(`no crew store among ${names.join(', ')}`);
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const opening = indexedDB.open(name);
			opening.onsuccess = () => resolve(opening.result);
			opening.onerror = () => reject(opening.error);
		});
		const all = <T>(store: string) =>
			new Promise<T[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result as T[]);
				request.onerror = () => reject(request.error);
			});
		const count = (store: string) =>
			new Promise<number>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).count();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
		const outbox = await all<{ id: number; mutation: { name: string }; state: string }>('outbox');
		const state = {
			tiles: await count('tiles'),
			outbox: outbox.map((entry) => ({ id: entry.id, name: entry.mutation.name, state: entry.state })),
			photos: await count('photos')
		};
		db.close();
		return state;
	});
}

/**
 * Map tiles into the crew's store, as the offline map saves them, until the quota refuses one;
 * then smaller and smaller ones, so that not even a small save fits in what is left.
 */
function fillWithTiles(
	page: Page,
	tileSizes: readonly number[]
): Promise<{ stored: number; refusal: string }> {
	return page.evaluate(async (sizes) => {
		const names = (await indexedDB.databases()).map((info) => info.name ?? '');
		const name = names.find((found) => found.startsWith('curbside-user-')) ?? '';
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const opening = indexedDB.open(name);
			opening.onsuccess = () => resolve(opening.result);
			opening.onerror = () => reject(opening.error);
		});
		let stored = 0;
		let refusal = 'none';
		for (const bytes of sizes) {
			for (let attempt = 0; attempt < 5000; attempt++) {
				// Random bytes: a vector tile barely compresses either, and nothing below can dedupe it.
				const data = new Uint8Array(bytes);
				for (let at = 0; at < bytes; at += 65536) crypto.getRandomValues(data.subarray(at, at + 65536));
				const outcome = await new Promise<string>((resolve) => {
					const transaction = db.transaction('tiles', 'readwrite');
					transaction.objectStore('tiles').put({
						key: `16/${stored}/${bytes}`,
						pack: 'crew-area',
						data: data.buffer,
						bytes,
						storedAt: new Date().toISOString(),
						lastUsedAt: stored
					});
					transaction.oncomplete = () => resolve('ok');
					transaction.onabort = () => resolve(transaction.error?.name ?? 'AbortError');
				});
				if (outcome !== 'ok') {
					refusal = outcome;
					break;
				}
				stored += 1;
			}
		}
		db.close();
		return { stored, refusal };
	}, tileSizes);
}

/** A camera-like photo, drawn in the page (noise keeps it a few hundred KB after compression). */
async function photoBytes(page: Page, seed: number): Promise<Buffer> {
	const base64 = await page.evaluate(async (index) => {
		const canvas = document.createElement('canvas');
		canvas.width = 1600;
		canvas.height = 1200;
		const context = canvas.getContext('2d');
		if (!context) throw new Error('no 2d context');
		const pixels = context.createImageData(1600, 1200);
		for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = ((i + index) * 2654435761) >>> 24;
		context.putImageData(pixels, 0, 0);
		const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
		if (!blob) throw new Error('no JPEG');
		const bytes = new Uint8Array(await blob.arrayBuffer());
		let binary = '';
		for (const byte of bytes) binary += String.fromCharCode(byte);
		return btoa(binary);
	}, seed);
	return Buffer.from(base64, 'base64');
}

/** From an order page the crew goes back to Today in the app (no reload); else Today is opened. */
async function openAssignedOrder(page: Page, skip: readonly string[]): Promise<string> {
	const back = page.getByRole('link', { name: '← Today' });
	if (await back.isVisible()) await back.click();
	else await page.goto(`${server.origin}/crew`);
	const cards = page
		.getByRole('list', { name: /^Orders/ })
		.getByRole('link')
		.filter({ hasText: 'Assigned' });
	await expect(cards.first()).toBeVisible();
	for (const card of await cards.all()) {
		const orderId = /CS-\d+/.exec((await card.textContent()) ?? '')?.[0] ?? '';
		if (orderId && !skip.includes(orderId)) {
			await card.click();
			await expect(page.getByRole('heading', { level: 1, name: new RegExp(orderId) })).toBeVisible();
			return orderId;
		}
	}
	throw new Error('no assigned order left');
}

/** Start, an after photo, and a close: the crew's ordinary closure. */
async function closeWithPhoto(page: Page, photo: Buffer): Promise<void> {
	await page.getByRole('button', { name: 'Start work' }).click();
	await expect(page.getByText(/^Work started\./)).toBeVisible();
	await page.getByLabel('This photo shows').selectOption({ label: 'After the work' });
	await page
		.getByLabel('Add photo')
		.setInputFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: photo });
	await expect(page.getByRole('img', { name: 'After the work photo' })).toBeVisible();
	await page.getByLabel('Resolution', { exact: true }).selectOption({ label: 'No problem found' });
	await page.getByLabel('Closing notes').fill('Checked on site under storage pressure.');
	await page.getByRole('button', { name: 'Close order' }).click();
	await expect(page.getByText(/^Order closed\./)).toBeVisible();
}

async function serverOrders(): Promise<PullResponse[]> {
	const signIn = await fetch(`${server.origin}/api/auth/signin`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.origin },
		body: JSON.stringify({ username: 'dana.crew', password: 'curbside-demo' })
	});
	const cookie = signIn.headers.getSetCookie()[0]?.split(';')[0] ?? '';
	const deviceId = crypto.randomUUID();
	const pages: PullResponse[] = [];
	let cursor = '';
	for (;;) {
		const response = await fetch(`${server.origin}/api/sync/pull?deviceId=${deviceId}&cursor=${cursor}`, {
			headers: { cookie }
		});
		const page = (await response.json()) as PullResponse;
		pages.push(page);
		if (!page.more) return pages;
		cursor = page.cursor;
	}
}

test('[S1][S26] a full origin: tiles are evicted, queued work never is, and a save that does not fit says so', async () => {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: QUOTA_BYTES });
	await page.goto(`${server.origin}/signin`);
	await page.getByLabel('Username').fill('dana.crew');
	await page.getByLabel('Password').fill('curbside-demo');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
	// The first pull has landed (the sync starts just after Today's first paint; "everything sent"
	// alone is true before it, with nothing queued yet).
	const assigned = page
		.getByRole('list', { name: /^Orders/ })
		.getByRole('link')
		.filter({ hasText: 'Assigned' });
	await expect(assigned.first()).toBeVisible({ timeout: 60_000 });
	await expect(page.getByText('Everything saved here has been sent.')).toBeVisible({ timeout: 60_000 });

	// The server is out of reach (its sync and photo requests fail), so work queues up; one
	// closure is queued before the map fills the device.
	const unreachable = '**/api/{sync,photos}/**';
	await context.route(unreachable, (route) => route.abort('internetdisconnected'));
	const queuedOrder = await openAssignedOrder(page, []);
	await closeWithPhoto(page, await photoBytes(page, 1));
	const queued = await localState(page);
	expect(queued.outbox.map((entry) => entry.name)).toEqual(['startWork', 'addPhoto', 'closeOrder']);

	const filled = await fillWithTiles(page, TILE_SIZES);
	expect(filled.refusal).toBe('QuotaExceededError');
	expect(filled.stored).toBeGreaterThan(10);
	const full = await localState(page);
	expect(full.tiles).toBe(filled.stored);

	// Full: the crew goes on to the next order.
	const pressedOrder = await openAssignedOrder(page, [queuedOrder]);
	await page.getByRole('button', { name: 'Start work' }).click();
	const outcome = page.getByText(/^(Work started\.|This device is full)/);
	await expect(outcome).toBeVisible({ timeout: 60_000 });
	const saved = /^Work started\./.test((await outcome.textContent()) ?? '');
	const pressed = await localState(page);
	const finding = {
		type: 'storage pressure',
		description: `quota ${QUOTA_BYTES} B: ${filled.stored} tiles stored, ${pressed.tiles} left after the save; the save ${saved ? 'fitted' : 'did not fit (Chromium gives no quota back for deleted IndexedDB rows)'}`
	};
	test.info().annotations.push(finding);
	console.log(`[storage pressure] ${finding.description}`);
	// Tiles went first...
	expect(pressed.tiles).toBeLessThan(full.tiles);
	// ...queued work never: every entry still there, still waiting to be sent, its photo kept.
	expect(pressed.outbox.slice(0, queued.outbox.length)).toEqual(queued.outbox);
	expect(pressed.photos).toBe(queued.photos);
	if (!saved) {
		// Not silent: the crew reads what happened and what to do, in an alert.
		await expect(page.getByRole('alert')).toContainText('Nothing was saved just now');
		expect(pressed.outbox).toEqual(queued.outbox);
	}

	// The device gets room again (the crew freed space): the same work saves, and the day syncs once.
	await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: 256 * 1024 * 1024 });
	if (!saved) {
		await page.getByRole('button', { name: 'Start work' }).click();
		await expect(page.getByText(/^Work started\./)).toBeVisible();
	}
	await context.unroute(unreachable);
	await page.goto(`${server.origin}/crew`);
	await expect(page.getByText('Everything saved here has been sent.')).toBeVisible({ timeout: 60_000 });
	await context.close();

	const pages = await serverOrders();
	const orders = pages.flatMap((found) => found.orders);
	const history = pages.flatMap((found) => found.history ?? []);
	expect(orders.find((order) => order.id === queuedOrder)?.status).toBe('closed');
	expect(orders.find((order) => order.id === pressedOrder)?.status).toBe('in_progress');
	for (const orderId of [queuedOrder, pressedOrder]) {
		const started = history.filter((entry) => entry.orderId === orderId && entry.action === 'started');
		expect(started).toHaveLength(1);
	}
	const afterPhotos = pages
		.flatMap((found) => found.photos)
		.filter((link) => link.orderId === queuedOrder && link.kind === 'after');
	expect(afterPhotos).toHaveLength(1);
});
