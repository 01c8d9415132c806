import crypto from 'node:crypto';
import {
	expect,
	request as playwrightRequest,
	test,
	type APIRequestContext,
	type Page
} from '@playwright/test';
import { GPS_MARKER, includesText, jpegWithGpsExif, TINY_PNG } from '../fixtures/images';
import { expectNoAxeViolations } from './accessibility';
import { SignInPage } from './pages/sign-in-page';

/**
 * The whole trip of a resident's report: filed over Open311 with a photo, dispatched by a
 * supervisor, pulled and closed by the crew through the sync API, and read back over Open311 as
 * closed with the crew's status notes and closure photo.
 */

/** Creates a key the way an admin does: on the API keys page, which shows it once. */
async function createApiKeyOnAdminPage(page: Page, label: string): Promise<string> {
	const signIn = new SignInPage(page);
	await signIn.open();
	await signIn.signIn('sam.admin', 'curbside-demo');
	await expect(page).toHaveURL(/\/admin$/);
	await page.goto('/admin/api-keys');
	await page.getByLabel('Who is it for?').fill(label);
	await page.getByRole('button', { name: 'Create key' }).click();
	const key = page.getByLabel('New API key');
	await expect(key).toHaveValue(/^cs311_/);
	await expectNoAxeViolations(page);
	return key.inputValue();
}

async function signedIn(baseURL: string, username: string): Promise<APIRequestContext> {
	const context = await playwrightRequest.newContext({ baseURL });
	const response = await context.post('/api/auth/signin', { data: { username, password: 'curbside-demo' } });
	expect(response.status()).toBe(200);
	return context;
}

test('a request filed over Open311 with a photo is dispatched, closed by the crew and read back closed', async ({
	page,
	request,
	baseURL
}) => {
	const origin = baseURL ?? '';
	const apiKey = await createApiKeyOnAdminPage(page, 'Resident app (lifecycle test)');

	// 1. A resident's app files a pothole with a photo (multipart).
	const filed = await request.post('/open311/v2/requests.json', {
		multipart: {
			api_key: apiKey,
			service_code: 'POTHOLE',
			lat: '41.9436',
			long: '-85.6325',
			'attribute[SIZE]': 'large',
			description: 'Deep pothole in front of the library',
			media: { name: 'pothole.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpegWithGpsExif()) }
		}
	});
	expect(filed.status(), await filed.text()).toBe(200);
	const [{ service_request_id: id }] = await filed.json();
	expect(id).toMatch(/^CS-\d{6}$/);
	const [opened] = await (await request.get(`/open311/v2/requests/${id}.json`)).json();
	expect(opened).toMatchObject({
		status: 'open',
		media_url: expect.stringMatching(/\/open311\/v2\/media\/[0-9a-f]{64}\.jpg$/)
	});
	const reporterPhoto = await request.get(opened.media_url);
	expect(reporterPhoto.status()).toBe(200);
	expect(includesText(await reporterPhoto.body(), GPS_MARKER)).toBe(false);

	// 2. A supervisor dispatches it to Dana's crew.
	const crew = await signedIn(origin, 'dana.crew');
	const crewId = (await (await crew.get('/api/auth/me')).json()).user.crewId as string;
	const supervisor = await signedIn(origin, 'rosa.supervisor');
	const assigned = await supervisor.post('/api/dispatch/assign', { data: { orderIds: [id], crewId } });
	expect(assigned.status(), await assigned.text()).toBe(200);

	// 3. The crew sees it among its assignments.
	const deviceId = crypto.randomUUID();
	const pulled = await (await crew.get(`/api/sync/pull?deviceId=${deviceId}&limit=500`)).json();
	const mine = pulled.orders.find((order: { id: string }) => order.id === id);
	expect(mine).toMatchObject({ id, status: 'assigned' });

	// 4. The crew uploads the after photo and closes the order.
	const after = Buffer.concat([Buffer.from(TINY_PNG), crypto.randomBytes(512)]);
	const sha256 = crypto.createHash('sha256').update(after).digest('hex');
	const upload = await crew.put(`/api/photos/${sha256}`, {
		headers: { 'content-type': 'application/octet-stream', 'upload-offset': '0' },
		data: after
	});
	expect(upload.status(), await upload.text()).toBeLessThan(300);
	const linkId = crypto.randomUUID();
	const capturedAt = new Date().toISOString();
	const push = await crew.post('/api/sync/push', {
		data: {
			deviceId,
			mutations: [
				{ id: 1, name: 'startWork', args: { orderId: id }, capturedAt },
				{ id: 2, name: 'addPhoto', args: { linkId, orderId: id, sha256, kind: 'after' }, capturedAt },
				{
					id: 3,
					name: 'closeOrder',
					args: {
						orderId: id,
						resolutionCode: 'fixed',
						notes: 'Filled with cold patch',
						afterPhotoLinkIds: [linkId],
						timeOnSiteMinutes: 25,
						materials: [{ name: 'Cold patch asphalt', quantity: 2, unit: 'bag' }]
					},
					capturedAt
				}
			]
		}
	});
	const pushed = await push.json();
	expect(
		pushed.results.map((result: { outcome: string }) => result.outcome),
		JSON.stringify(pushed)
	).toEqual(['applied', 'applied', 'applied']);

	// 5. Anyone reads it back over Open311: closed, with status notes and the closure photo.
	const [closed] = await (await request.get(`/open311/v2/requests/${id}.json?extensions=true`)).json();
	expect(closed).toMatchObject({
		service_request_id: id,
		status: 'closed',
		status_notes: 'Filled with cold patch',
		media_url: `${origin}/open311/v2/media/${sha256}.png`,
		extended_attributes: { extended_status: 'fixed' }
	});
	expect(new Date(closed.updated_datetime).getTime()).toBeGreaterThanOrEqual(
		new Date(opened.updated_datetime).getTime()
	);
	const xml = await (await request.get(`/open311/v2/requests/${id}.xml`)).text();
	expect(xml).toContain('<status>closed</status>');
	expect(xml).toContain(`<media_url>${origin}/open311/v2/media/${sha256}.png</media_url>`);
	const photo = await request.get(closed.media_url);
	expect(photo.status()).toBe(200);
	expect(photo.headers()['content-type']).toBe('image/png');

	await crew.dispose();
	await supervisor.dispose();
});
