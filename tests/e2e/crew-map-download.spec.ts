import { devices, expect, test } from '@playwright/test';
import { startCountingProxy, type CountingProxy } from './crew-counting-proxy';
import { CrewMapPage } from './pages/crew-map-page';
import { CrewTodayPage } from './pages/crew-today-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * Issue 6, the crew map online on an Android tablet with a location: the position and its
 * accuracy circle, the day's route planned from where the crew is, distance and bearing to a site
 * and "Navigate" as a geo: link; then the area download on a slow link, where the progress bar
 * moves, Cancel stops it with what arrived kept, and the next download fetches only the rest.
 */

/** Near the middle of the demo city (Three Rivers, MI). */
const HERE = { latitude: 41.9437, longitude: -85.6325, accuracy: 35 };

/** The area download's tile pack requests: the slow link slows only these. */
const isPackRequest = (method: string, path: string) =>
	method === 'POST' && path.startsWith('/api/tiles/pack');

let proxy: CountingProxy;

const packRequests = () =>
	proxy.requests.filter((request) => {
		const [method = '', path = ''] = request.split(' ');
		return isPackRequest(method, path);
	}).length;

test.beforeEach(async ({ baseURL }) => {
	proxy = await startCountingProxy(new URL(baseURL ?? 'http://127.0.0.1:3100'));
});

test.afterEach(async () => {
	await proxy.close();
});

test.use({
	userAgent: devices['Galaxy Tab S4'].userAgent,
	geolocation: HERE,
	permissions: ['geolocation']
});

test('on a tablet with a location: position and accuracy, route from here, distance, Navigate, and a download with progress and cancel', async ({
	page
}) => {
	test.setTimeout(180_000);
	const today = new CrewTodayPage(page);
	const map = new CrewMapPage(page);

	await page.goto(`${proxy.origin}/signin`);
	await new SignInPage(page).signIn('dana.crew', 'curbside-demo');
	await today.expectOpen();
	await expect(today.assignedOrders.nth(1)).toBeVisible({ timeout: 15_000 });
	await page.getByRole('link', { name: 'Map', exact: true }).click();
	await map.expectOpen();

	// The device's position is watched and drawn with its accuracy circle.
	await expect(page.getByText('Your location is shown on the map (within 35 m).')).toBeVisible({
		timeout: 15_000
	});
	await map.waitForMapIdle();
	const drawn = await page.evaluate(() => {
		type Feature = { properties: { id?: string }; geometry: { type: string } };
		const m = (globalThis as unknown as { __curbsideMap: { querySourceFeatures(s: string): Feature[] } })
			.__curbsideMap;
		return {
			me: m.querySourceFeatures('positions').map((f) => f.properties.id),
			accuracy: m.querySourceFeatures('accuracy').map((f) => f.geometry.type)
		};
	});
	expect(drawn.me).toContain('me');
	expect(drawn.accuracy).toContain('Polygon');

	// The day's route starts where the crew is: the line leaves from the device's position.
	await expect(page.getByText(/from where you are/)).toBeVisible();
	await page.getByRole('button', { name: 'Plan route' }).click();
	await expect(page.getByRole('button', { name: 'Plan again' })).toBeVisible();
	await map.waitForMapIdle();
	const line = await page.evaluate(async () => {
		type Line = { features: { geometry: { coordinates: [number, number][] } }[] };
		const m = (
			globalThis as unknown as { __curbsideMap: { getSource(id: string): { getData(): Promise<Line> } } }
		).__curbsideMap;
		return (await m.getSource('route-line').getData()).features[0]?.geometry.coordinates[0] ?? null;
	});
	expect(line?.[0]).toBeCloseTo(HERE.longitude, 5);
	expect(line?.[1]).toBeCloseTo(HERE.latitude, 5);

	// A stop's card: distance and bearing from here, and Navigate hands it to the maps app (geo:).
	const stops = page.getByRole('region', { name: /^Day's route/ }).getByRole('listitem');
	const firstStop = (await stops.nth(0).getByRole('link').textContent())?.trim() ?? '';
	await page.getByRole('button', { name: `Show ${firstStop} on the map` }).click();
	const card = page.getByRole('region', { name: new RegExp(`^${firstStop} ·`) });
	await expect(card.getByText(/^(\d+ m|\d+(\.\d)? km) (N|NE|E|SE|S|SW|W|NW) from you/)).toBeVisible();
	await expect(card.getByRole('link', { name: 'Navigate' })).toHaveAttribute(
		'href',
		/^geo:4\d\.\d+,-8\d\.\d+\?q=4\d\.\d+,-8\d\.\d+\(/
	);
	await expect(card.getByRole('link', { name: 'Directions in the browser' })).toHaveAttribute(
		'href',
		/^https:\/\/www\.google\.com\/maps\/dir\/\?api=1&destination=4\d\.\d+,-8\d\.\d+$/
	);
	await card.getByRole('button', { name: 'Close' }).click();

	// The area download on a slow link: the bar moves, Cancel stops it, what arrived is kept.
	const sizeLine = page.getByText(/^Your area: \d+ tiles; \d+ to download, about/);
	await expect(sizeLine).toBeVisible({ timeout: 15_000 });
	const toDownload = async () =>
		Number(/; (\d+) to download/.exec((await sizeLine.textContent()) ?? '')?.[1]);
	const before = await toDownload();
	proxy.trickle = isPackRequest;
	await page.getByRole('button', { name: 'Download map area' }).click();
	const bar = page.getByRole('progressbar');
	await expect(bar).toBeVisible();
	const progressLabel = page.getByText(/^Downloading the map: \d+ of \d+ tiles$/);
	const tilesDone = async () => {
		const text = (await progressLabel.textContent({ timeout: 1000 }).catch(() => null)) ?? '';
		return Number(/: (\d+) of/.exec(text)?.[1] ?? 0);
	};
	await expect.poll(tilesDone, { timeout: 90_000 }).toBeGreaterThan(0);
	expect(await bar.evaluate((element) => (element as HTMLProgressElement).value)).toBeGreaterThan(0);
	await page.getByRole('button', { name: 'Cancel download' }).click();
	await expect(page.getByText(/^Download cancelled\./)).toBeVisible();
	await expect(bar).toBeHidden();
	await expect(page.getByText(/did not finish/)).toBeVisible();
	await expect.poll(toDownload).toBeLessThan(before);
	expect(await toDownload()).toBeGreaterThan(0);

	// The rest, at full speed: only the missing tiles, in a few requests.
	proxy.trickle = null;
	const requestsBefore = packRequests();
	await page.getByRole('button', { name: 'Update offline map' }).click();
	await expect(page.getByText('Offline map downloaded.')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByText(/^Ready offline:/)).toBeVisible();
	expect(packRequests() - requestsBefore).toBeGreaterThanOrEqual(1);
	expect(packRequests() - requestsBefore).toBeLessThanOrEqual(5);
});
