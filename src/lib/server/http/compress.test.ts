import { gunzipSync } from 'node:zlib';
import { json } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { gzipJsonIfAccepted } from './compress';

const big = { orders: Array.from({ length: 200 }, (_, i) => ({ id: `CS-${i}`, status: 'open' })) };
const request = (acceptEncoding?: string) =>
	new Request('http://127.0.0.1/api/sync/pull', {
		headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}
	});

describe('gzipJsonIfAccepted', () => {
	it('gzips a large JSON answer for a client that accepts gzip, and the bytes inflate to the same JSON', async () => {
		// SvelteKit's json(), as the routes answer: it states the length.
		const original = json(big, { headers: { 'set-cookie': 'a=1' } });
		const plainLength = JSON.stringify(big).length;
		const answer = await gzipJsonIfAccepted(request('gzip, deflate, br'), original);
		expect(answer.headers.get('content-encoding')).toBe('gzip');
		expect(answer.headers.get('vary')).toContain('Accept-Encoding');
		expect(answer.headers.get('set-cookie')).toBe('a=1');
		const bytes = Buffer.from(await answer.arrayBuffer());
		// Compressed in one piece, so the answer states its (compressed) length.
		expect(answer.headers.get('content-length')).toBe(String(bytes.length));
		expect(bytes.length).toBeLessThan(plainLength / 4);
		expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual(big);
	});

	it('compresses an answer of unknown length as a stream, without stating a length', async () => {
		const text = JSON.stringify(big);
		const streamed = new Response(
			new ReadableStream({
				start(controller) {
					controller.enqueue(new TextEncoder().encode(text));
					controller.close();
				}
			}),
			{ headers: { 'content-type': 'application/json' } }
		);
		const answer = await gzipJsonIfAccepted(request('gzip'), streamed);
		expect(answer.headers.get('content-encoding')).toBe('gzip');
		expect(answer.headers.get('content-length')).toBeNull();
		expect(gunzipSync(Buffer.from(await answer.arrayBuffer())).toString('utf8')).toBe(text);
	});

	it('keeps the answer as it is for clients without gzip, with gzip;q=0, for small bodies and for non-JSON', async () => {
		for (const header of [undefined, 'br', 'gzip;q=0', 'identity']) {
			const original = Response.json(big);
			expect(await gzipJsonIfAccepted(request(header), original)).toBe(original);
		}
		// SvelteKit's json() states the length; a streamed answer has none and is gzipped.
		const small = new Response('{"ok":true}', {
			headers: { 'content-type': 'application/json', 'content-length': '11' }
		});
		expect(await gzipJsonIfAccepted(request('gzip'), small)).toBe(small);
		const text = new Response('x'.repeat(5000), { headers: { 'content-type': 'text/csv' } });
		expect(await gzipJsonIfAccepted(request('gzip'), text)).toBe(text);
	});

	it('keeps a status and answers that are already encoded', async () => {
		const refused = Response.json({ error: 'x'.repeat(3000) }, { status: 409 });
		expect((await gzipJsonIfAccepted(request('gzip'), refused)).status).toBe(409);
		const encoded = new Response('{}', {
			headers: { 'content-type': 'application/json', 'content-encoding': 'br', 'content-length': '5000' }
		});
		expect(await gzipJsonIfAccepted(request('gzip'), encoded)).toBe(encoded);
	});
});
