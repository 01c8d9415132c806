/**
 * The bad-input corpus (tests/e2e/security/bad-input-cases.ts) against the built server: every case
 * gets a clear 4xx in the right format, the server answers a health check after each batch, and
 * no watched table changes.
 */
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { BAD_INPUT_CASES, type BadCase } from './security/bad-input-cases';
import { snapshotData } from './security/data-snapshot';
import { callers, type Callers } from './security/roles';

const port = Number(process.env.E2E_PORT ?? 3100);
const BATCH = 25;

let who: Callers;

test.beforeAll(async ({ baseURL }) => {
	who = await callers(baseURL ?? '');
});
test.afterAll(async () => who?.dispose());

test('the corpus holds at least 200 cases, each named once', () => {
	expect(BAD_INPUT_CASES.length).toBeGreaterThanOrEqual(200);
	expect(new Set(BAD_INPUT_CASES.map((c) => c.name)).size).toBe(BAD_INPUT_CASES.length);
});

for (let start = 0; start < BAD_INPUT_CASES.length; start += BATCH) {
	const batch = BAD_INPUT_CASES.slice(start, start + BATCH);
	test(`bad input ${start + 1}-${start + batch.length}: ${batch[0]!.name} … ${batch.at(-1)!.name}`, async ({
		baseURL
	}) => {
		const before = await snapshotData(port);
		const failures: string[] = [];
		for (const badCase of batch) {
			const problem = await judge(badCase, await send(badCase, baseURL ?? ''));
			if (problem) failures.push(`${badCase.name}: ${problem}`);
		}
		const health = await who.client.anonymous.get('/open311/v2/discovery.json');
		expect(health.status(), 'the server still answers').toBe(200);
		// Printed whole: the corpus is the place to read what a server answered to what.
		if (failures.length) console.log(failures.join('\n'));
		expect(failures).toEqual([]);
		expect(await snapshotData(port), 'no watched table changed').toEqual(before);
	});
}

function clientFor(badCase: BadCase): APIRequestContext {
	if (badCase.as === 'crew') return who.client.crewA;
	if (badCase.as === 'apiKey') return who.client.anonymous;
	return who.client.anonymous;
}

async function send(badCase: BadCase, baseURL: string): Promise<APIResponse> {
	let { path, body } = badCase;
	const headers: Record<string, string> = { ...badCase.headers };
	if (headers.origin === 'same') headers.origin = baseURL;
	if (badCase.as === 'apiKey' && typeof body === 'string') {
		// The key rides in the body as Open311 clients send it (or in the query for other types).
		if (headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
			body = body ? `api_key=${who.apiKey}&${body}` : `api_key=${who.apiKey}`;
		else path += `${path.includes('?') ? '&' : '?'}api_key=${who.apiKey}`;
	}
	const request = () =>
		clientFor(badCase).fetch(path, {
			method: badCase.method,
			headers,
			data: body,
			maxRedirects: 0,
			timeout: 60_000
		});
	try {
		return await request();
	} catch (error) {
		// A case the server must cut off (a truncated or oversized body) closes its connection, and
		// the next case may be handed that dead pooled socket. One retry gets a fresh one; a server
		// that really went down fails the retry and the batch's health check.
		if (!/ECONNRESET|EPIPE/.test(String(error))) throw error;
		return request();
	}
}

/** Why the answer is wrong, or null when it is a proper refusal. */
async function judge(badCase: BadCase, response: APIResponse): Promise<string | null> {
	const status = response.status();
	if (badCase.status !== undefined ? status !== badCase.status : status < 400 || status >= 500)
		return `status ${status}, expected ${badCase.status ?? '4xx'}: ${(await response.text()).slice(0, 200)}`;
	if (badCase.method === 'HEAD') return null;
	const type = response.headers()['content-type'] ?? '';
	const text = await response.text();
	if (badCase.format === 'open311-xml') {
		if (!type.includes('xml')) return `content-type ${type}, expected XML`;
		if (
			!/<errors>(<error><code>\d{3}<\/code><description>[^<]+<\/description><\/error>)+<\/errors>/.test(text)
		)
			return `not an Open311 XML error: ${text.slice(0, 200)}`;
		return null;
	}
	if (!type.includes('application/json')) return `content-type ${type}, expected JSON`;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return `not JSON: ${text.slice(0, 200)}`;
	}
	if (badCase.format === 'open311-json') {
		const list = parsed as { code?: unknown; description?: unknown }[];
		if (
			!Array.isArray(list) ||
			list.length === 0 ||
			list.some((e) => typeof e.code !== 'number' || typeof e.description !== 'string')
		)
			return `not an Open311 error array: ${text.slice(0, 200)}`;
		return null;
	}
	if (typeof (parsed as { error?: unknown }).error !== 'string') return `no {error}: ${text.slice(0, 200)}`;
	return null;
}
