import crypto from 'node:crypto';
import http from 'node:http';
import { expect, test } from '@playwright/test';

/**
 * Devices keep one connection open between requests. A body the server refuses before reading it
 * (a 413 from its Content-Length) must not leave its bytes in that connection, or the next request
 * on it waits behind them until the keep-alive timeout (scripts/start.js reads them away).
 */

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

function send(
	agent: http.Agent,
	baseURL: string,
	method: string,
	path: string,
	body: string | null,
	headers: Record<string, string> = {}
): Promise<Answer> {
	const url = new URL(path, baseURL);
	return new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{
				method,
				agent,
				headers: { ...headers, ...(body === null ? {} : { 'content-length': Buffer.byteLength(body) }) }
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						body: Buffer.concat(chunks).toString()
					})
				);
			}
		);
		request.on('error', reject);
		if (body !== null) request.write(body);
		request.end();
	});
}

test('after a 413 for an oversized push, the same kept-alive connection answers the next request', async ({
	baseURL
}) => {
	// One socket only, so the pull must travel on the connection the refused push used.
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const origin = baseURL ?? '';
	const json = { 'content-type': 'application/json', origin };
	try {
		const signIn = await send(
			agent,
			origin,
			'POST',
			'/api/auth/signin',
			JSON.stringify({ username: 'dana.crew', password: 'curbside-demo' }),
			json
		);
		expect(signIn.status).toBe(200);
		const cookie = String(signIn.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
		const deviceId = crypto.randomUUID();
		const huge = JSON.stringify({
			deviceId,
			mutations: [{ id: 1, name: 'addNote', args: { body: 'x'.repeat(4_100_000) } }]
		});
		const refused = await send(agent, origin, 'POST', '/api/sync/push', huge, { ...json, cookie });
		expect(refused.status).toBe(413);
		expect(JSON.parse(refused.body)).toEqual({ error: 'The request body is too large.' });

		// Without the fix this waited for the 65 s keep-alive timeout and hit the test's own limit.
		const next = await send(agent, origin, 'GET', `/api/sync/pull?deviceId=${deviceId}&limit=1`, null, {
			cookie
		});
		expect(next.status).toBe(200);
	} finally {
		agent.destroy();
	}
});
