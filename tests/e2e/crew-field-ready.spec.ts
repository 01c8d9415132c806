import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { jpegWithGpsExif } from '../fixtures/images';
import { expectNoAxeViolations } from './accessibility';
import { startCountingProxy, type CountingProxy } from './crew-counting-proxy';
import { cameraJpeg } from './pages/crew-camera';
import { CrewOrderPage } from './pages/crew-order-page';
import { CrewTodayPage } from './pages/crew-today-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * Issue 5's remaining field-ready clauses, each checked in real Chromium: the installable manifest,
 * storage persistence asked for and storage use shown, photos from the camera or the gallery (a
 * JPEG, its own upload bar), a resident's photo kept on the device for the order page offline,
 * sync status on every crew page, 48px targets at phone width, and no control that only hover shows.
 */

let proxy: CountingProxy;

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Text against its background at WCAG AAA (7:1, 4.5:1 for large text): AA, which every axe check
 * holds, is not enough in direct sunlight. Returns what falls short.
 */
async function belowOutdoorContrast(page: Page): Promise<string[]> {
	await page.evaluate(axeSource);
	return page.evaluate(async () => {
		type Result = { violations: { nodes: { target: unknown; failureSummary?: string }[] }[] };
		const axe = (window as unknown as { axe: { run: (options: object) => Promise<Result> } }).axe;
		const result = await axe.run({ runOnly: ['color-contrast-enhanced'] });
		return result.violations.flatMap((violation) =>
			violation.nodes.map((node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`)
		);
	});
}

test.beforeEach(async ({ baseURL }) => {
	proxy = await startCountingProxy(new URL(baseURL ?? 'http://127.0.0.1:3100'));
});

test.afterEach(async () => {
	await proxy.close();
});

async function signInAsCrew(page: Page): Promise<CrewTodayPage> {
	await page.goto(`${proxy.origin}/signin`);
	await new SignInPage(page).signIn('dana.crew', 'curbside-demo');
	const today = new CrewTodayPage(page);
	await today.expectOpen();
	return today;
}

async function signedIn(api: APIRequestContext, username: string): Promise<void> {
	const response = await api.post('/api/auth/signin', { data: { username, password: 'curbside-demo' } });
	expect(response.status()).toBe(200);
}

/** Controls (a, button, input, select, textarea) in main and header smaller than 48 px either way. */
async function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[
			...document.querySelectorAll(
				'main a, main button, main input, main select, main textarea, header a, header button'
			)
		]
			// A checkbox's target is its whole label; the map's own canvas controls are MapLibre's.
			.filter((element) => !element.closest('.maplibregl-map'))
			.map((element) => ({ element, box: (element.closest('label') ?? element).getBoundingClientRect() }))
			.filter(({ box }) => box.width > 0 && (box.height < 48 || box.width < 48))
			.map(({ element }) => element.outerHTML.slice(0, 80))
	);
}

/** CSS rules that would show, hide or enable something only under a hovering pointer. */
async function hoverOnlyRules(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const found: string[] = [];
		const visit = (rules: CSSRuleList) => {
			for (const rule of rules) {
				// MapLibre's own stylesheet shows a pointer-tracking popup on hover; the app uses none.
				if (
					rule instanceof CSSStyleRule &&
					rule.selectorText.includes(':hover') &&
					!rule.selectorText.startsWith('.maplibregl-')
				) {
					const style = rule.style;
					if (
						['display', 'visibility', 'opacity', 'pointer-events'].some((name) =>
							style.getPropertyValue(name)
						)
					)
						found.push(rule.cssText.slice(0, 120));
				}
				if ('cssRules' in rule) visit((rule as CSSGroupingRule).cssRules);
			}
		};
		for (const sheet of document.styleSheets) visit(sheet.cssRules);
		return found;
	});
}

test('installable: the manifest names the crew app and its icons are served', async ({ request }) => {
	const response = await request.get('/manifest.webmanifest');
	expect(response.status()).toBe(200);
	const manifest = (await response.json()) as {
		name: string;
		start_url: string;
		display: string;
		icons: { src: string; sizes: string; purpose?: string }[];
	};
	expect(manifest).toMatchObject({ name: 'Curbside', start_url: '/crew', display: 'standalone' });
	expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
	expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
	for (const icon of manifest.icons) {
		const file = await request.get(icon.src);
		expect(file.status(), icon.src).toBe(200);
		expect(file.headers()['content-type']).toBe('image/png');
	}
});

test('every crew page: sync status, 48px targets and no sideways scroll at phone width, no hover-only controls, outdoor (AAA) contrast', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 360, height: 740 });
	const today = await signInAsCrew(page);
	await expect(today.orders.first()).toBeVisible({ timeout: 15_000 });
	await today.expectPending(0);

	// Storage: the app asked the browser to keep its data (once) and says how much it holds.
	await expect(page.getByText(/This device holds .+ of Curbside data/)).toBeVisible({ timeout: 10_000 });
	expect(await page.evaluate(() => localStorage.getItem('curbside.crew.persistAsked'))).not.toBeNull();

	const orderId = await today.orderIdOf(today.orders.first());
	const pages = ['/crew', `/crew/orders/${orderId}`, '/crew/report', '/crew/attention', '/crew/map'];
	for (const path of pages) {
		await page.goto(`${proxy.origin}${path}`);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		// Online/offline, what waits to be sent, and "Sync now", wherever the crew is.
		await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
		await expect(page.getByText('Everything saved here has been sent.')).toBeVisible({ timeout: 20_000 });
		await expect(page.getByRole('button', { name: 'Sync now' })).toBeVisible();
		expect(await smallTargets(page), path).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
		expect(await hoverOnlyRules(page), path).toEqual([]);
		expect(await belowOutdoorContrast(page), path).toEqual([]);
	}
	await expectNoAxeViolations(page);
});

test('photos: the camera or the gallery, stored as a JPEG of at most 1600 px, each with its upload bar', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	const today = await signInAsCrew(page);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 15_000
	});
	// Not a pothole and not the last card: other crew specs use those.
	const card = today.assignedOrders.filter({ hasNotText: 'Pothole' }).nth(1);
	await expect(card).toBeVisible({ timeout: 15_000 });
	const orderId = await today.orderIdOf(card);
	const jpeg = await cameraJpeg(page, `gallery ${orderId}`);
	await today.expectPending(0);

	proxy.pause();
	await context.setOffline(true);
	await card.click();
	const order = new CrewOrderPage(page);
	await order.expectOpen(orderId);

	const camera = page.getByLabel('Add photo with the camera');
	const gallery = page.getByLabel('Add from the gallery');
	await expect(camera).toHaveAttribute('capture', 'environment');
	await expect(camera).toHaveAttribute('accept', 'image/*');
	// Without `capture`, phones offer the gallery (and files) as well as the camera.
	expect(await gallery.getAttribute('capture')).toBeNull();
	await expect(gallery).toHaveAttribute('accept', 'image/*');

	await page.getByLabel('This photo shows').selectOption({ label: 'Before the work' });
	await gallery.setInputFiles({ name: 'earlier.jpg', mimeType: 'image/jpeg', buffer: jpeg });
	await order.expectSaved('Photo saved.');
	const photo = page.getByRole('img', { name: 'Before the work photo' });
	await expect(photo).toBeVisible();
	const size = await photo.evaluate(async (element) => {
		const image = element as HTMLImageElement;
		await image.decode();
		return { width: image.naturalWidth, height: image.naturalHeight, src: image.src.slice(0, 5) };
	});
	expect(size).toEqual({ width: 1600, height: 1200, src: 'blob:' });

	const bar = page.getByRole('progressbar', { name: 'Upload of this before the work photo' });
	await expect(bar).toHaveAttribute('value', '0');
	await expect(page.getByText('Waiting to send')).toBeVisible();
	await expectNoAxeViolations(page);

	proxy.resume();
	await context.setOffline(false);
	await order.expectPending(0);
	await expect(bar).toHaveAttribute('value', '1');
	await expect(page.getByText('Sent', { exact: true }).first()).toBeVisible();

	// The bytes kept on the device (and sent) are a JPEG.
	const stored = await newestStoredPhoto(page);
	expect(stored).toEqual({ type: 'image/jpeg image/jpeg', magic: 'ff d8 ff' });
});

test("a resident's photo is kept on the device: the order page shows it with the network off", async ({
	page,
	context,
	playwright,
	baseURL
}) => {
	test.setTimeout(120_000);
	const resident = await playwright.request.newContext({ baseURL });
	const supervisor = await playwright.request.newContext({ baseURL });
	const crew = await playwright.request.newContext({ baseURL });
	let orderId = '';
	let photoSha = '';
	try {
		const apiKey = await createApiKeyOnAdminPage(page);
		const filed = await resident.post('/open311/v2/requests.json', {
			multipart: {
				api_key: apiKey,
				service_code: 'SIDEWALK',
				lat: '41.9436',
				long: '-85.6325',
				'attribute[ISSUE]': 'cracked',
				description: 'Cracked slab by the bus shelter, photo attached',
				media: { name: 'shelter.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpegWithGpsExif()) }
			}
		});
		expect(filed.status(), await filed.text()).toBe(200);
		const [created] = (await filed.json()) as { service_request_id: string }[];
		orderId = created?.service_request_id ?? '';
		expect(orderId).toMatch(/^CS-\d+$/);
		const [filedBack] = (await (await resident.get(`/open311/v2/requests/${orderId}.json`)).json()) as {
			media_url: string;
		}[];
		photoSha = /([0-9a-f]{64})\.jpg$/.exec(filedBack?.media_url ?? '')?.[1] ?? '';
		expect(photoSha).not.toBe('');

		await signedIn(crew, 'dana.crew');
		const me = (await (await crew.get('/api/auth/me')).json()) as { user: { crewId: string } };
		await signedIn(supervisor, 'rosa.supervisor');
		const assigned = await supervisor.post('/api/dispatch/assign', {
			data: { orderIds: [orderId], crewId: me.user.crewId }
		});
		expect(assigned.status(), await assigned.text()).toBe(200);
	} finally {
		await resident.dispose();
		await supervisor.dispose();
		await crew.dispose();
	}

	const today = await signInAsCrew(page);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 15_000
	});
	await expect(today.orders.filter({ hasText: orderId })).toHaveCount(1, { timeout: 20_000 });
	await today.expectPending(0);
	// The photo is fetched after the pull that brought the order, in the same sync.
	await expect.poll(() => deviceHoldsPhoto(page, photoSha), { timeout: 20_000 }).toBe(true);

	proxy.pause();
	await context.setOffline(true);
	proxy.reset();
	await page.goto(`${proxy.origin}/crew/orders/${orderId}`);
	const order = new CrewOrderPage(page);
	await order.expectOpen(orderId);
	const photo = page.getByRole('img', { name: "Resident's photo photo" });
	await expect(photo).toBeVisible();
	expect(await photo.getAttribute('src')).toMatch(/^blob:/);
	expect(
		await photo.evaluate(async (element) => {
			const image = element as HTMLImageElement;
			await image.decode();
			return image.naturalWidth > 0;
		})
	).toBe(true);
	await expect(page.getByText('Photo kept on the server')).toHaveCount(0);
	await expectNoAxeViolations(page);
	expect(proxy.requests.filter((request) => !request.includes(' /api/sync/'))).toEqual([]);
});

/** Whether the crew's store (whichever IndexedDB database has a photos store) holds these bytes. */
async function deviceHoldsPhoto(page: Page, sha256: string): Promise<boolean> {
	return page.evaluate(async (sha) => {
		for (const { name } of await indexedDB.databases()) {
			if (!name) continue;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			try {
				if (!db.objectStoreNames.contains('photos')) continue;
				const found = await new Promise<unknown>((resolve) => {
					const request = db.transaction('photos').objectStore('photos').get(sha);
					request.onsuccess = () => resolve(request.result);
				});
				if (found) return true;
			} finally {
				db.close();
			}
		}
		return false;
	}, sha256);
}

/** The type and first bytes of the photo this device stored last (read from IndexedDB itself). */
async function newestStoredPhoto(page: Page): Promise<{ type: string; magic: string } | null> {
	return page.evaluate(async () => {
		let newest: { createdAt: string; contentType: string; blob: Blob } | null = null;
		for (const { name } of await indexedDB.databases()) {
			if (!name) continue;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			try {
				if (!db.objectStoreNames.contains('photos')) continue;
				const rows = await new Promise<{ createdAt: string; contentType: string; blob: Blob }[]>(
					(resolve) => {
						const request = db.transaction('photos').objectStore('photos').getAll();
						request.onsuccess = () => resolve(request.result);
					}
				);
				for (const row of rows) if (!newest || row.createdAt > newest.createdAt) newest = row;
			} finally {
				db.close();
			}
		}
		if (!newest) return null;
		const head = new Uint8Array(await newest.blob.slice(0, 3).arrayBuffer());
		return {
			type: `${newest.contentType} ${newest.blob.type}`,
			magic: [...head].map((byte) => byte.toString(16)).join(' ')
		};
	});
}

/** Creates an Open311 key the way an admin does: on the API keys page, which shows it once. */
async function createApiKeyOnAdminPage(page: Page): Promise<string> {
	await page.goto('/signin');
	await new SignInPage(page).signIn('sam.admin', 'curbside-demo');
	await expect(page).toHaveURL(/\/admin$/);
	await page.goto('/admin/api-keys');
	await page.getByLabel('Who is it for?').fill('Resident app (crew photo test)');
	await page.getByRole('button', { name: 'Create key' }).click();
	const key = page.getByLabel('New API key');
	await expect(key).toHaveValue(/^cs311_/);
	const value = await key.inputValue();
	await page.context().clearCookies();
	return value;
}
