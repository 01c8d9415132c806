import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { startCountingProxy, type CountingProxy } from './crew-counting-proxy';
import { SignInPage } from './pages/sign-in-page';

/**
 * The crew app as an installed PWA: after one online visit the service worker and the local store
 * carry it, and with the network off every crew URL still opens (reload, cold deep link in a new
 * tab) without a single request reaching the server.
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
	await expect(page).toHaveURL(/\/crew$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
}

async function waitForServiceWorkerControl(page: Page): Promise<void> {
	// Controlled means installed (every precached file fetched) and activated.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 15_000
	});
}

const ordersList = (page: Page) => page.getByRole('list', { name: /^Orders/ });

test('the crew app opens offline: reload and a cold deep link, nothing reaches the server', async ({
	page,
	context
}) => {
	await signInAsCrew(page);
	await waitForServiceWorkerControl(page);
	// The first sync downloads the crew's orders into the local store.
	const firstOrder = ordersList(page).getByRole('link').first();
	await expect(firstOrder).toBeVisible({ timeout: 15_000 });
	const orderPath = (await firstOrder.getAttribute('href')) ?? '';
	const orderId = orderPath.split('/').pop() ?? '';
	expect(orderId).toMatch(/^CS-\d+$/);
	const shownOrders = await ordersList(page).getByRole('link').count();

	await context.setOffline(true);
	proxy.reset();

	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
	await expect(ordersList(page).getByRole('link')).toHaveCount(shownOrders);

	const deepLink = await context.newPage();
	await deepLink.goto(`${proxy.origin}/crew/orders/${orderId}`);
	await expect(deepLink.getByRole('heading', { level: 1, name: `Work order ${orderId}` })).toBeVisible();
	await expect(deepLink.getByText('Address', { exact: true })).toBeVisible();
	await expect(deepLink).toHaveTitle(`${orderId} · Curbside`);
	await expectNoAxeViolations(deepLink);

	// An order this device never downloaded still opens the shell, and says why it is empty.
	await deepLink.goto(`${proxy.origin}/crew/orders/CS-999999`);
	await expect(deepLink.getByRole('heading', { level: 1, name: 'Work order CS-999999' })).toBeVisible();
	await expect(deepLink.getByText('This order is not on this device.')).toBeVisible();

	// Playwright's offline emulation does not reach dedicated workers, so the sync worker's retry may
	// still pass through here in a test (a real device offline has no network in any context). Nor
	// does it reach the browser's own check for a newer service worker script, which never goes
	// through the service worker and which Chromium may make on a navigation (seen on a loaded
	// machine; offline it simply fails). What this test proves is that pages, assets and
	// navigations came from the service worker's cache.
	const browserOwn = [' /api/sync/', ' /service-worker.js'];
	expect(proxy.requests.filter((request) => !browserOwn.some((path) => request.includes(path)))).toEqual([]);
});

test('Today lists the synced orders in working order, searches them, and has no axe violations', async ({
	page
}) => {
	await signInAsCrew(page);
	const cards = ordersList(page).getByRole('link');
	await expect(cards.first()).toBeVisible({ timeout: 15_000 });
	await expectNoAxeViolations(page);

	// The orders arrived through the sync engine in its dedicated worker, not on the page's thread.
	expect(page.workers().some((worker) => /worker/.test(worker.url()))).toBe(true);

	const firstText = (await cards.first().textContent()) ?? '';
	const orderId = /CS-\d+/.exec(firstText)?.[0] ?? '';
	await page.getByLabel('Search orders').fill(orderId);
	await expect(cards).toHaveCount(1);
	await page.getByLabel('Search orders').fill('no such street anywhere');
	await expect(cards).toHaveCount(0);
	await expect(page.getByText('No orders match')).toBeVisible();
});

test('a crew member starts work and adds a note offline; both wait in the outbox', async ({
	page,
	context
}) => {
	await signInAsCrew(page);
	await waitForServiceWorkerControl(page);
	const assigned = ordersList(page).getByRole('link').filter({ hasText: 'Assigned' }).first();
	await expect(assigned).toBeVisible({ timeout: 15_000 });
	// The server goes away too: offline emulation does not reach the sync worker (see above).
	proxy.pause();
	await context.setOffline(true);

	await assigned.click();
	await expect(page.getByRole('heading', { level: 1, name: /^Work order CS-/ })).toBeVisible();
	await page.getByRole('button', { name: 'Start work' }).click();
	await expect(page.getByText('Work started. Saved on this device — will sync.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Start work' })).toHaveCount(0);
	await page.getByLabel('Add a note').fill('Cones placed, waiting for asphalt.');
	await page.getByRole('button', { name: 'Save note' }).click();
	await expect(page.getByText('Cones placed, waiting for asphalt.')).toBeVisible();
	// The note and the start are both on the timeline, each marked unsent.
	const history = page.getByRole('list', { name: /^History and notes/ }).getByRole('listitem');
	await expect(history.filter({ hasText: 'Cones placed' })).toContainText('Not sent yet');
	await expect(history.filter({ hasText: 'Work started' })).toContainText('Not sent yet');

	await page.reload();
	await expect(page.getByText('Cones placed, waiting for asphalt.')).toBeVisible();
	await page.getByRole('link', { name: '← Today' }).click();
	await expect(page.getByText('2 changes waiting to be sent.')).toBeVisible();
});

test('at phone width every control is at least 48px and nothing scrolls sideways', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await signInAsCrew(page);
	await expect(ordersList(page).getByRole('link').first()).toBeVisible({ timeout: 15_000 });
	const tooSmall = await page.evaluate(() =>
		[...document.querySelectorAll('main a, main button, main input, header a, header button')]
			// A checkbox's target is its whole label.
			.map((element) => ({ element, box: (element.closest('label') ?? element).getBoundingClientRect() }))
			.filter(({ box }) => box.width > 0 && (box.height < 48 || box.width < 48))
			.map(({ element }) => element.outerHTML.slice(0, 80))
	);
	expect(tooSmall).toEqual([]);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
