/** Whatever a client sends, the answer is an Open311 document with a 4xx, never a 500. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type Open311World } from '../open311/harness';
import { testBackends } from './backends';

for (const backend of testBackends()) {
	describe(`Open311 robustness (${backend.name})`, () => {
		let world: Open311World;
		beforeEach(async () => {
			world = await createWorld(backend, { rateLimit: { limit: 3, windowSeconds: 60 } });
		});
		afterEach(async () => world.close());

		const form = 'application/x-www-form-urlencoded';
		const badBodies: { name: string; body: BodyInit; type?: string }[] = [
			{ name: 'JSON body', body: '{"service_code":"POTHOLE"}', type: 'application/json' },
			{ name: 'no content type', body: 'service_code=POTHOLE' },
			{ name: 'invalid UTF-8 bytes', body: new Uint8Array([0x61, 0x3d, 0xff, 0xfe]), type: form },
			{ name: 'invalid percent-encoded UTF-8', body: 'description=%C3%28&service_code=POTHOLE', type: form },
			{
				name: 'broken multipart',
				body: '--x\r\nContent-Disposition: form-data\r\n',
				type: 'multipart/form-data; boundary=x'
			},
			{ name: 'multipart without boundary', body: 'abc', type: 'multipart/form-data' },
			{ name: 'huge body', body: `description=${'a'.repeat(2 * 1024 * 1024)}`, type: form },
			{ name: 'NUL in a field', body: 'service_code=POT%00HOLE&lat=1&long=1', type: form },
			{ name: 'repeated field', body: 'service_code=POTHOLE&service_code=TREE&lat=1&long=1', type: form }
		];

		for (const { name, body, type } of badBodies) {
			it(`answers a ${name} with an Open311 400`, async () => {
				const headers: Record<string, string> = type ? { 'content-type': type } : {};
				const withKey = typeof body === 'string' && type === form ? `${body}&api_key=${world.apiKey}` : body;
				const response = await world.post('requests.json', withKey, headers);
				expect(response.status).toBeGreaterThanOrEqual(400);
				expect(response.status).toBeLessThan(500);
				const errors = await response.json();
				expect(Array.isArray(errors)).toBe(true);
				expect(typeof errors[0].description).toBe('string');
			});
		}

		it('answers unknown paths, missing suffixes and wrong methods in Open311 form', async () => {
			const unknown = await world.get('nothing.xml');
			expect(unknown.status).toBe(404);
			expect(unknown.headers.get('content-type')).toBe('text/xml; charset=utf-8');
			expect((await world.get('services', { accept: 'application/json' })).status).toBe(404);
			const wrongMethod = await world.post('services.json', '', { 'content-type': form });
			expect(wrongMethod.status).toBe(405);
			expect(wrongMethod.headers.get('allow')).toBe('GET');
			expect((await world.get('requests/%E0%A4%A.json')).status).toBe(400);
			for (const path of ['requests/CS%00.json', 'services/A%00.xml', 'tokens/%00.json']) {
				expect((await world.get(path)).status, path).toBe(404);
			}
		});

		it('limits POSTs per key with 429 and Retry-After, counted in the database', async () => {
			const statuses: number[] = [];
			for (let i = 0; i < 4; i++) {
				statuses.push((await world.postForm('requests.json', { api_key: world.apiKey })).status);
			}
			expect(statuses).toEqual([400, 400, 400, 429]);
			const limited = await world.postForm('requests.json', { api_key: world.apiKey });
			expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
			expect((await limited.json())[0].code).toBe(429);
			// Reads are not limited.
			expect((await world.get('services.json')).status).toBe(200);
		});
	});
}
