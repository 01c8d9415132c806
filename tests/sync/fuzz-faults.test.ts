/**
 * [S23] The real engine against the real server through a faulty network, 600 seeds. No office
 * interference here, so every mutation must end `applied` (the app's checks mirror the server's).
 * A failing seed prints as `seed N: ...`; keep it in regressions.test.ts once fixed.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSeeds, SEED_BATCH_TIMEOUT_MS } from './support/seed-batch';
import { buildTemplate, type Template } from './support/world';

let template: Template;
beforeAll(async () => {
	template = await buildTemplate();
});
afterAll(() => fs.rmSync(template.dir, { recursive: true, force: true }));

const BATCH = 100;

describe('[S23] seeded faults: drop, drop after commit, duplicate, delay/reorder, restart, 5xx, timeout, cut upload, 401', () => {
	for (let batch = 0; batch < 6; batch++) {
		const from = 1 + batch * BATCH;
		const to = from + BATCH - 1;
		it(
			`[S3][S7][S16] seeds ${from}-${to}: every mutation applied exactly once, photos byte-identical, converged`,
			{ timeout: SEED_BATCH_TIMEOUT_MS },
			async () => {
				const report = await runSeeds(template, from, to);
				expect(report.failures).toEqual([]);
				expect(report.seeds).toBe(BATCH);
				expect(report.faults).toBeGreaterThan(BATCH);
			}
		);
	}
});
