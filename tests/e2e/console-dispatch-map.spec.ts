import crypto from 'node:crypto';
import { expect, test, type APIRequest, type APIRequestContext, type Page } from '@playwright/test';
import type { Mutation, PullResponse } from '../../src/lib/domain/sync/protocol';
import { expectNoAxeViolations } from './accessibility';
import { SignInPage } from './pages/sign-in-page';

/**
 * The live console's dispatch (issue 7): selecting orders by drawing a box on the map and assigning
 * them, and a duplicate hint in the dispatch panel merged from there. The orders are made for the
 * test (a crew's field reports sent back to the queue), each pair at its own corner of the city.
 */

const PASSWORD = 'curbside-demo';
const BOX_SPOT = { lat: 41.9398, long: -85.6282 };
const DUPLICATE_SPOT = { lat: 41.9465, long: -85.6371 };
const east = (spot: { lat: number; long: number }, m: number) => ({
	lat: spot.lat,
	long: spot.long + m / (111_195 * Math.cos((spot.lat * Math.PI) / 180))
});

type ConsoleMap = {
	loaded(): boolean;
	areTilesLoaded(): boolean;
	jumpTo(options: { center: [number, number]; zoom: number }): void;
	project(lngLat: [number, number]): { x: number; y: number };
};

/** Dana's tablet reports problems; the supervisor sends them to the unassigned queue. */
async function queuedReports(
	supervisor: APIRequestContext,
	crew: APIRequestContext,
	reports: { serviceCode: string; lat: number; long: number; description: string }[]
): Promise<string[]> {
	const deviceId = crypto.randomUUID();
	const uuids = reports.map(() => crypto.randomUUID());
	const mutations = reports.map((args, index) => ({
		id: index + 1,
		name: 'reportProblem' as Mutation['name'],
		capturedAt: new Date().toISOString(),
		args: { orderId: uuids[index], ...args }
	}));
	const push = await crew.post('/api/sync/push', { data: { deviceId, mutations } });
	expect(push.status()).toBe(200);
	const pulled = (await (await crew.get(`/api/sync/pull?deviceId=${deviceId}`)).json()) as PullResponse;
	const ids = uuids.map((uuid) => pulled.orders.find((order) => order.clientId === uuid)?.id ?? '');
	expect(ids).toEqual(reports.map(() => expect.stringMatching(/^CS-/)));
	const unassign = await supervisor.post('/api/dispatch/unassign', { data: { orderIds: ids } });
	expect(unassign.status()).toBe(200);
	return ids;
}

async function crewContext(requests: APIRequest, baseURL: string | undefined) {
	const crew = await requests.newContext({ baseURL });
	const signIn = await crew.post('/api/auth/signin', { data: { username: 'dana.crew', password: PASSWORD } });
	expect(signIn.status()).toBe(200);
	return crew;
}

async function openConsole(page: Page): Promise<void> {
	await new SignInPage(page).open();
	await new SignInPage(page).signIn('rosa.supervisor', PASSWORD);
	await expect(page).toHaveURL(/\/supervisor$/);
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
}

async function waitForMapIdle(page: Page): Promise<void> {
	await expect(page.locator('[data-map-ready="true"]')).toBeVisible({ timeout: 30_000 });
	await page.waitForFunction(
		() => {
			const map = (globalThis as { __curbsideMap?: ConsoleMap }).__curbsideMap;
			return Boolean(map?.loaded() && map.areTilesLoaded());
		},
		undefined,
		{ timeout: 30_000 }
	);
}

/** Every order id of a console list, following the cursor to the end. */
async function listIds(request: APIRequestContext, query: Record<string, string>): Promise<string[]> {
	const ids: string[] = [];
	let after = '';
	for (;;) {
		const params = new URLSearchParams({ ...query, limit: '200', ...(after ? { after } : {}) });
		const response = await request.get(`/api/console/orders?${params.toString()}`);
		expect(response.status()).toBe(200);
		const page = (await response.json()) as { orders: { id: string }[]; next: string | null };
		ids.push(...page.orders.map((order) => order.id));
		if (!page.next) return ids;
		after = page.next;
	}
}

test('a supervisor selects two orders by drawing a box on the map and assigns them', async ({
	page,
	playwright,
	baseURL
}) => {
	test.setTimeout(120_000);
	const crew = await crewContext(playwright.request, baseURL);
	await openConsole(page);
	const [first, second] = await queuedReports(page.request, crew, [
		{ serviceCode: 'POTHOLE', ...east(BOX_SPOT, 0), description: 'E2E box pothole west' },
		{ serviceCode: 'POTHOLE', ...east(BOX_SPOT, 40), description: 'E2E box pothole east' }
	]);
	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

	// Only the queue on the map, so the box cannot catch work already under way.
	await page.getByLabel('Crew', { exact: true }).selectOption({ label: 'Unassigned' });
	await waitForMapIdle(page);
	await page.evaluate(
		({ lat, long }) =>
			(globalThis as unknown as { __curbsideMap: ConsoleMap }).__curbsideMap.jumpTo({
				center: [long, lat],
				zoom: 17
			}),
		east(BOX_SPOT, 20)
	);
	await waitForMapIdle(page);

	const toggle = page.getByRole('button', { name: 'Select area' });
	await toggle.click();
	await expect(page.getByRole('button', { name: 'Done selecting area' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	const canvas = page.getByLabel(/^Map of work orders/);
	await canvas.scrollIntoViewIfNeeded();
	const frame = await canvas.boundingBox();
	if (!frame) throw new Error('The map is not on screen.');
	const points = await page.evaluate(
		(spots) =>
			spots.map((spot) =>
				(globalThis as unknown as { __curbsideMap: ConsoleMap }).__curbsideMap.project([spot.long, spot.lat])
			),
		[east(BOX_SPOT, 0), east(BOX_SPOT, 40)]
	);
	const left = frame.x + Math.min(...points.map((p) => p.x)) - 20;
	const right = frame.x + Math.max(...points.map((p) => p.x)) + 20;
	const top = frame.y + Math.min(...points.map((p) => p.y)) - 20;
	const bottom = frame.y + Math.max(...points.map((p) => p.y)) + 20;
	await page.mouse.move(left, top);
	await page.mouse.down();
	await page.mouse.move((left + right) / 2, (top + bottom) / 2, { steps: 4 });
	await page.mouse.move(right, bottom, { steps: 4 });
	await page.mouse.up();

	const selected = page.getByRole('status').filter({ hasText: /orders? selected on the map\./ });
	await expect(selected).toBeVisible();
	const count = Number((await selected.textContent())?.match(/(\d+) orders?/)?.[1] ?? '0');
	expect(count).toBeGreaterThanOrEqual(2);
	await expect(page.getByRole('heading', { name: `Dispatch (${count} selected)` })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Done selecting area' }).click();
	const assignTo = page.getByLabel('Assign to crew');
	await assignTo.selectOption({ label: 'Streets North' });
	const crewId = await assignTo.inputValue();
	await page.getByRole('button', { name: 'Assign', exact: true }).click();
	await expect(
		page
			.getByRole('status')
			.filter({ hasText: `${count === 1 ? '1 order' : `${count} orders`} assigned to Streets North.` })
	).toBeVisible();
	const assigned = await listIds(page.request, { list: 'orders', crew: crewId, status: 'assigned' });
	expect(assigned).toEqual(expect.arrayContaining([first, second]));
	const queue = await listIds(page.request, { list: 'queue' });
	expect(queue).not.toContain(first);
	expect(queue).not.toContain(second);
});

test('a duplicate hint in the dispatch panel, merged from there', async ({ page, playwright, baseURL }) => {
	test.setTimeout(120_000);
	const crew = await crewContext(playwright.request, baseURL);
	await openConsole(page);
	const [keptId, copyId] = await queuedReports(page.request, crew, [
		{ serviceCode: 'STREETLIGHT', ...east(DUPLICATE_SPOT, 0), description: 'E2E light out by the church' },
		{ serviceCode: 'STREETLIGHT', ...east(DUPLICATE_SPOT, 6), description: 'E2E dark lamp at the church' }
	]);
	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

	// The queue comes a page at a time: load more until the copy is listed.
	const queue = page.getByRole('table', { name: 'Requests waiting for a crew' });
	const row = queue.locator(`tr[data-order-id="${copyId}"]`);
	const side = page.getByRole('region', { name: 'Dispatch and queue' });
	for (let pages = 0; (await row.count()) === 0 && pages < 40; pages += 1) {
		await side.getByRole('button', { name: 'Load more' }).click();
		await expect(side.getByRole('button', { name: 'Loading…' })).toHaveCount(0);
	}
	await expect(row.locator('[data-duplicate-mark]')).toHaveText('possible duplicate');

	await queue.getByRole('checkbox', { name: `Select ${copyId}` }).check();
	const hints = page.getByRole('region', { name: `Possible duplicates of ${copyId}` });
	const hint = hints.locator(`li[data-hint-id="${keptId}"]`);
	await expect(hint).toContainText(/\b[5-7] m away,\s+(just filed|\d+ minutes? old)/);
	await expectNoAxeViolations(page);

	await hint.getByRole('button', { name: `Close ${copyId} as duplicate of ${keptId}` }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `${copyId} closed as a duplicate of ${keptId}.` })
	).toBeVisible();
	// The live stream brings the closure: the copy leaves the queue and its hints, without reload.
	await expect(row).toHaveCount(0);
	await expect(hints).toHaveCount(0);
	const open311 = await page.request.get(`/open311/v2/requests/${copyId}.json?extensions=true`);
	const [shown] = (await open311.json()) as Record<string, unknown>[];
	expect(shown).toMatchObject({
		status: 'closed',
		extended_attributes: expect.objectContaining({ extended_status: 'duplicate', duplicate_of: keptId })
	});
});
