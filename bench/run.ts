/**
 * `npm run bench`: builds if needed and serves the real app on 127.0.0.1:3181 over a fresh large
 * city, drives Debian Chromium against it and writes the figures (bench/results, docs/performance.md).
 * package.json runs it under the shared lock (/tmp/curbside-e2e.lock): it uses build/ and a browser.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { bundlePageCode } from './bundle';
import { writeBenchCity } from './city';
import type { CurbsideBench } from './page/entry';
import { writeResult } from './report';
import { HOST, startRelay, startServer } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_PORT = 3181;
const RELAY_PORT = 3182;
const CREW_USER = 'dana.crew';
const FIRST_SYNC_ORDERS = 5_000;
const CLOSURES = 200;
/** Same flags as playwright.config.ts. */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

function bench<K extends keyof CurbsideBench>(
	page: Page,
	name: K
): Promise<Awaited<ReturnType<CurbsideBench[K]>>> {
	return page.evaluate(
		(fn) => (globalThis as unknown as { curbsideBench: CurbsideBench }).curbsideBench[fn](200) as never,
		name
	);
}

async function signIn(page: Page, origin: string): Promise<void> {
	await page.goto(`${origin}/signin`);
	await page.fill('input[name="username"]', CREW_USER);
	await page.fill('input[name="password"]', 'curbside-demo');
	await Promise.all([
		page.waitForURL((url) => !url.pathname.startsWith('/signin')),
		page.keyboard.press('Enter')
	]);
}

async function main(): Promise<void> {
	console.log('[bench] writing the large city...');
	const city = await writeBenchCity({ requests: 20_000, username: CREW_USER, assigned: FIRST_SYNC_ORDERS });
	console.log(`[bench] ${city.crewOrders} orders assigned to ${CREW_USER}'s crew in ${city.dataDir}`);
	const server = await startServer(SERVER_PORT, city.dataDir);
	const relay = await startRelay(RELAY_PORT, SERVER_PORT);
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
	try {
		const origin = `http://${HOST}:${RELAY_PORT}`;
		// The bench script is injected into an app page; the app's CSP allows only its own scripts.
		const context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block' });
		const page = await context.newPage();
		await signIn(page, origin);
		// A page of the app's origin that starts no sync of its own (the crew app would).
		await page.goto(`${origin}/bench-blank`);
		await page.addScriptTag({ content: await bundlePageCode(root) });

		console.log('[bench] first sync...');
		const first = await bench(page, 'firstSync');
		const ratio = first.syncMs / first.bulkPutMs;
		console.log(
			`[bench] ${first.orders} orders: sync ${first.syncMs.toFixed(0)} ms, bulkPut ${first.bulkPutMs.toFixed(0)} ms, ratio ${ratio.toFixed(2)}`
		);
		await writeResult(
			root,
			'first-sync',
			[
				{
					figure: `first sync of ${first.orders} orders / plain Dexie bulkPut`,
					value: ratio,
					unit: 'x',
					target: { max: 1.5 }
				},
				{ figure: 'first sync (pull into IndexedDB)', value: Math.round(first.syncMs), unit: 'ms' },
				{ figure: 'plain Dexie bulkPut of the same rows', value: Math.round(first.bulkPutMs), unit: 'ms' }
			],
			{ ...first, ratio }
		);

		console.log(`[bench] recording ${CLOSURES} closures with ${CLOSURES * 2} photos offline...`);
		const day = await bench(page, 'recordDay');
		relay.reset();
		const upload = await bench(page, 'uploadDay');
		const wireBytes = relay.sent;
		const overhead = wireBytes / day.photoBytes;
		console.log(
			`[bench] uploaded ${day.photoBytes} photo bytes with ${wireBytes} bytes on the wire (${overhead.toFixed(3)}x) in ${upload.syncMs.toFixed(0)} ms`
		);
		await writeResult(
			root,
			'day-upload',
			[
				{
					figure: `bytes on the wire / photo bytes (${day.closures} closures, ${day.photos} photos)`,
					value: overhead,
					unit: 'x',
					target: { max: 1.05 }
				},
				{
					figure: 'photo size after compression (mean)',
					value: Math.round(day.photoBytes / day.photos / 1024),
					unit: 'KiB'
				},
				{
					figure: 'camera JPEG size (mean, 4000x3000)',
					value: Math.round(day.cameraBytes / day.photos / 1024),
					unit: 'KiB'
				},
				{ figure: 'upload + push on loopback', value: Math.round(upload.syncMs), unit: 'ms' }
			],
			{ ...day, ...upload, wireBytes, overhead }
		);
		if (upload.pending !== 0) throw new Error(`${upload.pending} mutations still pending after the upload`);
	} finally {
		await browser.close();
		await relay.close();
		await server.stop();
		city.remove();
	}
}

await main();
