/**
 * The authorization matrix (issue 8): every route in src/routes × every method × six callers,
 * over real HTTP against the built server, so hooks, the policy table and the endpoints all answer.
 * Then object-level checks: crew A cannot read or change crew B's orders, notes or photos.
 */
import crypto from 'node:crypto';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { TINY_JPEG } from '../fixtures/images';
import { CAPTURED_AT, pullEverything, push, uploadPhoto } from './security/crew-sync';
import { ROUTE_EXPECTATIONS, type Probe } from './security/route-expectations';
import { ACCOUNTS, callers, EVERYONE, signedInClient, type Callers, type Who } from './security/roles';
import { routeKey, sourceRoutes } from './security/routes';

let who: Callers;
const devices = Object.fromEntries(EVERYONE.map((caller) => [caller, crypto.randomUUID()])) as Record<
	Who,
	string
>;

test.beforeAll(async ({ baseURL }) => {
	who = await callers(baseURL ?? '');
});
test.afterAll(async () => who?.dispose());

test('every route in the source tree has a row of expectations, and every row a route', () => {
	const routes = sourceRoutes();
	const known = new Set(Object.keys(ROUTE_EXPECTATIONS));
	const unknown = routes.map(routeKey).filter((key) => !known.has(key));
	expect(
		unknown,
		'routes without expectations: add them to tests/e2e/security/route-expectations.ts'
	).toEqual([]);
	const stale = [...known].filter((key) => !routes.some((route) => routeKey(route) === key));
	expect(stale, 'expectations for routes that no longer exist').toEqual([]);
	for (const route of routes) {
		const probed = new Set(ROUTE_EXPECTATIONS[routeKey(route)]!.map((probe) => probe.method));
		for (const method of route.methods) {
			const needed = method === ('fallback' as string) ? 'OTHER' : method;
			expect(probed.has(needed), `${routeKey(route)} ${method} has no probe`).toBe(true);
		}
		// Each form action of a page is a state-changing request of its own: each gets a probe.
		const posts = ROUTE_EXPECTATIONS[routeKey(route)]!.filter((probe) => probe.method === 'POST');
		for (const action of route.actions) {
			const probedAction = posts.some((probe) =>
				action === 'default' ? !probe.path.includes('?/') : probe.path.endsWith(`?/${action}`)
			);
			expect(probedAction, `${routeKey(route)} action ${action} has no probe`).toBe(true);
		}
	}
	// Re-counted at the end of the session; docs/security.md quotes it.
	console.log(`[security] matrix covers ${routes.length} routes`);
});

for (const [key, probes] of Object.entries(ROUTE_EXPECTATIONS)) {
	test(`matrix: ${key}`, async ({ baseURL }) => {
		for (const probe of probes) {
			for (const caller of EVERYONE) {
				const response = await send(caller, probe, baseURL ?? '');
				const label = `${caller} ${probe.method} ${probe.path} → ${response.status}`;
				expect(response.status, label).toBeLessThan(500);
				if (probe.allow.includes(caller)) expectAllowed(response, probe, caller, label);
				else expectDenied(response, probe, caller, label);
			}
		}
	});
}

/** The status and headers of an endless response, read with Node's fetch and then cut off. */
async function sendStream(caller: Who, probe: Probe, baseURL: string): Promise<Verdict> {
	const { cookies } = await who.client[caller].storageState();
	const cookie = cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
	const suffix = caller === 'apiKey' ? `?api_key=${who.apiKey}` : '';
	const abort = new AbortController();
	const response = await fetch(`${baseURL}${probe.path}${suffix}`, {
		headers: cookie ? { cookie } : {},
		redirect: 'manual',
		signal: abort.signal
	});
	const type = response.headers.get('content-type') ?? '';
	const body = type.includes('json') ? await response.json() : undefined;
	abort.abort();
	return { status: response.status, location: response.headers.get('location') ?? '', body };
}

interface Verdict {
	status: number;
	location: string;
	body: unknown;
}

async function verdictOf(response: APIResponse): Promise<Verdict> {
	const type = response.headers()['content-type'] ?? '';
	return {
		status: response.status(),
		location: response.headers().location ?? '',
		body: type.includes('json') ? await response.json().catch(() => undefined) : undefined
	};
}

async function send(caller: Who, probe: Probe, baseURL: string): Promise<Verdict> {
	if (probe.stream) return sendStream(caller, probe, baseURL);
	const fresh = probe.endsSession && caller in ACCOUNTS;
	const client = fresh
		? await signedInClient(baseURL, ACCOUNTS[caller as keyof typeof ACCOUNTS])
		: who.client[caller];
	try {
		let path = probe.path.replace('{device}', devices[caller]);
		const form = probe.form ? { ...probe.form } : undefined;
		if (caller === 'apiKey') {
			path += `${path.includes('?') ? '&' : '?'}api_key=${who.apiKey}`;
			if (form) form.api_key = who.apiKey;
		}
		const method = probe.method === 'OTHER' ? 'DELETE' : probe.method;
		const response = await client.fetch(path, {
			method,
			maxRedirects: 0,
			// Same-origin, as the app's own pages send them (CSRF is tested on its own); a form post
			// asks for HTML as a browser's does (otherwise SvelteKit answers with a JSON action result).
			headers: { origin: baseURL, ...(form ? { accept: 'text/html' } : {}) },
			...(probe.json !== undefined ? { data: probe.json } : {}),
			...(form ? { form } : {})
		});
		return await verdictOf(response);
	} finally {
		if (fresh) await client.dispose();
	}
}

function expectAllowed(response: Verdict, probe: Probe, caller: Who, label: string) {
	const status = response.status;
	const exact = probe.allowedStatus?.[caller];
	if (exact !== undefined) {
		expect(status, label).toBe(exact);
		return;
	}
	expect([401, 403], label).not.toContain(status);
	expect(response.location, label).not.toMatch(/^\/signin\?next=/);
}

function expectDenied(response: Verdict, probe: Probe, caller: Who, label: string) {
	const status = response.status;
	if (probe.open311) {
		if (probe.method === 'OTHER') expect(status, label).toBe(405);
		else expect(status, label).toBe(403);
		expect(response.body, label).toEqual([{ code: status, description: expect.any(String) }]);
		return;
	}
	const signedOut = caller === 'anonymous' || caller === 'apiKey';
	const isApi = probe.path.startsWith('/api/');
	if (isApi) {
		expect(status, label).toBe(signedOut ? 401 : 403);
		if (probe.method !== 'HEAD') expect(response.body, label).toEqual({ error: expect.any(String) });
	} else if (signedOut) {
		expect(status, label).toBe(303);
		expect(response.location, label).toMatch(/^\/signin\?next=/);
	} else {
		expect(status, label).toBe(403);
	}
}

test('other spellings of a guarded path are refused too (deny by default)', async ({ baseURL }) => {
	// Encoded letters, doubled or trailing slashes, dot segments and SvelteKit's data URLs.
	const spellings = [
		'/admin/',
		'//admin',
		'/%61dmin',
		'/admin%2Fusers',
		'/admin/users/__data.json',
		'/supervisor/__data.json?x-sveltekit-invalidated=1',
		'/_app/%2e%2e/admin',
		'/open311/..%2F..%2Fadmin',
		'/api/%73ync/pull?deviceId=x',
		'/api//sync/pull?deviceId=x',
		'/api/console/orders/'
	];
	for (const caller of ['anonymous', 'crewA'] as const) {
		for (const path of spellings) {
			const response = await who.client[caller].get(`${baseURL}${path}`, { maxRedirects: 0 });
			const label = `${caller} ${path} → ${response.status()}`;
			if (path.includes('__data.json') && response.status() === 200) {
				// SvelteKit answers a data request's redirect or error as JSON: it must carry no data.
				const body = (await response.json()) as { type?: string; location?: string; status?: number };
				expect(body.type, `${label}: ${JSON.stringify(body)}`).toMatch(/^(redirect|error)$/);
				if (body.type === 'redirect') expect(body.location, label).toMatch(/^\/signin\?next=/);
				continue;
			}
			expect([303, 401, 403, 404, 308], label).toContain(response.status());
			if ([303, 308].includes(response.status()))
				expect(response.headers().location ?? '', label).toMatch(
					/^\/signin\?next=|^\/admin\/?$|^\/api\/console\/orders$/
				);
		}
	}
});

test.describe('object level: crew A and crew B', () => {
	test('a pull returns only the caller’s own crew’s orders, notes and photos', async () => {
		const a = await pullEverything(who.client.crewA);
		const b = await pullEverything(who.client.crewB);
		expect(a.orders.length).toBeGreaterThan(0);
		expect(b.orders.length).toBeGreaterThan(0);
		const aIds = new Set(a.orders.map((order) => order.id));
		expect(b.orders.filter((order) => aIds.has(order.id))).toEqual([]);
		const bIds = new Set(b.orders.map((order) => order.id));
		expect(a.notes.filter((note) => bIds.has(note.orderId))).toEqual([]);
		expect(a.photos.filter((photo) => bIds.has(photo.orderId))).toEqual([]);
	});

	test('crew A’s pushes on crew B’s order are refused and change nothing', async () => {
		const b = await pullEverything(who.client.crewB);
		const target = b.orders.find((order) => order.status === 'assigned') ?? b.orders[0]!;
		const device = crypto.randomUUID();
		const attempt = await push(who.client.crewA, device, [
			{ id: 1, name: 'startWork', args: { orderId: target.id }, capturedAt: CAPTURED_AT() },
			{
				id: 2,
				name: 'addNote',
				args: { orderId: target.id, noteId: crypto.randomUUID(), body: 'Not my order' },
				capturedAt: CAPTURED_AT()
			}
		]);
		expect(attempt.status).toBe(200);
		expect(attempt.body.results.map((result) => result.outcome)).toEqual(['refused', 'refused']);
		const after = await pullEverything(who.client.crewB);
		const again = after.orders.find((order) => order.id === target.id);
		expect(again).toEqual(target);
		expect(after.notes.filter((note) => note.orderId === target.id)).toEqual(
			b.notes.filter((note) => note.orderId === target.id)
		);
	});

	test('crew B’s photo is 404 to crew A and signed-out callers, visible to B and staff', async ({
		baseURL
	}) => {
		const b = await pullEverything(who.client.crewB);
		const order = b.orders[0]!;
		const bytes = new Uint8Array(TINY_JPEG);
		bytes[bytes.length - 3] = crypto.randomInt(256);
		const sha = await uploadPhoto(who.client.crewB, bytes);
		const attach = await push(who.client.crewB, crypto.randomUUID(), [
			{
				id: 1,
				name: 'addPhoto',
				args: { orderId: order.id, linkId: crypto.randomUUID(), sha256: sha, kind: 'other' },
				capturedAt: CAPTURED_AT()
			}
		]);
		expect(attach.body.results[0]?.outcome).toBe('applied');
		const status = async (client: APIRequestContext, query = '') =>
			(await client.get(`/api/photos/${sha}${query}`)).status();
		expect(await status(who.client.crewB)).toBe(200);
		expect(await status(who.client.supervisor)).toBe(200);
		expect(await status(who.client.crewA)).toBe(404);
		expect(await status(who.client.anonymous)).toBe(401);
		expect(await status(who.client.apiKey, `?api_key=${who.apiKey}`)).toBe(401);
		// Nor does the upload's own name leak it through the sync pull of crew A.
		const a = await pullEverything(who.client.crewA);
		expect(a.photos.some((photo) => photo.sha256 === sha)).toBe(false);
		expect(baseURL).toBeTruthy();
	});

	test('an API key authenticates nothing outside /open311', async () => {
		for (const path of ['/api/auth/me', '/api/sync/pull?deviceId=x', '/supervisor', '/admin']) {
			const response = await who.client.apiKey.get(
				`${path}${path.includes('?') ? '&' : '?'}api_key=${who.apiKey}`,
				{
					maxRedirects: 0
				}
			);
			expect([401, 303], path).toContain(response.status());
		}
	});
});
