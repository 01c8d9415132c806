/**
 * Conformance: every fixture in tests/open311/fixtures is a request and its expected response.
 * Each runs in XML and in JSON; each response is checked against the standard's field list and
 * types (tests/open311/standard.ts), the XML read through the same description, and then against
 * the fixture's expected values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceProblems, mismatches, parseXml, xmlToJson } from '../open311/conformance';
import { createWorld, type Open311World } from '../open311/harness';
import { DOCUMENTS } from '../open311/standard';
import { testBackends } from './backends';

interface Case {
	name: string;
	request: { method: 'GET' | 'POST'; path: string; form?: Record<string, string | string[]> };
	response: { status: number; document: string; body: unknown };
	capture?: Record<string, string>;
}

interface FixtureFile {
	description: string;
	setup?: { batchServices?: string[] };
	cases: Case[];
}

const FIXTURES = path.join(import.meta.dirname, '../open311/fixtures');
const files = fs
	.readdirSync(FIXTURES)
	.filter((name) => name.endsWith('.json'))
	.sort();

function fill<T>(value: T, vars: Record<string, string>): T {
	const text = JSON.stringify(value).replace(/\{([a-z_]+)\}/g, (whole, name: string) => vars[name] ?? whole);
	return JSON.parse(text) as T;
}

/** '[0].service_request_id' -> value */
function pick(body: unknown, selector: string): string {
	let current: unknown = body;
	for (const part of selector.match(/[^.[\]]+/g) ?? [])
		current = (current as Record<string, unknown>)?.[part];
	return String(current);
}

for (const backend of testBackends()) {
	for (const file of files) {
		const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as FixtureFile;
		for (const format of ['xml', 'json'] as const) {
			describe(`Open311 conformance ${file} ${format} (${backend.name}): ${fixture.description}`, () => {
				let world: Open311World;
				const vars: Record<string, string> = { fmt: format };
				beforeAll(async () => {
					world = await createWorld(backend);
					vars['api_key'] = world.apiKey;
					for (const code of fixture.setup?.batchServices ?? []) {
						const service = await world.repos.services.get(code);
						if (service) await world.repos.services.upsert({ ...service, type: 'batch' });
					}
				});
				afterAll(async () => world.close());

				for (const testCase of fixture.cases) {
					it(testCase.name, async () => {
						const { request, response: expected } = fill(testCase, vars);
						const actual =
							request.method === 'GET'
								? await world.get(request.path)
								: await world.postForm(request.path, request.form ?? {});
						const text = await actual.text();
						expect(actual.status, text).toBe(expected.status);
						const document = DOCUMENTS[expected.document];
						if (!document) throw new Error(`Unknown document kind ${expected.document}`);
						let body: unknown;
						if (format === 'json') {
							expect(actual.headers.get('content-type')).toBe('application/json; charset=utf-8');
							body = JSON.parse(text);
						} else {
							expect(actual.headers.get('content-type')).toBe('text/xml; charset=utf-8');
							const root = parseXml(text);
							expect(root.name).toBe(document.root);
							body = xmlToJson(document.spec, root);
						}
						expect(conformanceProblems(document.spec, body), text).toEqual([]);
						expect(mismatches(expected.body, body), text).toEqual([]);
						for (const [name, selector] of Object.entries(testCase.capture ?? {})) {
							vars[name] = pick(body, selector);
						}
					});
				}
			});
		}
	}
}
