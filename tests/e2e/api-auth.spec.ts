import { expect, test } from '@playwright/test';

test.describe('JSON sign-in API', () => {
	test('signs in, reports the user, and signs out', async ({ request }) => {
		const signIn = await request.post('/api/auth/signin', {
			data: { username: 'DANA.CREW', password: 'curbside-demo' }
		});
		expect(signIn.status()).toBe(200);
		const body = await signIn.json();
		expect(body.user).toMatchObject({ username: 'dana.crew', role: 'crew' });
		expect(body.user.password_hash).toBeUndefined();
		expect((await (await request.get('/api/auth/me')).json()).user.username).toBe('dana.crew');
		expect((await request.post('/api/auth/signout')).status()).toBe(204);
		expect((await request.get('/api/auth/me')).status()).toBe(401);
	});

	test('refuses bad input with a clear JSON error, never a 500', async ({ request, baseURL }) => {
		// Sent as the app's own pages would send them: same origin.
		const origin = { origin: baseURL ?? '' };
		const cases = [
			{ headers: { 'content-type': 'application/json' }, data: '{"username": "x", ' },
			{ headers: { 'content-type': 'text/plain' }, data: 'username=x' },
			{
				headers: { 'content-type': 'application/json' },
				data: JSON.stringify({ username: 42, password: ['x'] })
			},
			{
				headers: { 'content-type': 'application/json' },
				data: JSON.stringify({ username: 'a'.repeat(10_000), password: 'x' })
			},
			{
				headers: { 'content-type': 'application/json' },
				data: JSON.stringify({ username: 'crew\u0000dana', password: 'x' })
			},
			{ headers: { 'content-type': 'application/json' }, data: 'null' }
		];
		for (const { headers, data } of cases) {
			const response = await request.post('/api/auth/signin', { headers: { ...headers, ...origin }, data });
			expect(response.status(), data).toBeGreaterThanOrEqual(400);
			expect(response.status(), data).toBeLessThan(500);
			expect(typeof (await response.json()).error, data).toBe('string');
		}
	});

	test('a cross-site form post is refused by the origin check', async ({ request }) => {
		const response = await request.post('/api/auth/signin', {
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
			data: 'username=dana.crew&password=curbside-demo'
		});
		expect(response.status()).toBe(403);
	});

	test('a wrong password is a 401 with the same message as an unknown user', async ({ request }) => {
		const wrong = await request.post('/api/auth/signin', {
			data: { username: 'dana.crew', password: 'nope' }
		});
		const unknown = await request.post('/api/auth/signin', {
			data: { username: 'no.such.person', password: 'nope' }
		});
		expect(wrong.status()).toBe(401);
		expect(unknown.status()).toBe(401);
		expect(await wrong.json()).toEqual(await unknown.json());
	});

	test('anonymous API calls get 401 JSON, not a redirect', async ({ request }) => {
		const response = await request.get('/api/auth/me', { maxRedirects: 0 });
		expect(response.status()).toBe(401);
		expect(await response.json()).toEqual({ error: 'Sign in first.' });
	});

	test('responses carry the security headers', async ({ request }) => {
		const response = await request.get('/signin');
		const headers = response.headers();
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
		expect(headers['content-security-policy']).not.toContain("script-src 'self' 'unsafe-inline'");
	});
});

test('static files and the prerendered crew shell carry the baseline security headers too', async ({
	request
}) => {
	for (const path of ['/crew', '/favicon.svg']) {
		const headers = (await request.get(path)).headers();
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['x-frame-options'], path).toBe('DENY');
		expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
	}
});
