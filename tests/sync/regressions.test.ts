/**
 * Named runs of the fault harness that pin one fault down at a high rate, plus the seeds that once
 * failed. A new failing seed from fuzz-*.test.ts goes here with the rule it broke in its title.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeeds } from './support/seed-batch';
import { buildTemplate, type Template } from './support/world';

let template: Template;
beforeAll(async () => {
	template = await buildTemplate();
});
afterAll(() => fs.rmSync(template.dir, { recursive: true, force: true }));

async function expectClean(from: number, to: number, options: Parameters<typeof runSeeds>[3]) {
	const report = await runSeeds(template, from, to, options);
	expect(report.failures).toEqual([]);
	return report;
}

describe('[S23] one fault at a time, at a high rate', () => {
	it('[S7] photos cut mid-stream resume from the server offset and arrive byte-identical', async () => {
		const report = await expectClean(200_001, 200_015, { faults: ['cut-upload'], faultRate: 0.5 });
		expect(report.photos).toBeGreaterThan(0);
	});

	it('[S3] answers lost after the server committed never apply a mutation twice', async () => {
		await expectClean(200_101, 200_115, { faults: ['drop-response', 'error-after'], faultRate: 0.6 });
	});

	it('[S3][S4] duplicated and late, reordered requests are skipped as duplicates', async () => {
		await expectClean(200_201, 200_215, { faults: ['duplicate', 'delay'], faultRate: 0.6 });
	});

	it('[S3] a server restart between requests loses nothing', async () => {
		await expectClean(200_301, 200_315, { faults: ['restart'], faultRate: 0.6 });
	});

	it('[S19] repeated 401s keep the outbox until the session is back', async () => {
		await expectClean(200_401, 200_415, { faults: ['auth-expired'], faultRate: 0.6 });
	});
});
