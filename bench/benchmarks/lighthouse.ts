/**
 * Lighthouse 12.2.3 on the crew shell (/crew, signed in as a crew with a normal day), in Debian
 * Chromium: Playwright starts a persistent profile with a DevTools port, signs in through it, and
 * Lighthouse attaches to that port (`disableStorageReset`, so the session cookie survives), with
 * its default mobile settings and simulated throttling.
 *
 * Lighthouse 12 dropped the PWA category and its installable-manifest audit, so installability is
 * asked of Chromium itself over the DevTools protocol, on the same page once the service worker
 * controls it: Page.getInstallabilityErrors (empty = installable) and Page.getAppManifest.
 *
 * One run's score moves with whatever else the shared machine is doing (total blocking time most
 * of all), so Lighthouse runs RUNS times and the figures are those of its median run, chosen as
 * Lighthouse's own docs advise (computeMedianRun: closest to the median first contentful paint
 * and time to interactive); every run's score is kept in the result too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { log, type Benchmark } from '../lib/benchmark';
import { CHROMIUM_ARGS, CHROMIUM_PATH, LIGHTHOUSE_USER, signIn } from '../lib/env';
import { writeResult } from '../lib/report';

/** The DevTools port Lighthouse attaches to (this helper's own port on the shared machine). */
const DEVTOOLS_PORT = 3118;
const PERFORMANCE_TARGET = 0.9;
/** Lighthouse's docs: five runs, then the median one, about halve the variability of one run. */
const RUNS = 5;
/** The audits Lighthouse 12's performance score is weighted from. */
const SCORED_METRICS = [
	'first-contentful-paint',
	'speed-index',
	'largest-contentful-paint',
	'total-blocking-time',
	'cumulative-layout-shift'
];

type LighthouseResult = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

interface Installability {
	errors: { errorId: string; errorArguments: { name: string; value: string }[] }[];
	manifestUrl: string;
	manifest: Record<string, unknown> | null;
	serviceWorkerControls: boolean;
}

export const lighthouseBench: Benchmark = {
	name: 'lighthouse',
	summary: 'Lighthouse 12.2.3 on the crew shell: performance score; installability from Chromium',
	async run(env) {
		const { origin } = await env.cityServer();
		const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'curbside-bench-lighthouse-'));
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM_PATH,
			args: [...CHROMIUM_ARGS, `--remote-debugging-port=${DEVTOOLS_PORT}`]
		});
		try {
			const page = context.pages()[0] ?? (await context.newPage());
			await signIn(page, origin, LIGHTHOUSE_USER);
			await page.goto(`${origin}/crew`);
			await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
				timeout: 120_000
			});
			const cdp = await context.newCDPSession(page);
			const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
				installabilityErrors: Installability['errors'];
			};
			const app = (await cdp.send('Page.getAppManifest')) as { url: string; data?: string };
			const installability: Installability = {
				errors: installabilityErrors,
				manifestUrl: app.url,
				manifest: app.data ? (JSON.parse(app.data) as Record<string, unknown>) : null,
				serviceWorkerControls: true
			};
			await cdp.detach();

			const runs: LighthouseResult[] = [];
			for (let run = 1; run <= RUNS; run += 1) {
				const result = await lighthouse(`${origin}/crew`, {
					port: DEVTOOLS_PORT,
					output: 'json',
					logLevel: 'error',
					disableStorageReset: true,
					onlyCategories: ['performance', 'accessibility', 'best-practices']
				});
				if (!result) throw new Error('Lighthouse returned nothing');
				if (result.lhr.runtimeError) log(`Lighthouse runtime error: ${result.lhr.runtimeError.message}`);
				log(
					`run ${run}: performance ${result.lhr.categories.performance?.score}, total blocking time ${Math.round(result.lhr.audits['total-blocking-time']?.numericValue ?? 0)} ms`
				);
				runs.push(result.lhr);
			}
			const lhr: LighthouseResult = computeMedianRun(runs);
			log(`the median run: run ${runs.indexOf(lhr) + 1}`);
			const score = (id: string) => lhr.categories[id]?.score ?? 0;
			const metric = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? 0);
			log(
				`performance ${score('performance')}, accessibility ${score('accessibility')}, best practices ${score('best-practices')}; installability errors: ${installability.errors.map((e) => e.errorId).join(', ') || 'none'}`
			);
			// What the performance score is made of: each metric's value and its own score.
			const metrics = Object.fromEntries(
				SCORED_METRICS.map((id) => [
					id,
					{ value: lhr.audits[id]?.numericValue ?? null, score: lhr.audits[id]?.score ?? null }
				])
			);
			log(
				`metrics: ${SCORED_METRICS.map((id) => `${id} ${Math.round((metrics[id]?.value ?? 0) * 1000) / 1000} (${metrics[id]?.score})`).join(', ')}`
			);
			// The median run's whole report (a few MB, not kept in the repository) for looking into a score.
			const reportPath = path.join(os.tmpdir(), 'curbside-lighthouse-report.json');
			fs.writeFileSync(reportPath, JSON.stringify(lhr));
			log(`full report: ${reportPath}`);
			await writeResult(
				env.root,
				'lighthouse',
				[
					{
						figure: 'crew shell: Lighthouse performance score (mobile, simulated throttling)',
						value: score('performance'),
						unit: '',
						target: { min: PERFORMANCE_TARGET }
					},
					{
						figure: 'crew shell: first contentful paint (Lighthouse)',
						value: metric('first-contentful-paint'),
						unit: 'ms'
					},
					{
						figure: 'crew shell: largest contentful paint (Lighthouse)',
						value: metric('largest-contentful-paint'),
						unit: 'ms'
					},
					{
						figure: 'crew shell: total blocking time (Lighthouse)',
						value: metric('total-blocking-time'),
						unit: 'ms'
					},
					{ figure: 'crew shell: Lighthouse accessibility score', value: score('accessibility'), unit: '' },
					{
						figure: 'crew shell: installability errors from Chromium (Page.getInstallabilityErrors)',
						value: installability.errors.length,
						unit: '',
						target: { max: 0 }
					}
				],
				{
					lighthouseVersion: lhr.lighthouseVersion,
					userAgent: lhr.environment.hostUserAgent,
					formFactor: lhr.configSettings.formFactor,
					throttlingMethod: lhr.configSettings.throttlingMethod,
					runs: runs.map((run) => ({
						performance: run.categories.performance?.score ?? null,
						totalBlockingTime: run.audits['total-blocking-time']?.numericValue ?? null,
						median: run === lhr
					})),
					metrics,
					scores: Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, c.score])),
					installability
				}
			);
		} finally {
			await context.close();
			fs.rmSync(profile, { recursive: true, force: true });
		}
	}
};
