import crypto from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { PullResponse, PushResponse } from '../../src/lib/domain/sync/protocol';
import { TINY_PNG } from '../fixtures/images';

/** The sync API over real HTTP against the real server (docs/sync-spec.md). */

async function signIn(request: APIRequestContext, username = 'dana.crew'): Promise<void> {
	const response = await request.post('/api/auth/signin', { data: { username, password: 'curbside-demo' } });
	expect(response.status()).toBe(200);
}

/** A real PNG no other test uploads: bytes after IEND do not change the picture, only the hash. */
function uniquePhoto(): { bytes: Buffer; sha256: string } {
	const bytes = Buffer.concat([Buffer.from(TINY_PNG), crypto.randomBytes(2048)]);
	return { bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

async function pullEverything(request: APIRequestContext, deviceId: string, cursor = '') {
	const orders: PullResponse['orders'] = [];
	let pages = 0;
	for (;;) {
		const response = await request.get(`/api/sync/pull?deviceId=${deviceId}&cursor=${cursor}&limit=50`);
		expect(response.status()).toBe(200);
		const page = (await response.json()) as PullResponse;
		orders.push(...page.orders);
		cursor = page.cursor;
		pages++;
		if (!page.more) return { orders, cursor, pages, last: page };
	}
}

test.describe('sync API', () => {
	test('[S7][S3][S14] uploads a photo in resumed pieces, pushes work once, and pulls it back', async ({
		request
	}) => {
		await signIn(request);
		const deviceId = crypto.randomUUID();
		const first = await pullEverything(request, deviceId);
		const order = first.orders.find((o) => o.status === 'assigned');
		expect(order, 'the demo crew has an assigned order').toBeDefined();
		const orderId = order?.id ?? '';

		const { bytes, sha256 } = uniquePhoto();
		const url = `/api/photos/${sha256}`;
		expect((await request.fetch(url, { method: 'HEAD' })).status()).toBe(404);
		const put = (offset: number, piece: Buffer) =>
			request.put(url, {
				headers: { 'content-type': 'application/octet-stream', 'upload-offset': String(offset) },
				data: piece
			});
		const half = 1000;
		expect(await (await put(0, bytes.subarray(0, half))).json()).toEqual({ received: half, complete: false });
		const head = await request.fetch(url, { method: 'HEAD' });
		expect(head.headers()['upload-offset']).toBe(String(half));
		expect(head.headers()['upload-complete']).toBeUndefined();
		// A piece sent from the wrong place is refused with where to resume.
		const wrong = await put(10, bytes.subarray(10));
		expect(wrong.status()).toBe(409);
		expect(await wrong.json()).toMatchObject({ error: expect.any(String), offset: half });
		expect(await (await put(half, bytes.subarray(half))).json()).toEqual({
			received: bytes.length,
			complete: true
		});
		const done = await request.fetch(url, { method: 'HEAD' });
		expect(done.headers()).toMatchObject({ 'upload-offset': String(bytes.length), 'upload-complete': '1' });

		const linkId = crypto.randomUUID();
		const capturedAt = new Date().toISOString();
		const mutations = [
			{ id: 1, name: 'startWork', args: { orderId }, capturedAt },
			{ id: 2, name: 'addPhoto', args: { linkId, orderId, sha256, kind: 'before' }, capturedAt },
			{ id: 3, name: 'addNote', args: { noteId: crypto.randomUUID(), orderId, body: 'On site' }, capturedAt }
		];
		const push = await request.post('/api/sync/push', { data: { deviceId, mutations } });
		expect(push.status()).toBe(200);
		expect(((await push.json()) as PushResponse).results.map((r) => r.outcome)).toEqual([
			'applied',
			'applied',
			'applied'
		]);
		const resend = await request.post('/api/sync/push', { data: { deviceId, mutations } });
		expect(await resend.json()).toMatchObject({
			lastMutationId: 3,
			results: [{ outcome: 'duplicate' }, {}, {}]
		});

		const next = await pullEverything(request, deviceId, first.cursor);
		expect(next.orders.map((o) => o.id)).toEqual([orderId]);
		expect(next.orders[0]?.status).toBe('in_progress');
		expect(next.last.lastMutationId).toBe(3);
		const photo = await request.get(url);
		expect(photo.status()).toBe(200);
		expect(Buffer.compare(await photo.body(), bytes)).toBe(0);
	});

	test('[S5] a gap is a 409 with the last applied id', async ({ request }) => {
		await signIn(request);
		const deviceId = crypto.randomUUID();
		const capturedAt = new Date().toISOString();
		const response = await request.post('/api/sync/push', {
			data: {
				deviceId,
				mutations: [{ id: 2, name: 'recordLocation', args: { lat: 41.9, long: -85.6 }, capturedAt }]
			}
		});
		expect(response.status()).toBe(409);
		expect(await response.json()).toEqual({ error: expect.any(String), lastMutationId: 0 });
	});

	test('[S4][S7] bad input gets a 4xx JSON error, never a 500', async ({ request, baseURL }) => {
		await signIn(request);
		const deviceId = crypto.randomUUID();
		// Sent as the app itself sends them: same origin (a text/plain post from elsewhere is refused as CSRF).
		const origin = baseURL ?? '';
		const json = { 'content-type': 'application/json', origin };
		const capturedAt = new Date().toISOString();
		const note = (id: number) => ({ id, name: 'addNote', args: {}, capturedAt });
		const pushes = [
			{ headers: json, data: '{"deviceId": ' },
			{ headers: { 'content-type': 'text/plain', origin }, data: '{}' },
			{ headers: json, data: 'null' },
			{ headers: json, data: JSON.stringify({ deviceId: 42, mutations: {} }) },
			{ headers: json, data: JSON.stringify({ deviceId, mutations: [{ id: 'one' }] }) },
			{ headers: json, data: JSON.stringify({ deviceId, mutations: [{ id: 1.5, name: 'x' }] }) },
			{
				headers: json,
				data: JSON.stringify({ deviceId, mutations: Array.from({ length: 600 }, (_, i) => note(i + 1)) })
			},
			{ headers: json, data: JSON.stringify({ deviceId, mutations: [], pad: 'x'.repeat(5_000_000) }) }
		];
		for (const { headers, data } of pushes) {
			const response = await request.post('/api/sync/push', { headers, data });
			expect(response.status(), data.slice(0, 80)).toBeGreaterThanOrEqual(400);
			expect(response.status(), data.slice(0, 80)).toBeLessThan(500);
			expect(typeof (await response.json()).error).toBe('string');
		}
		const pulls = [
			`/api/sync/pull?deviceId=nope`,
			`/api/sync/pull?deviceId=${deviceId}&cursor=zzz`,
			`/api/sync/pull?deviceId=${deviceId}&limit=-5`,
			`/api/sync/pull?deviceId=${deviceId}&limit=99999`
		];
		for (const url of pulls) {
			const response = await request.get(url);
			expect(response.status(), url).toBe(400);
			expect(typeof (await response.json()).error).toBe('string');
		}
		const octet = { 'content-type': 'application/octet-stream' };
		const notAnImage = Buffer.from('just some text, not a photo');
		const textHash = crypto.createHash('sha256').update(notAnImage).digest('hex');
		const puts = [
			{ url: '/api/photos/NOT-A-HASH', headers: { ...octet, 'upload-offset': '0' }, status: 400 },
			{ url: `/api/photos/${'a'.repeat(64)}`, headers: octet, status: 400 },
			{ url: `/api/photos/${'a'.repeat(64)}`, headers: { ...octet, 'upload-offset': '-1' }, status: 400 },
			{
				url: `/api/photos/${'a'.repeat(64)}`,
				headers: { 'content-type': 'image/png', 'upload-offset': '0' },
				status: 415
			},
			{ url: `/api/photos/${textHash}`, headers: { ...octet, 'upload-offset': '0' }, status: 415 }
		];
		for (const { url, headers, status } of puts) {
			const response = await request.put(url, { headers, data: notAnImage });
			expect(response.status(), `${url} ${JSON.stringify(headers)}`).toBe(status);
			expect(typeof (await response.json()).error).toBe('string');
		}
	});

	test('[S17] sync is for crews: anonymous is 401, a supervisor 403, both as JSON', async ({ request }) => {
		const deviceId = crypto.randomUUID();
		const anonymous = await request.get(`/api/sync/pull?deviceId=${deviceId}`);
		expect(anonymous.status()).toBe(401);
		expect(typeof (await anonymous.json()).error).toBe('string');
		await signIn(request, 'rosa.supervisor');
		const supervisor = await request.post('/api/sync/push', { data: { deviceId, mutations: [] } });
		expect(supervisor.status()).toBe(403);
		expect(typeof (await supervisor.json()).error).toBe('string');
		expect((await request.get(`/api/photos/${'b'.repeat(64)}`)).status()).toBe(404);
	});
});
