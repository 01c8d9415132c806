import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { PullResponse } from '../../src/lib/domain/sync/protocol';
import { appDir, ROOT } from './support/app';
import { persistentContext } from './support/browser';
import { startChaosProxy, type ChaosProxy } from './support/proxy';
import { ServerProcess } from './support/server';

/**
 * Issue 9, chaos: the browser goes away in the middle of a sync (the tab closed, the tablet's
 * battery died): its context is closed while a photo is half uploaded and the rest of the day's
 * work waits behind it. Opened again on the same profile, the app resumes the upload where the
 * server's bytes end and the work lands on the server exactly once.
 */
const PIECE = 256 * 1024;

let server: ServerProcess;
let proxy: ChaosProxy;
let profile: string;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	const base = path.join(ROOT, 'test-results', 'chaos', 'browser-resume');
	fs.rmSync(base, { recursive: true, force: true });
	server = new ServerProcess({
		appDir: appDir(),
		port: 3175,
		dataDir: path.join(base, 'data'),
		databaseUrl: '',
		logFile: path.join(base, 'server.log')
	});
	await server.start();
	proxy = await startChaosProxy([server.origin]);
	profile = fs.mkdtempSync(path.join(os.tmpdir(), 'curbside-chaos-profile-'));
});

test.afterAll(async () => {
	await proxy?.close();
	await server?.stop();
	if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

/** A photo that stays large after compression (noise does not compress): several upload pieces. */
async function noisyJpeg(page: Page): Promise<Buffer> {
	const base64 = await page.evaluate(async () => {
		const canvas = document.createElement('canvas');
		canvas.width = 2000;
		canvas.height = 1500;
		const context = canvas.getContext('2d');
		if (!context) throw new Error('no 2d context');
		const pixels = context.createImageData(2000, 1500);
		for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = (i * 2654435761 + i * i) >>> 24;
		context.putImageData(pixels, 0, 0);
		const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.95));
		if (!blob) throw new Error('no JPEG');
		const bytes = new Uint8Array(await blob.arrayBuffer());
		let binary = '';
		for (const byte of bytes) binary += String.fromCharCode(byte);
		return btoa(binary);
	});
	return Buffer.from(base64, 'base64');
}

/** What the server holds of an order, through a second device of the same crew member. */
async function serverView(orderId: string) {
	const signIn = await fetch(`${server.origin}/api/auth/signin`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.origin },
		body: JSON.stringify({ username: 'dana.crew', password: 'curbside-demo' })
	});
	const cookie = signIn.headers.getSetCookie()[0]?.split(';')[0] ?? '';
	const deviceId = crypto.randomUUID();
	let cursor = '';
	const pages: PullResponse[] = [];
	for (;;) {
		const response = await fetch(`${server.origin}/api/sync/pull?deviceId=${deviceId}&cursor=${cursor}`, {
			headers: { cookie }
		});
		const page = (await response.json()) as PullResponse;
		pages.push(page);
		if (!page.more) break;
		cursor = page.cursor;
	}
	const of = <T extends { orderId: string }>(rows: T[]) => rows.filter((row) => row.orderId === orderId);
	return {
		cookie,
		order: pages.flatMap((page) => page.orders).find((order) => order.id === orderId),
		notes: of(pages.flatMap((page) => page.notes)),
		photos: of(pages.flatMap((page) => page.photos)),
		history: of(pages.flatMap((page) => page.history ?? []))
	};
}

test('[S1][S7][S20] the context closed mid-sync: opened again, the sync resumes and completes, each change once', async () => {
	let context = await persistentContext(profile);
	let page = await context.newPage();
	await page.goto(`${proxy.origin}/signin`);
	await page.getByLabel('Username').fill('dana.crew');
	await page.getByLabel('Password').fill('curbside-demo');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	const card = page
		.getByRole('list', { name: /^Orders/ })
		.getByRole('link')
		.filter({ hasText: 'Assigned' })
		.filter({ hasText: 'Pothole' })
		.first();
	await expect(card).toBeVisible();
	const orderId = /CS-\d+/.exec((await card.textContent()) ?? '')?.[0] ?? '';
	const photo = await noisyJpeg(page);

	// The second piece of any photo never reaches the server: the sync stops there, half done.
	const frozen = proxy.hold(
		(method, url, headers) =>
			method === 'PUT' && url.startsWith('/api/photos/') && headers['upload-offset'] === String(PIECE)
	);
	await card.click();
	await page.getByRole('button', { name: 'Start work' }).click();
	await page.getByLabel('This photo shows').selectOption({ label: 'After the work' });
	await page
		.getByLabel('Add photo')
		.setInputFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: photo });
	await expect(page.getByRole('img', { name: 'After the work photo' })).toBeVisible();
	const note = `Context closed mid-sync ${crypto.randomUUID().slice(0, 8)}.`;
	await page.getByLabel('Add a note').fill(note);
	await page.getByRole('button', { name: 'Save note' }).click();
	await expect(page.getByText('Note saved.')).toBeVisible();
	await page.getByLabel('Resolution', { exact: true }).selectOption({ label: 'Fixed' });
	await page.getByLabel('Closing notes').fill('Patched; the tab died while sending.');
	await page.getByLabel('Time on site (minutes)').fill('20');
	await page.getByLabel('Material 1 name').fill('Cold patch');
	await page.getByLabel('Quantity', { exact: true }).fill('2');
	await page.getByLabel('Unit', { exact: true }).fill('bags');
	await page.getByRole('button', { name: 'Close order' }).click();
	await expect(page.getByText(/^Order closed\./)).toBeVisible();
	// The app syncs by itself after each write; its upload is stuck at the second piece.
	await frozen.held;
	const sha = /\/api\/photos\/([0-9a-f]{64})/.exec(
		proxy.log.find((request) => request.method === 'PUT' && request.offset === PIECE)?.url ?? ''
	)?.[1];
	expect(sha).toBeDefined();
	// Mid-sync: the first piece is on the server, the rest of the photo and the close are not.
	await context.close();
	frozen.release();
	const before = await serverView(orderId);
	expect(before.order?.status).not.toBe('closed');

	context = await persistentContext(profile);
	page = await context.newPage();
	await page.goto(`${proxy.origin}/crew`);
	await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
	await expect(page.getByText('Everything saved here has been sent.')).toBeVisible({ timeout: 60_000 });
	await context.close();

	const after = await serverView(orderId);
	expect(after.order?.status).toBe('closed');
	expect(after.notes.filter((found) => found.body === note)).toHaveLength(1);
	expect(after.photos.filter((link) => link.kind === 'after').map((link) => link.sha256)).toEqual([sha]);
	expect(after.history.filter((entry) => entry.action === 'started')).toHaveLength(1);
	expect(after.history.filter((entry) => entry.action === 'closed')).toHaveLength(1);
	// The upload resumed where the server's bytes ended: the first piece was sent once.
	const pieces = proxy.log.filter((request) => request.method === 'PUT' && request.url.includes(sha!));
	expect(pieces.filter((request) => request.offset === 0)).toHaveLength(1);
	// Byte-identical: the stored bytes hash to the name the device gave them.
	const stored = await fetch(`${server.origin}/api/photos/${sha}`, { headers: { cookie: after.cookie } });
	const bytes = Buffer.from(await stored.arrayBuffer());
	expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(sha);
});
