import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { cameraJpeg } from './pages/crew-camera';
import { CrewOrderPage } from './pages/crew-order-page';
import { CrewTodayPage } from './pages/crew-today-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * Issue 7's done-when: a supervisor assigns an order in the console, the crew's tablet receives it
 * on sync, the crew closes it, and the supervisor's console shows the closure live, without reload.
 * Two browser contexts: the supervisor's desk and the crew's tablet.
 */

async function signedInPage(browser: Browser, username: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const signIn = new SignInPage(page);
	await signIn.open();
	await signIn.signIn(username, 'curbside-demo');
	await expect(page).not.toHaveURL(/\/signin/);
	return page;
}

test('a supervisor assigns in the console, the crew closes on its tablet, the console shows it live', async ({
	browser
}) => {
	test.setTimeout(150_000);

	// The supervisor's desk: requests wait in the unassigned queue, most urgent first.
	const desk = await signedInPage(browser, 'rosa.supervisor');
	await expect(desk).toHaveURL(/\/supervisor$/);
	await expect(desk.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	const queue = desk.getByRole('table', { name: 'Requests waiting for a crew' });
	const first = queue.locator('tr[data-order-id]').first();
	await expect(first).toBeVisible();
	const orderId = (await first.getAttribute('data-order-id')) ?? '';
	await expectNoAxeViolations(desk);
	// Marks this document: if the page reloads, the mark is gone.
	await desk.evaluate(() => ((window as { consoleMark?: string }).consoleMark = 'same page'));

	await queue.getByRole('checkbox', { name: `Select ${orderId}` }).check();
	await desk.getByLabel('Assign to crew').selectOption({ label: 'Streets North' });
	await desk.getByRole('button', { name: 'Assign', exact: true }).click();
	await expect(
		desk.getByRole('status').filter({ hasText: '1 order assigned to Streets North.' })
	).toBeVisible();
	await expect(queue.getByRole('row', { name: new RegExp(orderId) })).toHaveCount(0);
	const orders = desk.getByRole('table', { name: /Orders matching the filters/ });
	await desk.getByLabel('Status', { exact: true }).selectOption({ label: 'Any status' });
	const row = orders.locator(`tr[data-order-id="${orderId}"]`);
	await expect(row).toHaveAttribute('data-status', 'assigned');
	// The crew's own progress row (other specs' work may reorder the crews).
	const closedToday = desk
		.locator('tr[data-crew-id]')
		.filter({ hasText: 'Streets North' })
		.locator('[data-cell="closed-today"]');
	const closedBefore = Number(await closedToday.textContent());

	// The crew's tablet: the order arrives on its next sync.
	const tablet = await signedInPage(browser, 'dana.crew');
	const today = new CrewTodayPage(tablet);
	await today.expectOpen();
	await tablet.getByRole('button', { name: 'Sync now' }).click();
	const card = today.orders.filter({ hasText: orderId });
	await expect(card).toBeVisible({ timeout: 20_000 });
	await card.click();
	const order = new CrewOrderPage(tablet);
	await order.expectOpen(orderId);
	// An after photo, the time and a material: enough for whatever the order's service asks for.
	await order.addPhoto(await cameraJpeg(tablet, `after ${orderId}`), 'After the work');
	await order.fillClose({
		resolution: 'Fixed',
		notes: 'Fixed and checked.',
		minutes: '25',
		materials: [{ name: 'Cold patch', quantity: '1', unit: 'bag' }]
	});
	await order.submitClose();
	await order.expectSaved('Order closed.');
	await order.expectPending(0);

	// Back at the desk, with no reload: the closure arrives over the live stream.
	await expect(row).toHaveAttribute('data-status', 'closed', { timeout: 10_000 });
	await expect(row.getByRole('cell', { name: 'Closed' })).toBeVisible();
	await expect(closedToday).toHaveText(String(closedBefore + 1));
	expect(await desk.evaluate(() => (window as { consoleMark?: string }).consoleMark)).toBe('same page');
});

test('the console is for supervisors: a crew member is refused the page and the live stream', async ({
	browser
}) => {
	const tablet = await signedInPage(browser, 'dana.crew');
	const live = await tablet.request.get('/api/live');
	expect(live.status()).toBe(403);
	expect(await live.json()).toEqual({ error: 'Your role does not allow this.' });
	const page = await tablet.goto('/supervisor');
	expect(page?.status()).toBe(403);
});
