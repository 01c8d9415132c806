import crypto from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { PullResponse, SyncOrder } from '../../src/lib/domain/sync/protocol';
import { expectNoAxeViolations } from './accessibility';
import { startCountingProxy, type CountingProxy } from './crew-counting-proxy';
import { cameraJpeg } from './pages/crew-camera';
import { CrewOrderPage } from './pages/crew-order-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * Issue 4's browser proof: a crew closes an order with a photo while offline, reloads while still
 * offline, comes back online, and the server holds every change exactly once. Real Chromium, the
 * real server, the real service worker; the counting proxy proves nothing left the device offline.
 */

let proxy: CountingProxy;

test.beforeEach(async ({ baseURL }) => {
	proxy = await startCountingProxy(new URL(baseURL ?? 'http://127.0.0.1:3100'));
});

test.afterEach(async () => {
	await proxy.close();
});

/** The server's view of one order, through a second device of the same crew member. */
async function serverOrder(request: APIRequestContext, orderId: string): Promise<SyncOrder & PullExtras> {
	const signIn = await request.post('/api/auth/signin', {
		data: { username: 'dana.crew', password: 'curbside-demo' }
	});
	expect(signIn.status()).toBe(200);
	const deviceId = crypto.randomUUID();
	let cursor = '';
	for (;;) {
		const response = await request.get(`/api/sync/pull?deviceId=${deviceId}&cursor=${cursor}&limit=500`);
		expect(response.status()).toBe(200);
		const page = (await response.json()) as PullResponse;
		const found = page.orders.find((order) => order.id === orderId);
		if (found) {
			return {
				...found,
				notes: page.notes.filter((note) => note.orderId === orderId),
				photos: page.photos.filter((photo) => photo.orderId === orderId)
			};
		}
		if (!page.more) throw new Error(`${orderId} is not in the crew's pull`);
		cursor = page.cursor;
	}
}

interface PullExtras {
	notes: PullResponse['notes'];
	photos: PullResponse['photos'];
}

test('[S1][S3][S7][S8][S16][S22] an order closed offline with a photo survives a reload and lands on the server exactly once', async ({
	page,
	context,
	playwright,
	baseURL
}) => {
	test.setTimeout(90_000);
	await page.goto(`${proxy.origin}/signin`);
	await new SignInPage(page).signIn('dana.crew', 'curbside-demo');
	await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 15_000
	});
	// A pothole: its close needs an after photo, the time on site and the materials.
	const card = page
		.getByRole('list', { name: /^Orders/ })
		.getByRole('link')
		.filter({ hasText: 'Assigned' })
		.filter({ hasText: 'Pothole' })
		.first();
	await expect(card).toBeVisible({ timeout: 15_000 });
	const orderId = /CS-\d+/.exec((await card.textContent()) ?? '')?.[0] ?? '';
	expect(orderId).not.toBe('');
	const jpeg = await cameraJpeg(page);

	// Offline, and the server unreachable as well: Playwright's offline emulation does not reach the
	// dedicated sync worker, so without this the worker could still push while the page is "offline".
	proxy.pause();
	await context.setOffline(true);
	proxy.reset();
	await card.click();
	const order = new CrewOrderPage(page);
	await order.expectOpen(orderId);

	const note = `Cones out, hole cut square ${crypto.randomUUID().slice(0, 8)}.`;
	const closingNotes =
		'We filled the pothole with hot asphalt and rolled it flat. Thank you for reporting it.';
	await order.startWork();
	await order.addNote(note);

	// [S1] The form says what the service still needs, and keeps every word typed on a refusal.
	await order.fillClose({
		resolution: 'Fixed',
		notes: closingNotes,
		minutes: '40',
		materials: [
			{ name: 'Hot asphalt', quantity: '0.5', unit: 'tons' },
			{ name: 'Tack coat', quantity: '2', unit: 'gallons' }
		]
	});
	await order.submitClose();
	await expect(page.getByRole('alert')).toHaveText('Closing this order needs an after photo.');
	await expect(page.getByLabel('Closing notes')).toHaveValue(closingNotes);
	await expect(page.getByLabel('Material 2 name')).toHaveValue('Tack coat');

	await order.addPhoto(jpeg, 'After the work');
	await expect(page.getByText('Waiting to send')).toBeVisible();
	await order.submitClose();
	await order.expectSaved('Order closed.');
	await expect(page.getByText('Closed', { exact: true }).first()).toBeVisible();
	await expectNoAxeViolations(page);

	await page.reload();
	await order.expectOpen(orderId);
	await expect(page.getByText('Closed', { exact: true }).first()).toBeVisible();
	await expect(page.getByText(note)).toBeVisible();
	await expect(page.getByRole('img', { name: 'After the work photo' })).toBeVisible();
	await order.expectPending(4);
	expect(proxy.requests, 'nothing reaches the server while it is gone').toEqual([]);

	proxy.resume();
	await context.setOffline(false);
	await order.expectPending(0);
	// Other specs sharing the server may have put photos on this order too: none may still wait.
	await expect(page.getByText('Waiting to send')).toHaveCount(0);
	await expect(page.getByText('Sent', { exact: true }).first()).toBeVisible();

	// [S3] Exactly once, read back from the server.
	const api = await playwright.request.newContext({ baseURL });
	try {
		const server = await serverOrder(api, orderId);
		expect(server.status).toBe('closed');
		expect(server.resolutionCode).toBe('fixed');
		expect(server.timeOnSiteMinutes).toBe(40);
		expect(server.materials).toEqual([
			{ name: 'Hot asphalt', quantity: 0.5, unit: 'tons' },
			{ name: 'Tack coat', quantity: 2, unit: 'gallons' }
		]);
		expect(server.notes.filter((found) => found.body === note)).toHaveLength(1);
		const afterPhotos = server.photos.filter((photo) => photo.kind === 'after');
		expect(afterPhotos).toHaveLength(1);
		const sha = afterPhotos[0]?.sha256 ?? '';

		// [S7] The server holds the compressed photo: a JPEG whose long edge is 1600 px.
		const size = await page.evaluate(async (url) => {
			const bitmap = await createImageBitmap(await (await fetch(url)).blob());
			return { width: bitmap.width, height: bitmap.height };
		}, `/api/photos/${sha}`);
		expect(size).toEqual({ width: 1600, height: 1200 });

		const open311 = await api.get(`/open311/v2/requests/${orderId}.json?extensions=true`);
		expect(open311.status()).toBe(200);
		const [request] = (await open311.json()) as {
			status: string;
			status_notes: string;
			media_url: string;
			extended_attributes: { media_urls: string[] };
		}[];
		expect(request?.status).toBe('closed');
		expect(request?.status_notes).toBe(closingNotes);
		expect(request?.media_url).toContain(sha);
		expect(request?.extended_attributes.media_urls.filter((url) => url.includes(sha))).toHaveLength(1);
	} finally {
		await api.dispose();
	}
});

test('[S1][S6] at phone width: unable to complete needs words for "other", keeps them, and every control is 48px', async ({
	page,
	context
}) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto(`${proxy.origin}/signin`);
	await new SignInPage(page).signIn('dana.crew', 'curbside-demo');
	const card = page
		.getByRole('list', { name: /^Orders/ })
		.getByRole('link')
		.filter({ hasText: 'Assigned' })
		.last();
	await expect(card).toBeVisible({ timeout: 15_000 });
	await card.click();
	await expect(page.getByRole('heading', { level: 2, name: 'Unable to complete' })).toBeVisible();

	const tooSmall = await page.evaluate(() =>
		[...document.querySelectorAll('main a, main button, main input, main select, main textarea')]
			.map((element) => ({ element, box: element.getBoundingClientRect() }))
			.filter(({ box }) => box.width > 0 && (box.height < 48 || box.width < 48))
			.map(({ element }) => element.outerHTML.slice(0, 80))
	);
	expect(tooSmall).toEqual([]);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await expectNoAxeViolations(page);

	await context.setOffline(true);
	await page.getByLabel('Reason').selectOption({ label: 'Other (explain)' });
	await page.getByRole('button', { name: 'Mark unable to complete' }).click();
	await expect(page.getByRole('alert')).toHaveText('Please describe why the work could not be completed.');
	await page.getByLabel('What happened (required)').fill('A truck is parked over the hole.');
	await page.getByRole('button', { name: 'Mark unable to complete' }).click();
	await new CrewOrderPage(page).expectSaved('Marked unable to complete.');
	await expect(page.getByText('Unable to complete', { exact: true }).first()).toBeVisible();
	await expect(page.getByRole('button', { name: 'Mark unable to complete' })).toHaveCount(0);
});
