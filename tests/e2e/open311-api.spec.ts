import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { SignInPage } from './pages/sign-in-page';

/** The Open311 endpoint and its admin page over real HTTP against the built server. */

test.describe('Open311 over HTTP', () => {
	test('serves discovery, services and requests in XML and JSON', async ({ request, baseURL }) => {
		const discovery = await request.get('/open311/v2/discovery.json');
		expect(discovery.status()).toBe(200);
		expect((await discovery.json()).endpoints[0].url).toBe(`${baseURL}/open311/v2`);
		const xml = await request.get('/open311/v2/services.xml');
		expect(xml.headers()['content-type']).toBe('text/xml; charset=utf-8');
		expect(await xml.text()).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<services><service>/);
		const requests = await request.get('/open311/v2/requests.json?status=closed&page_size=5');
		const closed = await requests.json();
		expect(closed.length).toBeGreaterThan(0);
		expect(closed.every((r: { status: string }) => r.status === 'closed')).toBe(true);
	});

	test('answers errors as Open311 documents, never as HTML', async ({ request }) => {
		const missing = await request.get('/open311/v2/requests/CS-999999.xml');
		expect(missing.status()).toBe(404);
		expect(await missing.text()).toContain('<errors><error><code>404</code>');
		const unknown = await request.get('/open311/v2/nope.json');
		expect(unknown.status()).toBe(404);
		expect(await unknown.json()).toEqual([{ code: 404, description: expect.any(String) }]);
		const noKey = await request.post('/open311/v2/requests.json', {
			form: { service_code: 'POTHOLE', lat: '41.94', long: '-85.63' }
		});
		expect(noKey.status()).toBe(403);
	});

	test('an admin creates a key (shown once), it files a request, and revoking it stops it', async ({
		page,
		request
	}) => {
		const signIn = new SignInPage(page);
		await signIn.open();
		await signIn.signIn('sam.admin', 'curbside-demo');
		await page
			.getByRole('navigation', { name: 'Administration' })
			.getByRole('link', { name: 'Open311 API keys' })
			.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open311 API keys');
		await page.getByLabel('Who is it for?').fill('Revocation test');
		await page.getByRole('button', { name: 'Create key' }).click();
		const key = await page.getByLabel('New API key').inputValue();
		expect(key).toMatch(/^cs311_/);
		await expectNoAxeViolations(page);

		const post = () =>
			request.post('/open311/v2/requests.json', {
				form: {
					api_key: key,
					service_code: 'POTHOLE',
					'attribute[SIZE]': 'small',
					address_string: '200 N Main St'
				}
			});
		expect((await post()).status()).toBe(200);

		await page.reload();
		await expect(page.getByLabel('New API key')).toHaveCount(0);
		await page.getByRole('button', { name: 'Revoke the key for Revocation test' }).click();
		await expect(page.getByRole('status')).toContainText('revoked');
		expect((await post()).status()).toBe(403);
	});

	// Open311 clients are other servers and apps: they send no Origin header, and the origin check
	// (src/lib/server/auth/origin-check.ts) exempts /open311/, which authenticates by api_key.
	test('accepts a form post from a client that sends no Origin header', async ({ request }) => {
		const response = await request.post('/open311/v2/requests.json', {
			form: { service_code: 'POTHOLE', lat: '41.94', long: '-85.63' }
		});
		expect(response.status()).toBe(403);
		expect(await response.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
	});
});
