import { expect, test, type Page } from '@playwright/test';
import { startCountingProxy, type CountingProxy } from './crew-counting-proxy';
import { CrewOrderPage } from './pages/crew-order-page';
import { CrewTodayPage } from './pages/crew-today-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * Data at rest on a shared or lost tablet (issue 8): signing out takes the crew member's orders,
 * photos and map tiles off the device, unless work is still waiting to be sent; then the crew is
 * told what is pending and nothing is deleted.
 */

let proxy: CountingProxy;

test.beforeEach(async ({ baseURL }) => {
	proxy = await startCountingProxy(new URL(baseURL ?? 'http://127.0.0.1:3100'));
});

test.afterEach(async () => {
	await proxy.close();
});

/** The per-user crew databases this origin holds (see crew-db.ts for the naming). */
function crewDatabases(page: Page): Promise<string[]> {
	return page.evaluate(async () =>
		(await indexedDB.databases())
			.map((db) => db.name ?? '')
			.filter((name) => name.startsWith('curbside-user-'))
	);
}

test('sign-out keeps unsent work and says so, then clears the device once it is sent', async ({ page }) => {
	test.setTimeout(90_000);
	const today = new CrewTodayPage(page);
	await page.goto(`${proxy.origin}/signin`);
	await new SignInPage(page).signIn('dana.crew', 'curbside-demo');
	await today.expectOpen();
	// Open pages must come from the service worker once the server is gone.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 15_000
	});
	const card = today.assignedOrders.first();
	await expect(card).toBeVisible({ timeout: 15_000 });
	await today.expectPending(0);
	expect(await crewDatabases(page)).toHaveLength(1);

	// The server goes away (a dead spot): the note waits on the device.
	proxy.pause();
	const orderId = await today.orderIdOf(card);
	await card.click();
	const order = new CrewOrderPage(page);
	await order.expectOpen(orderId);
	await order.addNote('Signed out before this was sent.');

	await page.getByRole('button', { name: 'Sign out' }).click();
	const warning = page.getByRole('alert').filter({ hasText: 'not sent yet' });
	await expect(warning).toContainText('1 change not sent yet');
	await expect(warning).toContainText('nothing was deleted');
	expect(await crewDatabases(page)).toHaveLength(1);
	await order.expectOpen(orderId);

	// Back in signal: once the note is on the server, signing out clears the device.
	proxy.resume();
	await page.getByRole('button', { name: 'Sync now' }).first().click();
	await order.expectPending(0);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.waitForURL((url) => url.pathname === '/signin');
	await expect.poll(() => crewDatabases(page), { timeout: 10_000 }).toEqual([]);
});
