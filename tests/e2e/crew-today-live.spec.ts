import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { SyncOrder } from '../../src/lib/domain/sync/protocol';
import { expectNoAxeViolations } from './accessibility';
import { pullAsFreshDevice } from './pages/crew-server';
import { CrewTodayPage } from './pages/crew-today-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * Issue 5's Today, checked against the server's own copy of the crew's work: the cards come in
 * working order (route order, then priority, then due time), overdue work is marked and counted,
 * the counts and filters agree with the data, and the list follows a sync that lands while it is
 * open (a supervisor takes an order away and gives it back; "Sync now"; no reload).
 */

const FINAL = new Set(['closed', 'cancelled']);

function isOverdue(order: SyncOrder, nowMs: number): boolean {
	return !FINAL.has(order.status) && order.dueAt !== null && Date.parse(order.dueAt) < nowMs;
}

/** The working order the issue asks for, written out independently of the app's code. */
function workingOrder(a: SyncOrder, b: SyncOrder): number {
	const route = (a.routeOrder ?? Number.MAX_SAFE_INTEGER) - (b.routeOrder ?? Number.MAX_SAFE_INTEGER);
	if (route !== 0) return route;
	if (a.priority !== b.priority) return a.priority - b.priority;
	const due = (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999');
	return due !== 0 ? due : a.id.localeCompare(b.id);
}

async function signInAsCrew(page: Page): Promise<CrewTodayPage> {
	await page.goto('/signin');
	await new SignInPage(page).signIn('dana.crew', 'curbside-demo');
	const today = new CrewTodayPage(page);
	await today.expectOpen();
	return today;
}

const glance = (page: Page, term: string) =>
	page.locator('dl[aria-label="Your orders at a glance"] > div').filter({ hasText: term }).locator('dd');

async function assign(supervisor: APIRequestContext, orderId: string, crewId: string | null): Promise<void> {
	const response = await supervisor.post('/api/dispatch/assign', { data: { orderIds: [orderId], crewId } });
	expect(response.status(), await response.text()).toBe(200);
}

test('Today: working order, overdue marked and counted, filters, and a sync landing while it is open', async ({
	page,
	playwright,
	baseURL
}) => {
	test.setTimeout(120_000);
	const today = await signInAsCrew(page);
	await today.expectPending(0);

	const api = await playwright.request.newContext({ baseURL });
	const supervisor = await playwright.request.newContext({ baseURL });
	try {
		const pulled = await pullAsFreshDevice(api);
		const open = pulled.orders.filter((order) => !FINAL.has(order.status)).sort(workingOrder);
		expect(open.length).toBeGreaterThan(3);
		await expect(page.getByRole('heading', { level: 2, name: `Orders (${open.length})` })).toBeVisible({
			timeout: 20_000
		});

		// The cards in the order the crew works them.
		// (The list draws a first screenful, then the rest a step per frame.)
		const shown = Math.min(open.length, 15);
		await expect(today.orders.nth(shown - 1)).toBeVisible();
		const hrefs = await today.orders.evaluateAll((cards) => cards.map((card) => card.getAttribute('href')));
		expect(hrefs.slice(0, shown).map((href) => href?.split('/').pop())).toEqual(
			open.slice(0, shown).map((order) => order.id)
		);

		// Counts, computed from the server's copy.
		const nowMs = Date.now();
		const overdue = open.filter((order) => isOverdue(order, nowMs));
		const inProgress = open.filter((order) => order.status === 'in_progress');
		const done = pulled.orders.filter((order) => FINAL.has(order.status));
		expect(overdue.length, 'the demo city has overdue work for this crew').toBeGreaterThan(0);
		await expect(glance(page, 'Open')).toHaveText(String(open.length));
		await expect(glance(page, 'Overdue')).toHaveText(String(overdue.length));
		await expect(glance(page, 'In progress')).toHaveText(String(inProgress.length));
		await expect(glance(page, 'Done')).toHaveText(String(done.length));

		// Overdue work is marked on its card (and only overdue work).
		const firstOverdue = overdue[0] as SyncOrder;
		await expect(today.orders.filter({ hasText: firstOverdue.id })).toContainText('Overdue');
		const onTime = open.find((order) => !isOverdue(order, nowMs));
		if (onTime) await expect(today.orders.filter({ hasText: onTime.id })).not.toContainText('Overdue');

		// Filters beside the search.
		const filter = page.getByLabel('Show', { exact: true });
		await filter.selectOption({ label: 'Overdue only' });
		await expect(page.getByRole('heading', { level: 2, name: `Orders (${overdue.length})` })).toBeVisible();
		await expect(today.orders.filter({ hasNotText: 'Overdue' })).toHaveCount(0);
		await expectNoAxeViolations(page);
		await filter.selectOption({ label: 'In progress' });
		await expect(
			page.getByRole('heading', { level: 2, name: `Orders (${inProgress.length})` })
		).toBeVisible();
		await expect(today.orders.filter({ hasNotText: 'In progress' })).toHaveCount(0);
		await filter.selectOption({ label: 'Not started' });
		await expect(today.orders.filter({ hasText: 'In progress' })).toHaveCount(0);
		await filter.selectOption({ label: 'All orders' });
		await expect(page.getByRole('heading', { level: 2, name: `Orders (${open.length})` })).toBeVisible();

		// A sync lands while the list is open: no reload, the list follows the store.
		await page.evaluate(() => ((window as { todayMark?: string }).todayMark = 'same page'));
		const me = (await (await api.get('/api/auth/me')).json()) as { user: { crewId: string } };
		const signIn = await supervisor.post('/api/auth/signin', {
			data: { username: 'rosa.supervisor', password: 'curbside-demo' }
		});
		expect(signIn.status()).toBe(200);
		// An order not started: one with work started can only be reassigned, not taken away (other
		// specs share this server and start work on the crew's orders).
		const moved = open.filter((order) => order.status === 'assigned').at(-1) as SyncOrder;
		expect(moved, 'the crew has an order not started yet').toBeDefined();
		const card = today.orders.filter({ hasText: moved.id });
		await expect(card).toHaveCount(1);

		await assign(supervisor, moved.id, null);
		await page.getByRole('button', { name: 'Sync now' }).click();
		await expect(card).toHaveCount(0, { timeout: 20_000 });
		await expect(glance(page, 'Open')).toHaveText(String(open.length - 1));

		await assign(supervisor, moved.id, me.user.crewId);
		await page.getByRole('button', { name: 'Sync now' }).click();
		await expect(card).toHaveCount(1, { timeout: 20_000 });
		await expect(glance(page, 'Open')).toHaveText(String(open.length));
		await expect(page.getByText(/Last synced /)).toBeVisible();
		expect(await page.evaluate(() => (window as { todayMark?: string }).todayMark)).toBe('same page');
	} finally {
		await api.dispose();
		await supervisor.dispose();
	}
});
