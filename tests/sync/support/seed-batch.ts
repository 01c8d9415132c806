/** Runs a range of seeds and collects every failure with its seed, so one bad seed does not hide the next. */
import { runScenario, type ScenarioOptions } from './scenario';
import type { Template } from './world';

/**
 * Time limit for one test running a batch of seeds. A batch of 100 takes ~20 s on a quiet machine;
 * the limit only catches a hang, so a busy shared CI machine must not turn slowness into a failure.
 */
export const SEED_BATCH_TIMEOUT_MS = 300_000;

export interface BatchReport {
	seeds: number;
	mutations: number;
	photos: number;
	requests: number;
	faults: number;
	/** `seed: message` for each failing seed: copy the seed into regressions.test.ts. */
	failures: string[];
}

export async function runSeeds(
	template: Template,
	from: number,
	to: number,
	options: ScenarioOptions = {}
): Promise<BatchReport> {
	const report: BatchReport = { seeds: 0, mutations: 0, photos: 0, requests: 0, faults: 0, failures: [] };
	for (let seed = from; seed <= to; seed++) {
		try {
			const run = await runScenario(template, seed, options);
			report.seeds += 1;
			report.mutations += run.mutations;
			report.photos += run.photos;
			report.requests += run.stats.requests;
			report.faults += Object.values(run.stats.faults).reduce((sum, n) => sum + n, 0);
		} catch (error) {
			report.failures.push(`seed ${seed}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	return report;
}
