import crypto from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { Mutation, PullResponse } from '../../src/lib/domain/sync/protocol';
import { TINY_PNG } from '../fixtures/images';
import { expectNoAxeViolations } from './accessibility';
import { SignInPage } from './pages/sign-in-page';

/** The supervisor's review page against the real server, with work the crew sends over sync. */

const PASSWORD = 'curbside-demo';
// A corner of Three Rivers with no demo requests of these services close by.
const SPOT = { lat: 41.9521, long: -85.6413 };
const metresEast = (m: number) => SPOT.long + m / (111_195 * Math.cos((SPOT.lat * Math.PI) / 180));

async function signIn(request: APIRequestContext, username: string): Promise<void> {
	const response = await request.post('/api/auth/signin', { data: { username, password: PASSWORD } });
	expect(response.status()).toBe(200);
}

/** Dana's tablet: pushes mutations numbered from 1 and finds the server ids of her field reports. */
class CrewDevice {
	readonly deviceId = crypto.randomUUID();
	private next = 1;
	constructor(private readonly request: APIRequestContext) {}

	async push(...mutations: { name: Mutation['name']; args: unknown }[]): Promise<void> {
		const numbered = mutations.map((m) => ({ ...m, id: this.next++, capturedAt: new Date().toISOString() }));
		const response = await this.request.post('/api/sync/push', {
			data: { deviceId: this.deviceId, mutations: numbered }
		});
		expect(response.status()).toBe(200);
		const body = (await response.json()) as { results: { outcome: string; reason?: string }[] };
		expect(body.results.map((r) => r.reason ?? r.outcome)).toEqual(numbered.map(() => 'applied'));
	}

	/** The server id (CS-...) of each field report, by the UUID the device made. */
	async serverIds(): Promise<Map<string, string>> {
		const ids = new Map<string, string>();
		let cursor = '';
		for (;;) {
			const response = await this.request.get(`/api/sync/pull?deviceId=${this.deviceId}&cursor=${cursor}`);
			const page = (await response.json()) as PullResponse;
			for (const order of page.orders) if (order.clientId) ids.set(order.clientId, order.id);
			cursor = page.cursor;
			if (!page.more) return ids;
		}
	}
}

function report(orderId: string, serviceCode: string, lat: number, long: number, description: string) {
	return { name: 'reportProblem' as const, args: { orderId, serviceCode, lat, long, description } };
}

async function open311(request: APIRequestContext, id: string) {
	const response = await request.get(`/open311/v2/requests/${id}.json?extensions=true`);
	expect(response.status()).toBe(200);
	const [shown] = (await response.json()) as Record<string, unknown>[];
	return shown ?? {};
}

async function openReview(page: Page): Promise<void> {
	await new SignInPage(page).open();
	await new SignInPage(page).signIn('rosa.supervisor', PASSWORD);
	await expect(page).toHaveURL(/\/supervisor/);
	await page.goto('/supervisor/review');
	await expect(page.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible();
}

test.describe('supervisor review', () => {
	test('reviews a closure with its photo, reopens one with a reason, and merges a duplicate', async ({
		page,
		playwright,
		baseURL
	}) => {
		const crew = await playwright.request.newContext({ baseURL });
		await signIn(crew, 'dana.crew');
		const tablet = new CrewDevice(crew);
		const accepted = crypto.randomUUID();
		const reopened = crypto.randomUUID();
		const kept = crypto.randomUUID();
		const copy = crypto.randomUUID();
		const photo = Buffer.concat([Buffer.from(TINY_PNG), crypto.randomBytes(512)]);
		const sha256 = crypto.createHash('sha256').update(photo).digest('hex');
		const put = await crew.put(`/api/photos/${sha256}`, {
			headers: { 'content-type': 'application/octet-stream', 'upload-offset': '0' },
			data: photo
		});
		expect(put.status()).toBe(200);
		await tablet.push(
			report(accepted, 'POTHOLE', SPOT.lat, metresEast(-400), 'E2E pothole by the library'),
			{ name: 'addPhoto', args: { linkId: crypto.randomUUID(), orderId: accepted, sha256, kind: 'after' } },
			{
				name: 'closeOrder',
				args: { orderId: accepted, resolutionCode: 'no_problem_found', notes: 'Already patched by someone.' }
			},
			report(reopened, 'POTHOLE', SPOT.lat, metresEast(-800), 'E2E pothole on the bridge'),
			{ name: 'closeOrder', args: { orderId: reopened, resolutionCode: 'no_problem_found', notes: 'Gone.' } },
			report(kept, 'STREETLIGHT', SPOT.lat, metresEast(0), 'E2E light out by the school'),
			report(copy, 'STREETLIGHT', SPOT.lat, metresEast(3), 'E2E dark streetlight at the school')
		);
		const ids = await tablet.serverIds();
		const serverId = (uuid: string) => ids.get(uuid) ?? '';
		const [acceptedId, reopenedId, keptId, copyId] = [
			serverId(accepted),
			serverId(reopened),
			serverId(kept),
			serverId(copy)
		];
		expect([acceptedId, reopenedId, keptId, copyId]).toEqual(Array(4).fill(expect.stringMatching(/^CS-/)));

		await openReview(page);
		const closure = page.getByRole('article', { name: new RegExp(`^${acceptedId} `) });
		await expect(closure).toContainText('No problem found');
		await expect(closure).toContainText('Already patched by someone.');
		await expect(closure.getByRole('img', { name: /^After, / })).toBeVisible();
		await expectNoAxeViolations(page);

		await closure.getByRole('button', { name: `Accept closure of ${acceptedId}` }).click();
		await expect(page.getByRole('status')).toHaveText(`Closure of ${acceptedId} accepted.`);
		await expect(closure).toHaveCount(0);

		const toReopen = page.getByRole('article', { name: new RegExp(`^${reopenedId} `) });
		await toReopen.getByRole('button', { name: `Reopen ${reopenedId}` }).click();
		await expect(toReopen.getByText('Say why the order is reopened')).toBeVisible();
		await toReopen
			.getByLabel(`Reason for reopening ${reopenedId}`)
			.fill('The hole is still there after the rain.');
		await toReopen.getByRole('button', { name: `Reopen ${reopenedId}` }).click();
		await expect(page.getByRole('status')).toHaveText(`${reopenedId} reopened and sent back to the crew.`);
		await expect(toReopen).toHaveCount(0);
		expect(await open311(page.request, reopenedId)).toMatchObject({
			status: 'open',
			status_notes: 'The request has been reopened for more work.'
		});
		// The crew's tablet receives it on its next sync, with the reason as a supervisor note.
		const pulled = (await (
			await crew.get(`/api/sync/pull?deviceId=${tablet.deviceId}`)
		).json()) as PullResponse;
		expect(pulled.orders.find((o) => o.id === reopenedId)?.status).toBe('assigned');
		expect(
			pulled.notes.filter((n) => n.orderId === reopenedId).map((n) => [n.authorKind, n.body])
		).toContainEqual(['supervisor', 'Reopened: The hole is still there after the rain.']);

		const merge = page.getByRole('button', { name: `Merge ${copyId} into ${keptId}` });
		await merge.click();
		await expect(page.getByRole('status')).toHaveText(`${copyId} closed as a duplicate of ${keptId}.`);
		await expect(merge).toHaveCount(0);
		expect(await open311(page.request, copyId)).toMatchObject({
			status: 'closed',
			status_notes: expect.stringMatching(new RegExp(`^Duplicate of #${keptId}\\.`)),
			extended_attributes: expect.objectContaining({ extended_status: 'duplicate', duplicate_of: keptId })
		});
		await crew.dispose();
	});

	test('accepts a late field report and acknowledges a refused change', async ({
		page,
		playwright,
		baseURL
	}) => {
		const crew = await playwright.request.newContext({ baseURL });
		const south = await playwright.request.newContext({ baseURL });
		const luis = await south.post('/api/auth/signin', {
			data: { username: 'luis.crew', password: PASSWORD }
		});
		const southCrewId = ((await luis.json()) as { user: { crewId: string } }).user.crewId;
		await signIn(crew, 'dana.crew');
		const tablet = new CrewDevice(crew);
		const found = crypto.randomUUID();
		await tablet.push(report(found, 'POTHOLE', SPOT.lat, metresEast(-1200), 'E2E pothole near the mill'), {
			name: 'closeOrder',
			args: { orderId: found, resolutionCode: 'no_problem_found', notes: 'Fine.' }
		});
		const foundId = (await tablet.serverIds()).get(found) ?? '';
		const given = crypto.randomUUID();
		await tablet.push(report(given, 'POTHOLE', SPOT.lat, metresEast(-1600), 'E2E pothole by the dam'));
		const givenId = (await tablet.serverIds()).get(given) ?? '';

		await openReview(page);
		const moved = await page.request.post('/api/dispatch/assign', {
			data: { orderIds: [givenId], crewId: southCrewId }
		});
		expect(moved.status()).toBe(200);
		// Dana, offline meanwhile, notes the order that has moved on, and starts her closed one again.
		const late = await crew.post('/api/sync/push', {
			data: {
				deviceId: tablet.deviceId,
				mutations: [
					{
						id: 4,
						name: 'addNote',
						args: { noteId: crypto.randomUUID(), orderId: givenId, body: 'E2E: cones left on the verge.' },
						capturedAt: new Date().toISOString()
					},
					{ id: 5, name: 'startWork', args: { orderId: foundId }, capturedAt: new Date().toISOString() }
				]
			}
		});
		expect(((await late.json()) as { results: { outcome: string }[] }).results.map((r) => r.outcome)).toEqual(
			['late', 'refused']
		);

		await page.reload();
		const lateCard = page.getByRole('article', { name: new RegExp(`^${givenId} `) });
		await expect(lateCard).toContainText('E2E: cones left on the verge.');
		await expect(lateCard).toContainText('late field report');
		await expectNoAxeViolations(page);
		await lateCard.getByRole('button', { name: `Accept late report on ${givenId}` }).click();
		await expect(page.getByRole('status')).toHaveText(`Late report on ${givenId} accepted.`);
		await expect(lateCard).toHaveCount(0);

		const refused = page.getByRole('row').filter({ hasText: foundId }).filter({ hasText: 'Start work' });
		await expect(refused).toContainText('Dana Whitfield');
		await refused.getByRole('button', { name: /^Acknowledge refused Start work/ }).click();
		await expect(page.getByRole('status')).toHaveText('Refused change acknowledged.');
		await expect(refused).toHaveCount(0);
		await crew.dispose();
		await south.dispose();
	});

	test('the review API refuses crews, bad input and other departments with JSON errors', async ({
		request
	}) => {
		await signIn(request, 'dana.crew');
		expect((await request.get('/api/review')).status()).toBe(403);
		expect((await request.get('/api/duplicates?orderId=CS-000001')).status()).toBe(403);
		await signIn(request, 'rosa.supervisor');
		const bad = await request.post('/api/review/reopen', { data: { orderId: 'CS-000001', reason: '  ' } });
		expect(bad.status()).toBe(400);
		expect(await bad.json()).toMatchObject({ error: 'The reopen is not valid.' });
		const unknown = await request.post('/api/duplicates/merge', {
			data: { copyId: 'CS-999999', keptId: 'CS-1' }
		});
		expect(unknown.status()).toBe(404);
		expect(await unknown.json()).toMatchObject({ error: expect.any(String) });
		expect((await request.get('/api/duplicates')).status()).toBe(400);
		expect((await request.get('/api/duplicates?orderId=CS-000001&distance=5000')).status()).toBe(400);
		const queue = await request.get('/api/review');
		expect(queue.status()).toBe(200);
		expect(await queue.json()).toMatchObject({ scope: 'Public Works' });
	});
});
