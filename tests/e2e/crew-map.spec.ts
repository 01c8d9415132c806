import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { startCountingProxy, type CountingProxy } from './crew-counting-proxy';
import { CrewMapPage } from './pages/crew-map-page';
import { CrewTodayPage } from './pages/crew-today-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * Issue 6's done-when: the crew downloads its area, then the server goes away (the counting
 * proxy cuts every connection) and the browser goes offline (which does not reach workers, hence
 * both). The map still draws the city's streets from IndexedDB, with no tile request reaching
 * the network, the crew's pins are on it, and tapping one leads to the order.
 */

let proxy: CountingProxy;

test.beforeEach(async ({ baseURL }) => {
	proxy = await startCountingProxy(new URL(baseURL ?? 'http://127.0.0.1:3100'));
});

test.afterEach(async () => {
	await proxy.close();
});

test('the downloaded area draws offline from the device, pins open their orders, and Today follows the planned route', async ({
	page,
	context
}) => {
	test.setTimeout(180_000);
	const today = new CrewTodayPage(page);
	const map = new CrewMapPage(page);

	await page.goto(`${proxy.origin}/signin`);
	await new SignInPage(page).signIn('dana.crew', 'curbside-demo');
	await today.expectOpen();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 15_000
	});
	await expect(today.assignedOrders.nth(1)).toBeVisible({ timeout: 15_000 });

	// Online: the map page shows the area's size first, then downloads it in a few large requests.
	await page.getByRole('link', { name: 'Map', exact: true }).click();
	await map.expectOpen();
	await expect(page.getByText(/^Your area: \d+ tiles; \d+ to download, about/)).toBeVisible({
		timeout: 15_000
	});
	proxy.reset();
	await map.downloadArea();
	const packRequests = proxy.requests.filter((request) => request.startsWith('POST /api/tiles/pack'));
	expect(packRequests.length).toBeGreaterThanOrEqual(1);
	expect(packRequests.length).toBeLessThanOrEqual(5);
	await expect(page.getByText(/^Ready offline:/)).toBeVisible();
	await map.waitForMapIdle();
	await expectNoAxeViolations(page);

	// The crew plans the day's route from the first stop (no location here), and moves one stop by hand.
	await page.getByRole('button', { name: 'Plan route' }).click();
	const stops = page.getByRole('region', { name: /^Day's route/ }).getByRole('listitem');
	await expect(page.getByRole('button', { name: 'Plan again' })).toBeVisible();
	const firstStop = (await stops.nth(0).getByRole('link').textContent())?.trim() ?? '';
	const secondStop = (await stops.nth(1).getByRole('link').textContent())?.trim() ?? '';
	await page.getByRole('button', { name: `Move ${secondStop} earlier` }).click();
	await expect(stops.nth(0).getByRole('link')).toHaveText(secondStop);
	await expect(stops.nth(1).getByRole('link')).toHaveText(firstStop);

	// The server goes away, then the network.
	proxy.pause();
	await context.setOffline(true);
	proxy.reset();

	await page.reload();
	await map.expectOpen();
	await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
	await map.waitForMapIdle();
	expect(await map.basemapShare()).toBeGreaterThan(0.02);
	const streets = await map.drawnStreets();
	expect(streets.lines).toBeGreaterThan(0);
	expect(streets.labels).toBeGreaterThan(0);
	const stats = await map.tileStats();
	expect(stats.fromStore).toBeGreaterThan(0);
	expect(stats.fromNetwork).toBe(0);
	expect(proxy.requests.filter((request) => request.includes('/tiles'))).toEqual([]);
	await expect(map.canvas).toHaveAttribute('aria-label', /\((\d{2,}|[1-9]) pins\)/);
	await expect(page.getByText('© OpenStreetMap contributors')).toBeVisible();

	// Dense pins are clustered: zoomed out to the whole area some stand together; at street level none do.
	await map.zoomTo(12);
	expect((await map.clusterSizes()).some((size) => size >= 2)).toBe(true);
	await map.zoomTo(17);
	expect(await map.clusterSizes()).toEqual([]);

	// "Show" in the list centres the map on a stop at street level; then tap its pin. Neighbours
	// across a street can still overlap there, so tap the first stop whose pin stands alone.
	const stopIds = (await stops.getByRole('link').allTextContents()).map((text) => text.trim()).slice(0, 8);
	let tapped: { id: string; x: number; y: number } | null = null;
	for (const id of stopIds) {
		await page.getByRole('button', { name: `Show ${id} on the map` }).click();
		await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${id} ·`) })).toBeVisible();
		await page.getByRole('button', { name: 'Close' }).click();
		await map.waitForMapIdle();
		const point = await map.lonePinPoint(id);
		if (point) {
			tapped = { id, ...point };
			break;
		}
	}
	if (!tapped) throw new Error(`None of the stops ${stopIds.join(', ')} has a pin standing alone.`);
	// A click on the canvas at the pin (not at page coordinates): Playwright scrolls it into view and
	// makes sure the tap lands on the map, not on the location question stuck to the screen's bottom.
	await map.canvas.click({ position: { x: tapped.x, y: tapped.y } });
	await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${tapped.id} ·`) })).toBeVisible();
	await page.getByRole('link', { name: 'Open order' }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Work order ${tapped.id}` })).toBeVisible();
	expect((await map.tileStats()).fromNetwork).toBe(0);

	// Today follows the crew's own order of stops.
	await page.getByRole('link', { name: '← Today' }).click();
	await today.expectOpen();
	await expect(today.orders.nth(0)).toHaveAttribute('href', new RegExp(`/${secondStop}$`));
	await expect(today.orders.nth(1)).toHaveAttribute('href', new RegExp(`/${firstStop}$`));
});

test('report a problem: "Pick on map" loads the map only when asked, and a tap fills the coordinates', async ({
	page
}) => {
	await page.goto(`${proxy.origin}/signin`);
	await new SignInPage(page).signIn('dana.crew', 'curbside-demo');
	const today = new CrewTodayPage(page);
	await today.expectOpen();
	await today.openReport();
	expect(await page.evaluate(() => '__curbsideMap' in globalThis)).toBe(false);

	await page.getByRole('button', { name: 'Pick on map' }).click();
	const canvas = page.getByLabel("Map to pick the problem's location");
	await expect(page.locator('[data-map-ready="true"]')).toBeVisible({ timeout: 30_000 });
	const box = await canvas.boundingBox();
	if (!box) throw new Error('The map is not on screen.');
	// In the canvas's own coordinates, so the tap lands on the map wherever the page has scrolled
	// and whatever sticks to the screen's bottom (the location question).
	await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
	await expect(page.getByLabel('Latitude')).toHaveValue(/^4\d\.\d{6}$/);
	await expect(page.getByLabel('Longitude')).toHaveValue(/^-8\d\.\d{6}$/);
	await expectNoAxeViolations(page);
});
