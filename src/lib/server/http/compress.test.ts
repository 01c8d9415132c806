import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipJsonIfAccepted } from './compress';

const big = { orders: Array.from({ length: 200 }, (_, i) => ({ id: `CS-${i}`, status: 'open' })) };
const request = (acceptEncoding?: string) =>
	new Request('http://127.0.0.1/api/sync/pull', {
		headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}
	});

describe('gzipJsonIfAccepted', () => {
	it('gzips a large JSON answer for a client that accepts gzip, and the bytes inflate to the same JSON', async () => {
		const original = Response.json(big, { headers: { 'set-cookie': 'a=1' } });
		const plainLength = JSON.stringify(big).length;
		const answer = gzipJsonIfAccepted(request('gzip, deflate, br'), original);
		expect(answer.headers.get('content-encoding')).toBe('gzip');
		expect(answer.headers.get('content-length')).toBeNull();
		expect(answer.headers.get('vary')).toContain('Accept-Encoding');
		expect(answer.headers.get('set-cookie')).toBe('a=1');
		const bytes = Buffer.from(await answer.arrayBuffer());
		expect(bytes.length).toBeLessThan(plainLength / 4);
		expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual(big);
	});

	it('keeps the answer as it is for clients without gzip, with gzip;q=0, for small bodies and for non-JSON', () => {
		for (const header of [undefined, 'br', 'gzip;q=0', 'identity']) {
			const original = Response.json(big);
			expect(gzipJsonIfAccepted(request(header), original)).toBe(original);
		}
		// SvelteKit's json() states the length; a streamed answer has none and is gzipped.
		const small = new Response('{"ok":true}', {
			headers: { 'content-type': 'application/json', 'content-length': '11' }
		});
		expect(gzipJsonIfAccepted(request('gzip'), small)).toBe(small);
		const text = new Response('x'.repeat(5000), { headers: { 'content-type': 'text/csv' } });
		expect(gzipJsonIfAccepted(request('gzip'), text)).toBe(text);
	});

	it('keeps a status and answers that are already encoded', () => {
		const refused = Response.json({ error: 'x'.repeat(3000) }, { status: 409 });
		expect(gzipJsonIfAccepted(request('gzip'), refused).status).toBe(409);
		const encoded = new Response('{}', {
			headers: { 'content-type': 'application/json', 'content-encoding': 'br', 'content-length': '5000' }
		});
		expect(gzipJsonIfAccepted(request('gzip'), encoded)).toBe(encoded);
	});
});
