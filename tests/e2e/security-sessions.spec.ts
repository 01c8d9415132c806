/**
 * Sessions, CSRF, sign-in abuse, security headers and output escaping (issue 8), over real HTTP
 * against the built server, plus a Chromium check that HTML typed by residents and crews stays text.
 */
import crypto from 'node:crypto';
import { expect, test, type APIResponse } from '@playwright/test';
import { pullEverything, push, CAPTURED_AT } from './security/crew-sync';
import { createApiKey, DEMO_PASSWORD, signedInClient } from './security/roles';
import { startBehindProxy } from './security/second-server';
import { SignInPage } from './pages/sign-in-page';

const port = Number(process.env.E2E_PORT ?? 3100);
const XSS = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">&amp;"'`;

function cookieOf(response: APIResponse): string {
	const cookie = response
		.headersArray()
		.filter((header) => header.name.toLowerCase() === 'set-cookie')
		.map((header) => header.value)
		.find((value) => value.startsWith('curbside_session='));
	if (!cookie) throw new Error('no session cookie was set');
	return cookie;
}

test.describe('session cookies', () => {
	test('are HttpOnly, SameSite=Lax and path-wide, and not Secure over plain http', async ({
		request,
		baseURL
	}) => {
		const json = await request.post('/api/auth/signin', {
			data: { username: 'dana.crew', password: DEMO_PASSWORD }
		});
		const form = await request.post('/signin', {
			headers: { origin: baseURL ?? '', accept: 'text/html' },
			form: { username: 'dana.crew', password: DEMO_PASSWORD },
			maxRedirects: 0
		});
		expect(form.status()).toBe(303);
		for (const cookie of [cookieOf(json), cookieOf(form)]) {
			expect(cookie).toMatch(/; HttpOnly/i);
			expect(cookie).toMatch(/; SameSite=Lax/i);
			expect(cookie).toMatch(/; Path=\//i);
			expect(cookie).not.toMatch(/; Secure/i);
		}
	});

	test('are Secure when the proxy says the request came over https (and only then)', async () => {
		const server = await startBehindProxy(port + 1000, `test-results/e2e-data-${port}`);
		try {
			const signIn = (proto: string) =>
				fetch(`${server.url}/api/auth/signin`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-forwarded-proto': proto },
					body: JSON.stringify({ username: 'dana.crew', password: DEMO_PASSWORD })
				});
			const overHttps = (await signIn('https')).headers.getSetCookie().join('\n');
			expect(overHttps).toMatch(/curbside_session=.*; Secure/i);
			expect(overHttps).toMatch(/HttpOnly/i);
			const overHttp = (await signIn('http')).headers.getSetCookie().join('\n');
			expect(overHttp).toMatch(/curbside_session=/);
			expect(overHttp).not.toMatch(/Secure/i);
			// The origin check follows the protocol too: an https page's own form post is accepted.
			const crossScheme = await fetch(`${server.url}/signout`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'x-forwarded-proto': 'https',
					origin: `http://127.0.0.1:${port + 1000}`
				}
			});
			expect(crossScheme.status).toBe(403);
		} finally {
			await server.stop();
		}
	});

	test('are Secure when ORIGIN is an https address, and the origin check then expects that origin', async () => {
		const origin = 'https://curbside.example.gov';
		const server = await startBehindProxy(port + 1001, `test-results/e2e-data-${port}`, { ORIGIN: origin });
		try {
			const signIn = await fetch(`${server.url}/api/auth/signin`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username: 'dana.crew', password: DEMO_PASSWORD })
			});
			const cookie = signIn.headers.getSetCookie().join('\n');
			expect(cookie).toMatch(/curbside_session=.*; Secure/i);
			expect(cookie).toMatch(/HttpOnly/i);
			expect(cookie).toMatch(/SameSite=Lax/i);
			const post = (from: string) =>
				fetch(`${server.url}/signout`, {
					method: 'POST',
					redirect: 'manual',
					headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: from }
				});
			expect((await post(origin)).status).toBe(303);
			expect((await post(server.url)).status).toBe(403);
		} finally {
			await server.stop();
		}
	});

	test('a signed-out session stays dead, and a forged token is refused and cleared', async ({ baseURL }) => {
		const client = await signedInClient(baseURL ?? '', 'dana.crew');
		const { cookies } = await client.storageState();
		const token = cookies.find((cookie) => cookie.name === 'curbside_session')!.value;
		expect((await client.post('/api/auth/signout')).status()).toBe(204);
		const replay = await fetch(`${baseURL}/api/auth/me`, {
			headers: { cookie: `curbside_session=${token}` }
		});
		expect(replay.status).toBe(401);
		const forged = await fetch(`${baseURL}/api/auth/me`, {
			headers: { cookie: `curbside_session=${crypto.randomBytes(32).toString('base64url')}` }
		});
		expect(forged.status).toBe(401);
		// The dead cookie is cleared, so the browser stops sending it.
		expect(forged.headers.getSetCookie().join('')).toMatch(/curbside_session=;.*Max-Age=0/i);
		await client.dispose();
	});
});

test.describe('cross-site request forgery', () => {
	const evil = 'http://evil.example';

	test('cross-site form-type posts to the API and to pages are refused before anything runs', async ({
		request
	}) => {
		const cases: { path: string; type: string; body: string }[] = [
			{ path: '/api/sync/push', type: 'text/plain', body: '{"deviceId":"x","mutations":[]}' },
			{ path: '/api/dispatch/assign', type: 'application/x-www-form-urlencoded', body: 'orderId=CS-1' },
			{ path: '/api/auth/signin', type: 'text/plain;charset=UTF-8', body: '{"username":"a","password":"b"}' },
			{ path: '/api/auth/signout', type: 'multipart/form-data; boundary=x', body: '--x--' },
			{ path: '/signout', type: 'application/x-www-form-urlencoded', body: '' },
			{ path: '/signin', type: 'application/x-www-form-urlencoded', body: 'username=a&password=b' },
			{ path: '/admin/api-keys?/create', type: 'application/x-www-form-urlencoded', body: 'label=x' }
		];
		for (const { path, type, body } of cases) {
			for (const origin of [evil, 'null', undefined]) {
				const response = await request.post(path, {
					headers: { 'content-type': type, ...(origin ? { origin } : {}) },
					data: body,
					maxRedirects: 0
				});
				expect(response.status(), `${path} ${type} from ${origin}`).toBe(403);
			}
		}
	});

	test('the JSON API takes only application/json, which a cross-site page cannot send without CORS', async ({
		request,
		baseURL
	}) => {
		const crew = await signedInClient(baseURL ?? '', 'dana.crew');
		// Same origin but a form content type: still no, the API reads JSON only.
		for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
			const response = await crew.post('/api/sync/push', {
				headers: { 'content-type': type, origin: baseURL ?? '' },
				data: JSON.stringify({ deviceId: crypto.randomUUID(), mutations: [] })
			});
			expect(response.status(), type).toBe(415);
			expect(await response.json()).toEqual({ error: expect.any(String) });
		}
		// The preflight a browser sends first gets no CORS grant, so the browser never sends the POST.
		const preflight = await request.fetch('/api/sync/push', {
			method: 'OPTIONS',
			headers: {
				origin: 'http://evil.example',
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'content-type'
			}
		});
		expect(preflight.headers()['access-control-allow-origin']).toBeUndefined();
		expect(preflight.headers()['access-control-allow-credentials']).toBeUndefined();
		await crew.dispose();
	});
});

test.describe('sign-in abuse', () => {
	test('an unknown user and a wrong password get identical answers, in JSON and on the form', async ({
		request,
		baseURL
	}) => {
		const json = (username: string) =>
			request.post('/api/auth/signin', { data: { username, password: 'nope-nope' } });
		const [wrong, unknown] = [await json('marcus.crew'), await json('marcus.crew.nobody')];
		expect(wrong.status()).toBe(401);
		expect(unknown.status()).toBe(wrong.status());
		expect(await unknown.text()).toBe(await wrong.text());
		const form = (username: string) =>
			request.post('/signin', {
				headers: { origin: baseURL ?? '', accept: 'application/json', 'x-sveltejs-action': 'true' },
				form: { username, password: 'nope-nope' }
			});
		const [formWrong, formUnknown] = [await form('tom.crew'), await form('tom.crew.nobody')];
		expect(formUnknown.status()).toBe(formWrong.status());
		const strip = (text: string) => text.replaceAll('tom.crew.nobody', 'NAME').replaceAll('tom.crew', 'NAME');
		expect(strip(await formUnknown.text())).toBe(strip(await formWrong.text()));
	});

	test('repeated failures for one name back off with 429 and Retry-After, existing or not', async ({
		request
	}) => {
		const attempt = (username: string, password: string) =>
			request.post('/api/auth/signin', { data: { username, password } });
		for (const username of ['aisha.crew', 'aisha.crew.ghost']) {
			const statuses: number[] = [];
			for (let n = 0; n < 5; n++) statuses.push((await attempt(username, `wrong-${n}`)).status());
			expect(statuses, username).toEqual([401, 401, 401, 401, 401]);
			// Each further failure doubles the wait (1 s, 2 s, 4 s...): keep failing until it bites.
			let throttled: APIResponse | undefined;
			for (let n = 5; n < 12 && !throttled; n++) {
				const response = await attempt(username, `wrong-${n}`);
				expect([401, 429], username).toContain(response.status());
				if (response.status() === 429) throttled = response;
			}
			expect(throttled, `${username} was never throttled`).toBeDefined();
			expect(Number(throttled!.headers()['retry-after'])).toBeGreaterThan(0);
			expect((await throttled!.json()).error).toMatch(/Too many failed sign-ins/);
			if (username === 'aisha.crew') {
				// While the back-off lasts even the right password waits: guessing gains nothing.
				const right = await attempt(username, DEMO_PASSWORD);
				expect(right.status()).toBe(429);
			}
		}
	});
});

test.describe('security headers', () => {
	const paths = [
		'/signin',
		'/crew',
		'/favicon.svg',
		'/manifest.webmanifest',
		'/service-worker.js',
		'/api/auth/me',
		'/open311/v2/services.xml',
		'/open311/v2/discovery.json',
		'/no-such-page',
		'/supervisor'
	];

	test('every kind of response carries nosniff, a referrer policy and frame-ancestors none', async ({
		request
	}) => {
		const shell = await request.get('/crew');
		const asset = /\/_app\/immutable\/[^"]+\.js/.exec(await shell.text())?.[0];
		expect(asset).toBeTruthy();
		for (const path of [...paths, asset!]) {
			const response = await request.get(path, { maxRedirects: 0 });
			const headers = response.headers();
			const label = `${path} (${response.status()})`;
			expect(headers['x-content-type-options'], label).toBe('nosniff');
			expect(headers['referrer-policy'], label).toBe('same-origin');
			expect(headers['content-security-policy'], label).toContain("frame-ancestors 'none'");
			expect(headers['x-frame-options'], label).toBe('DENY');
		}
	});

	test('pages forbid inline scripts: hashes or nonces only, and none at all for other origins', async ({
		request,
		baseURL
	}) => {
		const signIn = await request.get('/signin');
		const csp = signIn.headers()['content-security-policy'] ?? '';
		const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
		expect(scriptSrc).toContain("'self'");
		expect(scriptSrc).not.toContain("'unsafe-inline'");
		expect(scriptSrc).not.toContain("'unsafe-eval'");
		expect(scriptSrc).toMatch(/'(nonce|sha256)-/);
		expect(csp).toContain("object-src 'none'");
		expect(csp).toContain("base-uri 'self'");
		expect(csp).toContain("form-action 'self'");
		// The prerendered crew shell states its policy in a meta tag (hash of its bootstrap script).
		const shell = await (await request.get('/crew')).text();
		const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(shell)?.[1] ?? '';
		expect(meta).toMatch(/script-src 'self' 'sha256-/);
		expect(meta).not.toMatch(/script-src[^;]*'unsafe-inline'/);
		expect(baseURL).toBeTruthy();
	});
});

test.describe('text stays text', () => {
	test('HTML in a description and a note comes back escaped in Open311 XML and as plain strings in JSON', async ({
		baseURL
	}) => {
		const admin = await signedInClient(baseURL ?? '', 'sam.admin');
		const key = await createApiKey(admin, baseURL ?? '', 'XSS probe');
		const filed = await admin.post('/open311/v2/requests.json', {
			form: {
				api_key: key,
				service_code: 'POTHOLE',
				'attribute[SIZE]': 'small',
				lat: '41.9436',
				long: '-85.6325',
				description: XSS
			}
		});
		expect(filed.status(), await filed.text()).toBe(200);
		const id = ((await filed.json()) as { service_request_id: string }[])[0]?.service_request_id;
		const xml = await (await admin.get(`/open311/v2/requests/${id}.xml`)).text();
		expect(xml).not.toContain('<script>');
		expect(xml).not.toContain('<img');
		expect(xml).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
		const [asJson] = (await (await admin.get(`/open311/v2/requests/${id}.json`)).json()) as {
			description: string;
		}[];
		expect(asJson?.description).toBe(XSS);
		await admin.dispose();
	});

	test('the crew order page shows HTML from residents and crews as text', async ({ page, baseURL }) => {
		const crew = await signedInClient(baseURL ?? '', 'marcus.crew');
		const orders = await pullEverything(crew);
		const order = orders.orders.find((candidate) => candidate.status === 'assigned') ?? orders.orders[0]!;
		const noted = await push(crew, crypto.randomUUID(), [
			{
				id: 1,
				name: 'addNote',
				args: { orderId: order.id, noteId: crypto.randomUUID(), body: XSS },
				capturedAt: CAPTURED_AT()
			}
		]);
		expect(noted.body.results[0]?.outcome).toBe('applied');
		const xml = await (await crew.get(`/open311/v2/requests/${order.id}.xml?extensions=true`)).text();
		expect(xml).not.toContain('<script>window');
		await crew.dispose();

		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		const signIn = new SignInPage(page);
		await signIn.open();
		await signIn.signIn('marcus.crew', DEMO_PASSWORD);
		// The first sync fills the device's store; then the order opens from it.
		const link = page.locator(`a[href$="/crew/orders/${order.id}"]`).first();
		await expect(link).toBeVisible({ timeout: 30_000 });
		await link.click();
		await expect(page.getByText('window.__pwned=1', { exact: false }).first()).toBeVisible({
			timeout: 30_000
		});
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
		expect(await page.locator('main img[src="x"]').count()).toBe(0);
		expect(dialogs).toEqual([]);
	});

	test('the console’s review page shows HTML from a crew’s field report and closing note as text', async ({
		page,
		baseURL
	}) => {
		// Tom's crew (Sanitation) is outside the Public Works review the console-review spec works on.
		const crew = await signedInClient(baseURL ?? '', 'tom.crew');
		const orderId = crypto.randomUUID();
		const description = `${XSS} field report ${orderId.slice(0, 8)}`;
		const closing = `${XSS} closing note ${orderId.slice(0, 8)}`;
		const sent = await push(crew, crypto.randomUUID(), [
			{
				id: 1,
				name: 'reportProblem',
				args: { orderId, serviceCode: 'POTHOLE', lat: 41.9352, long: -85.6588, description },
				capturedAt: CAPTURED_AT()
			},
			{
				id: 2,
				name: 'closeOrder',
				args: { orderId, resolutionCode: 'no_problem_found', notes: closing },
				capturedAt: CAPTURED_AT()
			}
		]);
		expect(sent.body.results.map((result) => result.outcome)).toEqual(['applied', 'applied']);
		await crew.dispose();

		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		const signIn = new SignInPage(page);
		await signIn.open();
		await signIn.signIn('grace.supervisor', DEMO_PASSWORD);
		await expect(page).toHaveURL(/\/supervisor/);
		await page.goto('/supervisor/review');
		await expect(page.getByText(`field report ${orderId.slice(0, 8)}`).first()).toBeVisible({
			timeout: 30_000
		});
		await expect(page.getByText(`closing note ${orderId.slice(0, 8)}`).first()).toBeVisible();
		await expect(page.getByText('<script>window.__pwned=1</script>', { exact: false }).first()).toBeVisible();
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
		expect(await page.locator('main img[src="x"]').count()).toBe(0);
		expect(dialogs).toEqual([]);
	});
});
