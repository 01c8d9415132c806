/**
 * [S23] The fault-injected runs again with the real server code on PostgreSQL: the same contract
 * (exactly once, byte-identical photos, convergence) must hold on the second engine. Runs only
 * when TEST_DATABASE_URL names a PostgreSQL server (`npm run test:sync:pg`, a step of .ci/run);
 * a smaller set than the SQLite runs, each seed in its own database made from a template.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPostgresTemplate } from './support/postgres-template';
import { runSeeds, SEED_BATCH_TIMEOUT_MS } from './support/seed-batch';
import { disposeTemplate } from './support/seed-database';
import type { ScenarioOptions } from './support/scenario';
import type { PostgresTemplate } from './support/world';

const adminUrl = process.env.TEST_DATABASE_URL;
/** A PostgreSQL seed costs several times a SQLite one (a database made and dropped per seed), so batches are smaller. */
const BATCH = 25;
/** Same seed numbers as the SQLite files, so a seed failing on one engine can be run on the other. */
const runs: { title: string; firstSeed: number; batches: number; options: ScenarioOptions }[] = [
	{ title: 'faults only: every mutation applied exactly once', firstSeed: 1, batches: 4, options: {} },
	{
		title: 'with office moves: late and refused work settled once',
		firstSeed: 100_001,
		batches: 2,
		options: { supervisor: true }
	},
	{
		title: 'server restarts at a high rate: a new pool on the same database loses nothing',
		firstSeed: 200_301,
		batches: 1,
		options: { faults: ['restart', 'drop-response'], faultRate: 0.6 }
	}
];

describe.runIf(adminUrl)('[S23] seeded faults against PostgreSQL', () => {
	let template: PostgresTemplate;
	beforeAll(async () => {
		template = await buildPostgresTemplate(adminUrl ?? '');
	});
	afterAll(async () => {
		if (template) await disposeTemplate(template);
	});

	for (const run of runs) {
		for (let batch = 0; batch < run.batches; batch++) {
			const from = run.firstSeed + batch * BATCH;
			const to = from + BATCH - 1;
			it(
				`[S3][S7][S16] ${run.title}, seeds ${from}-${to}, converged`,
				async () => {
					const report = await runSeeds(template, from, to, run.options);
					expect(report.failures).toEqual([]);
					expect(report.seeds).toBe(BATCH);
				},
				SEED_BATCH_TIMEOUT_MS
			);
		}
	}
});
