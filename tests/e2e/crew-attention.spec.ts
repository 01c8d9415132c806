import { expect, test } from '@playwright/test';
import { LATE_REASONS } from '../../src/lib/domain/sync/reconcile';
import { expectNoAxeViolations } from './accessibility';
import { startCountingProxy, type CountingProxy } from './crew-counting-proxy';
import { CrewOrderPage } from './pages/crew-order-page';
import { CrewTodayPage } from './pages/crew-today-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * [S11][S22] Work the server keeps only as a late field report is never dropped silently: it waits
 * under "Needs attention" with the server's reason until the crew has read and dismissed it.
 */

let proxy: CountingProxy;

test.beforeEach(async ({ baseURL }) => {
	proxy = await startCountingProxy(new URL(baseURL ?? 'http://127.0.0.1:3100'));
});

test.afterEach(async () => {
	await proxy.close();
});

test('[S11][S22] a note on an order taken away while offline needs attention until dismissed', async ({
	page,
	context,
	playwright,
	baseURL
}) => {
	test.setTimeout(90_000);
	const today = new CrewTodayPage(page);
	await page.goto(`${proxy.origin}/signin`);
	await new SignInPage(page).signIn('dana.crew', 'curbside-demo');
	await today.expectOpen();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 15_000
	});
	// Not a pothole: the other crew specs want those.
	const card = today.assignedOrders.filter({ hasNotText: 'Pothole' }).last();
	await expect(card).toBeVisible({ timeout: 15_000 });
	const orderId = await today.orderIdOf(card);
	await today.expectPending(0);

	// Offline emulation does not reach the sync worker: take the server away too, so the note really waits.
	proxy.pause();
	await context.setOffline(true);
	await card.click();
	const order = new CrewOrderPage(page);
	await order.expectOpen(orderId);
	await order.addNote('Checked the site; coming back with the right truck.');

	// Meanwhile a supervisor takes the order off the crew.
	const supervisor = await playwright.request.newContext({ baseURL });
	try {
		const signIn = await supervisor.post('/api/auth/signin', {
			data: { username: 'rosa.supervisor', password: 'curbside-demo' }
		});
		expect(signIn.status()).toBe(200);
		const unassigned = await supervisor.post('/api/dispatch/assign', {
			data: { orderIds: [orderId], crewId: null }
		});
		expect(unassigned.status()).toBe(200);
	} finally {
		await supervisor.dispose();
	}

	await page.getByRole('link', { name: '← Today' }).click();
	proxy.resume();
	await context.setOffline(false);
	await today.expectPending(0);
	const link = page.getByRole('link', { name: 'Needs attention (1)' });
	await expect(link).toBeVisible({ timeout: 15_000 });
	await link.click();

	await expect(page.getByRole('heading', { level: 1, name: 'Needs attention' })).toBeVisible();
	const item = page.getByRole('list', { name: 'Items needing attention' }).getByRole('listitem');
	await expect(item).toHaveCount(1);
	await expect(item).toContainText(`Late field report · Note on ${orderId}`);
	await expect(item).toContainText(LATE_REASONS.reassigned);
	await expectNoAxeViolations(page);

	await item.getByRole('button', { name: `Dismiss: Note on ${orderId}` }).click();
	await expect(page.getByText('Nothing needs your attention.')).toBeVisible();
	await page.reload();
	await expect(page.getByText('Nothing needs your attention.')).toBeVisible();
	await page.getByRole('link', { name: '← Today' }).click();
	await today.expectOpen();
	await expect(page.getByRole('link', { name: /^Needs attention/ })).toHaveCount(0);
});
