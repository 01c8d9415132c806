/**
 * [S23] The same fault-injected runs with a supervisor reassigning and cancelling orders mid-shift,
 * 400 seeds: work on orders that left the crew becomes late reports or refusals, is processed
 * exactly once, shown to the crew, and never blocks the queue.
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
const FIRST_SEED = 100_001;

describe('[S23] seeded faults with office moves (reassign, cancel)', () => {
	for (let batch = 0; batch < 4; batch++) {
		const from = FIRST_SEED + batch * BATCH;
		const to = from + BATCH - 1;
		it(
			`[S6][S11][S15] seeds ${from}-${to}: late and refused work settled once, queue never blocked, converged`,
			{ timeout: SEED_BATCH_TIMEOUT_MS },
			async () => {
				const report = await runSeeds(template, from, to, { supervisor: true });
				expect(report.failures).toEqual([]);
				expect(report.seeds).toBe(BATCH);
			}
		);
	}
});
