import crypto from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { startCountingProxy, type CountingProxy } from './crew-counting-proxy';
import { cameraJpeg } from './pages/crew-camera';
import { CrewOrderPage } from './pages/crew-order-page';
import { CrewReportPage } from './pages/crew-report-page';
import { open311Request, pullAsFreshDevice } from './pages/crew-server';
import { CrewTodayPage } from './pages/crew-today-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * Issue 5's done-when: a crew's whole day with the server gone. Sign in, let the first sync fill
 * Today, then the server disappears (the counting proxy in front of it cuts and refuses every
 * connection) and the browser goes offline. Reload, deep link, start and close three orders with
 * photos and notes, report a new problem, reload again: all still there and queued. Server and
 * network come back, the queue drains, and the server holds every change exactly once.
 */

let proxy: CountingProxy;

test.beforeEach(async ({ baseURL }) => {
	proxy = await startCountingProxy(new URL(baseURL ?? 'http://127.0.0.1:3100'));
});

test.afterEach(async () => {
	await proxy.close();
});

interface ClosedOrder {
	id: string;
	note: string;
	closingNotes: string;
}

/** Made once per run, so a leftover order from another run can never pass for this one. */
const RUN = crypto.randomUUID().slice(0, 8);

async function closeWithPhotoAndNote(page: Page, orderId: string, jpeg: Buffer): Promise<ClosedOrder> {
	const order = new CrewOrderPage(page);
	await order.expectOpen(orderId);
	const note = `Site checked, cones out (${RUN} ${orderId}).`;
	const closingNotes = `Fixed today by the Streets crew; thank you for reporting it (${RUN} ${orderId}).`;
	await order.startWork();
	await order.addNote(note);
	await order.addPhoto(jpeg, 'After the work');
	// Fixed, with an after photo, the time on site and a material: whatever the service asks for.
	await order.fillClose({
		resolution: 'Fixed',
		notes: closingNotes,
		minutes: '35',
		materials: [{ name: 'Cold patch', quantity: '2', unit: 'bags' }]
	});
	await order.submitClose();
	await order.expectSaved('Order closed.');
	await expect(page.getByText('Closed', { exact: true }).first()).toBeVisible();
	return { id: orderId, note, closingNotes };
}

test('[S1][S3][S6][S22] a whole day offline: three orders closed with photos and notes and one new problem land exactly once', async ({
	page,
	context,
	playwright,
	baseURL
}) => {
	test.setTimeout(180_000);
	const today = new CrewTodayPage(page);

	// Online: sign in once; the service worker installs and the first sync fills Today.
	await page.goto(`${proxy.origin}/signin`);
	await new SignInPage(page).signIn('dana.crew', 'curbside-demo');
	await today.expectOpen();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 15_000
	});
	await expect(today.assignedOrders.nth(2)).toBeVisible({ timeout: 15_000 });
	await today.expectPending(0);
	const orderIds = await Promise.all([0, 1, 2].map((n) => today.orderIdOf(today.assignedOrders.nth(n))));
	expect(new Set(orderIds).size).toBe(3);
	for (const id of orderIds) expect(id).toMatch(/^CS-\d+$/);
	await expectNoAxeViolations(page);

	const api = await playwright.request.newContext({ baseURL });
	try {
		const before = await pullAsFreshDevice(api);
		const near = before.orders.find((order) => order.id === orderIds[0]);
		expect(near).toBeDefined();
		const photos = [];
		for (const id of orderIds) photos.push(await cameraJpeg(page, `after ${id}`));
		const foundPhoto = await cameraJpeg(page, 'found in the field');
		// The device's GPS, a few metres from the first order: allowed, and fixed for the test.
		await context.grantPermissions(['geolocation'], { origin: proxy.origin });
		await context.setGeolocation({
			latitude: (near?.lat ?? 0) + 0.0004,
			longitude: (near?.long ?? 0) - 0.0003,
			accuracy: 12
		});

		// The server goes away, then the network.
		proxy.pause();
		await context.setOffline(true);
		proxy.reset();

		await page.reload();
		await today.expectOpen();
		await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
		await expect(today.assignedOrders.nth(2)).toBeVisible();

		// A deep link opens the order straight from the service worker's shell and the local store.
		const closed: ClosedOrder[] = [];
		for (const [index, id] of orderIds.entries()) {
			await page.goto(`${proxy.origin}/crew/orders/${id}`);
			closed.push(await closeWithPhotoAndNote(page, id, photos[index] as Buffer));
			if (index === 0) await expectNoAxeViolations(page);
		}

		// A new problem found on the way: the form says what is missing before anything is saved.
		await page.getByRole('link', { name: '← Today' }).click();
		await today.expectOpen();
		await today.openReport();
		const report = new CrewReportPage(page);
		await expectNoAxeViolations(page);
		await report.save();
		await report.expectProblem('Choose the service.');
		await expect(page.getByLabel('Service', { exact: true })).toBeFocused();
		const description = `Fallen branch blocking the bike lane (${RUN}).`;
		const address = `Bike lane by the river path, marker ${RUN}`;
		const service = await report.fill({ address, description });
		await report.save();
		await report.expectProblem('Set the location: use your location, or type the latitude and longitude.');
		await report.useMyLocation();
		await expect(page.getByRole('status').filter({ hasText: 'Location found, within 12 m.' })).toBeVisible();
		await expect(page.getByLabel('Latitude')).not.toHaveValue('');
		const latitude = Number(await page.getByLabel('Latitude').inputValue());
		const longitude = Number(await page.getByLabel('Longitude').inputValue());
		await report.addPhoto(foundPhoto);
		await expectNoAxeViolations(page);
		await report.save();
		await report.expectSaved();
		await expect(page.getByLabel('What is the problem?')).toHaveValue('');

		// It joins Today at once, as a local order.
		await page.getByRole('link', { name: 'Today', exact: true }).click();
		await today.expectOpen();
		const reportedCard = today.orders.filter({ hasText: address });
		await expect(reportedCard).toHaveCount(1);
		await expect(reportedCard).toContainText(service);

		// Reload while still offline: everything is still there, and still queued.
		await page.reload();
		await today.expectOpen();
		await expect(today.orders.filter({ hasText: address })).toHaveCount(1);
		await today.showFinished();
		for (const id of orderIds) {
			await expect(today.orders.filter({ hasText: id })).toContainText('Closed');
		}
		// 3 x (start, note, photo, close) + the report.
		await today.expectPending(13);
		expect(await today.pendingCount()).toBeGreaterThanOrEqual(4);
		await expectNoAxeViolations(page);
		await page.goto(`${proxy.origin}/crew/attention`);
		await expect(page.getByRole('heading', { level: 1, name: 'Needs attention' })).toBeVisible();
		await expect(page.getByText('Nothing needs your attention.')).toBeVisible();
		await expectNoAxeViolations(page);
		expect(proxy.requests, 'nothing reaches the server while it is gone').toEqual([]);

		// Server and network come back: the queue drains by itself.
		await page.getByRole('link', { name: '← Today' }).click();
		proxy.resume();
		await context.setOffline(false);
		await today.expectPending(0, 60_000);
		await expect(page.getByText('Needs attention')).toHaveCount(0);

		// Exactly once, read back from the server.
		const after = await pullAsFreshDevice(api);
		for (const order of closed) {
			const notes = after.notes.filter((note) => note.orderId === order.id && note.body === order.note);
			expect(notes, `${order.id}: the note once`).toHaveLength(1);
			const afterPhotos = after.photos.filter(
				(photo) => photo.orderId === order.id && photo.kind === 'after'
			);
			expect(afterPhotos, `${order.id}: the after photo once`).toHaveLength(1);
			const sha = afterPhotos[0]?.sha256 ?? '';

			const open311 = await open311Request(api, order.id);
			expect(open311.status).toBe('closed');
			expect(open311.status_notes).toBe(order.closingNotes);
			expect(open311.extended_attributes.resolution).toBe('fixed');
			expect(open311.media_url).toContain(sha);
			expect(open311.extended_attributes.media_urls.filter((url) => url.includes(sha))).toHaveLength(1);
			// Open311's public history says "closed" once, with the crew's closing words.
			expect(open311.notes.filter((note) => note.description === order.closingNotes)).toHaveLength(1);
		}

		const reported = after.orders.filter((order) => order.description === description);
		expect(reported, 'the new problem exists once').toHaveLength(1);
		const created = reported[0];
		expect(created?.id).toMatch(/^CS-\d+$/);
		expect(created?.address).toBe(address);
		expect(created?.clientId).toMatch(/^[0-9a-f-]{36}$/);
		expect(created?.lat).toBeCloseTo(latitude, 6);
		expect(created?.long).toBeCloseTo(longitude, 6);
		expect(after.photos.filter((photo) => photo.orderId === created?.id)).toHaveLength(1);
		const open311Created = await open311Request(api, created?.id ?? '');
		expect(open311Created.status).toBe('open');
		expect(open311Created.description).toBe(description);
		expect(open311Created.media_url).toContain(
			after.photos.find((photo) => photo.orderId === created?.id)?.sha256 ?? 'missing'
		);

		// The device now knows the report by its server id, once.
		await expect(today.orders.filter({ hasText: address })).toHaveCount(1);
		await expect(today.orders.filter({ hasText: address })).toContainText(created?.id ?? 'missing');
	} finally {
		await api.dispose();
	}
});

test('the report page at phone width: 48px targets, no sideways scroll, and a clear word when location is not allowed', async ({
	page,
	context
}) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto(`${proxy.origin}/signin`);
	await new SignInPage(page).signIn('dana.crew', 'curbside-demo');
	const today = new CrewTodayPage(page);
	await expect(today.orders.first()).toBeVisible({ timeout: 15_000 });
	await today.openReport();
	await context.clearPermissions();

	const tooSmall = await page.evaluate(() =>
		[...document.querySelectorAll('main a, main button, main input, main select, main textarea')]
			.map((element) => ({ element, box: element.getBoundingClientRect() }))
			.filter(({ box }) => box.width > 0 && (box.height < 48 || box.width < 48))
			.map(({ element }) => element.outerHTML.slice(0, 80))
	);
	expect(tooSmall).toEqual([]);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

	await new CrewReportPage(page).useMyLocation();
	await expect(page.getByRole('alert')).toContainText('Type the latitude and longitude instead.');
	await expectNoAxeViolations(page);
});
