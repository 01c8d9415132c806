import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { startCountingProxy, type CountingProxy } from './crew-counting-proxy';
import { cameraJpeg } from './pages/crew-camera';
import { CrewOrderPage } from './pages/crew-order-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * The rest of issue 5 in real Chromium: the order's status history on the device merged with its
 * notes and the crew's unsent work (S24), the whole service catalogue offered offline (S25), and
 * photo compression on a browser without OffscreenCanvas (older Safari).
 */

let proxy: CountingProxy;

test.beforeEach(async ({ baseURL }) => {
	proxy = await startCountingProxy(new URL(baseURL ?? 'http://127.0.0.1:3100'));
});

test.afterEach(async () => {
	await proxy.close();
});

async function signInAsCrew(page: Page): Promise<void> {
	await page.goto(`${proxy.origin}/signin`);
	await new SignInPage(page).signIn('dana.crew', 'curbside-demo');
	await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 15_000
	});
}

const assignedCard = (page: Page) =>
	page
		.getByRole('list', { name: /^Orders/ })
		.getByRole('link')
		.filter({ hasText: 'Assigned' })
		.first();

const timeline = (page: Page) => page.getByRole('list', { name: /^History and notes/ });

/** `jpeg` with an EXIF block saying "rotate 90° clockwise to view" (orientation 6), as phones write. */
function withOrientation6(jpeg: Buffer): Buffer {
	const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
	const body = [...Buffer.from('Exif\0\0'), ...tiff];
	const app1 = [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
	return Buffer.concat([jpeg.subarray(0, 2), Buffer.from(app1), jpeg.subarray(2)]);
}

test('[S24][S22] the order page shows its history merged with notes and the crew’s unsent work', async ({
	page,
	context
}) => {
	test.setTimeout(90_000);
	await signInAsCrew(page);
	const card = assignedCard(page);
	await expect(card).toBeVisible({ timeout: 15_000 });
	const orderId = /CS-\d+/.exec((await card.textContent()) ?? '')?.[0] ?? '';
	await card.click();
	const order = new CrewOrderPage(page);
	await order.expectOpen(orderId);
	// The server's history came with the pull: the resident's report and the assignment.
	await expect(timeline(page).getByRole('listitem').filter({ hasText: 'Reported' })).toHaveCount(1);
	await expect(timeline(page).getByRole('listitem').filter({ hasText: 'Assigned' }).first()).toBeVisible();
	await expectNoAxeViolations(page);

	// Offline (the server away too: offline emulation does not reach the sync worker).
	proxy.pause();
	await context.setOffline(true);
	await order.startWork();
	const note = `Barrier up, waiting on the hot box ${Date.now()}.`;
	await order.addNote(note);
	const started = timeline(page).getByRole('listitem').filter({ hasText: 'Work started' });
	await expect(started).toContainText('You, on this device');
	await expect(started).toContainText('Not sent yet');
	await expect(timeline(page).getByRole('listitem').filter({ hasText: note })).toContainText('Not sent yet');
	// Still there after a reload with no network: it is read from the device's store.
	await page.reload();
	await expect(started).toContainText('Not sent yet');

	// Back online: the server's own history line replaces the device's, named after the crew member.
	proxy.resume();
	await context.setOffline(false);
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(started).toContainText('Dana Whitfield', { timeout: 20_000 });
	await expect(started).toHaveCount(1);
	await expect(timeline(page).getByText('Not sent yet')).toHaveCount(0);
	await expect(timeline(page).getByRole('listitem').filter({ hasText: note })).toContainText(
		'Dana Whitfield'
	);
});

test('[S25] Report a problem offers the whole active catalogue, grouped, with the network off', async ({
	page,
	context,
	request
}) => {
	const catalogue = (await (await request.get('/open311/v2/services.json')).json()) as {
		service_name: string;
		group: string;
	}[];
	expect(catalogue.length).toBeGreaterThan(1);
	await signInAsCrew(page);
	await expect(assignedCard(page)).toBeVisible({ timeout: 15_000 });

	proxy.pause();
	await context.setOffline(true);
	await page.goto(`${proxy.origin}/crew/report`);
	await expect(page.getByRole('heading', { level: 1, name: 'Report a problem' })).toBeVisible();
	const select = page.getByLabel('Service', { exact: true });
	// The form fills once the device's store is open (its code loads as the page starts).
	await expect(select.locator('option:not([disabled])')).toHaveCount(catalogue.length);
	const offered = await select.locator('option:not([disabled])').allTextContents();
	expect(offered.map((name) => name.trim()).sort()).toEqual(catalogue.map((s) => s.service_name).sort());
	const groups = await select
		.locator('optgroup')
		.evaluateAll((found) => found.map((group) => group.getAttribute('label')));
	expect(groups.sort()).toEqual([...new Set(catalogue.map((s) => s.group))].sort());
	await expectNoAxeViolations(page);
});

test('photos are compressed on the page where there is no OffscreenCanvas, orientation honoured', async ({
	page,
	context
}) => {
	test.setTimeout(90_000);
	// Older Safari: no OffscreenCanvas. Deleted before any app script runs.
	await context.addInitScript(() => {
		delete (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas;
	});
	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(worker.url()));
	await signInAsCrew(page);
	expect(await page.evaluate(() => 'OffscreenCanvas' in globalThis)).toBe(false);
	const card = assignedCard(page);
	await expect(card).toBeVisible({ timeout: 15_000 });
	const portrait = withOrientation6(await cameraJpeg(page, 'sideways'));
	await card.click();
	const order = new CrewOrderPage(page);
	await order.addPhoto(portrait, 'Other');

	// 2400 × 1800 stored sideways, shown upright: 1200 × 1600 after the long edge is fitted to 1600.
	const shown = page.getByRole('img', { name: 'Other photo' });
	// The compressed JPEG carries no EXIF (a canvas writes none): its natural size is its pixel size.
	const size = await shown.evaluate(async (element) => {
		const image = element as HTMLImageElement;
		await image.decode();
		return { width: image.naturalWidth, height: image.naturalHeight, src: image.src.slice(0, 5) };
	});
	expect(size).toEqual({ width: 1200, height: 1600, src: 'blob:' });
	// The photo worker was never started: the page did the work.
	expect(workers.filter((url) => url.includes('compress'))).toEqual([]);
});

test('with OffscreenCanvas the photo worker compresses, by the same rules', async ({ page }) => {
	test.setTimeout(90_000);
	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(worker.url()));
	await signInAsCrew(page);
	// Not the order the test above gave a photo: each test's photo must be the only one on its order.
	const card = page
		.getByRole('list', { name: /^Orders/ })
		.getByRole('link')
		.filter({ hasText: 'Assigned' })
		.nth(1);
	await expect(card).toBeVisible({ timeout: 15_000 });
	const portrait = withOrientation6(await cameraJpeg(page, 'upright'));
	await card.click();
	await new CrewOrderPage(page).addPhoto(portrait, 'Other');
	const size = await page.getByRole('img', { name: 'Other photo' }).evaluate(async (element) => {
		const image = element as HTMLImageElement;
		await image.decode();
		return { width: image.naturalWidth, height: image.naturalHeight };
	});
	expect(size).toEqual({ width: 1200, height: 1600 });
	expect(workers.filter((url) => url.includes('compress'))).toHaveLength(1);
});
