import { describe, expect, it } from 'vitest';
import { isForgedFormRequest } from './origin-check';

const url = new URL('http://localhost:3000/signin');

function request(method: string, headers: Record<string, string>, path = '/signin'): [Request, URL] {
	const target = new URL(path, url);
	return [new Request(target, { method, headers, body: method === 'GET' ? undefined : 'x=1' }), target];
}

describe('origin check', () => {
	it('lets same-origin form posts through', () => {
		expect(
			isForgedFormRequest(
				...request('POST', { 'content-type': 'application/x-www-form-urlencoded', origin: url.origin })
			)
		).toBe(false);
	});

	it.each([
		'application/x-www-form-urlencoded',
		'multipart/form-data; boundary=x',
		'text/plain;charset=utf-8'
	])('refuses a cross-site or origin-less %s post', (type) => {
		expect(
			isForgedFormRequest(...request('POST', { 'content-type': type, origin: 'http://evil.example' }))
		).toBe(true);
		expect(isForgedFormRequest(...request('DELETE', { 'content-type': type }))).toBe(true);
	});

	it('leaves JSON (which needs a CORS preflight cross-site) and safe methods alone', () => {
		expect(
			isForgedFormRequest(
				...request('POST', { 'content-type': 'application/json', origin: 'http://evil.example' })
			)
		).toBe(false);
		expect(isForgedFormRequest(...request('GET', { origin: 'http://evil.example' }))).toBe(false);
	});

	it('exempts Open311, whose clients authenticate with an api_key and send no Origin', () => {
		expect(
			isForgedFormRequest(
				...request(
					'POST',
					{ 'content-type': 'application/x-www-form-urlencoded' },
					'/open311/v2/requests.json'
				)
			)
		).toBe(false);
		expect(isForgedFormRequest(...request('POST', { 'content-type': 'text/plain' }, '/open311x'))).toBe(true);
	});
});
