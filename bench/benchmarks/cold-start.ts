/**
 * Offline cold start: a crew of 2,000 open orders opens the app once online (its sync worker fills
 * the store, the service worker precaches the shell), then the network goes: the relay refuses
 * every connection (the server is gone, also for the sync worker, which DevTools' offline mode
 * does not reach) and the context is offline. Each run opens the app from a blank page, as a crew
 * member opening it in the morning would (the tab first leaves the previous run's Today for
 * about:blank, untimed, so no page of 2,000 rows is torn down inside the timing), with the CPU
 * throttled 4x through the DevTools protocol, and times navigation start -> the first rows of
 * Today painted: an init script watches the DOM for the first order row, then waits one frame and
 * one task (the paint). The app's own User Timing marks (curbside:*) are logged with each run.
 */
import type { Page } from '@playwright/test';
import { log, median, type Benchmark } from '../lib/benchmark';
import { COLD_START_USER, signIn } from '../lib/env';
import { writeResult } from '../lib/report';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CPU_SLOWDOWN = 4;
const FIRST_ROWS_TARGET_MS = 1000;

interface PaintTimes {
	firstRows: number;
	allRows: number;
	rows: number;
	marks: Record<string, number>;
}

/** What the page logs once every row painted (see timeColdStart). */
const PAINTED = 'curbside-bench: every row painted';

/**
 * Runs in every document before its scripts: records when the first and the full list painted.
 * Plain JavaScript text: tsx would wrap a function's inner functions in a helper the page lacks.
 */
export const WATCH_ROWS = `(() => {
	const PAINTED = ${JSON.stringify(PAINTED)};
	const state = { firstRows: 0, allRows: 0, rows: 0, marks: {} };
	const mark = (name) => { if (!(name in state.marks)) state.marks[name] = Math.round(performance.now()); };
	document.addEventListener('DOMContentLoaded', () => mark('domContentLoaded'));
	globalThis.benchPaint = state;
	const afterPaint = (record) =>
		requestAnimationFrame(() => {
			const channel = new MessageChannel();
			channel.port1.onmessage = record;
			channel.port2.postMessage(0);
		});
	let last = 0;
	const observer = new MutationObserver(() => {
		if (document.querySelector('main h1')) mark('shell');
		const headingText = document.getElementById('orders-heading')?.textContent;
		if (headingText) mark('heading ' + headingText);
		if (document.querySelector('[aria-busy]')) mark('reading');
		const rows = document.querySelectorAll('ol.orders > li').length;
		if (rows === 0 || rows === last) return;
		last = rows;
		if (state.firstRows === 0) {
			state.firstRows = -1;
			afterPaint(() => (state.firstRows = performance.now()));
		}
		const heading = document.getElementById('orders-heading')?.textContent ?? '';
		const total = Number(/\\((\\d+)\\)/.exec(heading)?.[1] ?? NaN);
		if (rows >= total) {
			observer.disconnect();
			afterPaint(() => {
				state.allRows = performance.now();
				state.rows = rows;
				console.debug(PAINTED);
			});
		}
	});
	observer.observe(document, { childList: true, subtree: true });
})();`;

export async function timeColdStart(page: Page, url: string): Promise<PaintTimes> {
	// The page says when it is done: polling it from here (waitForFunction) would first have the
	// page compile Playwright's own injected script, a few hundred ms of the throttled CPU inside
	// the timing.
	const painted = page
		.waitForEvent('console', { predicate: (message) => message.text() === PAINTED, timeout: 60_000 })
		.then(
			() => null,
			(error: unknown) => error
		);
	await page.goto(url, { waitUntil: 'commit' });
	const failed = await painted;
	if (failed) {
		const seen = await page.evaluate(() => ({
			paint: (globalThis as unknown as { benchPaint?: PaintTimes }).benchPaint,
			text: document.body.innerText.slice(0, 50),
			lis: document.querySelectorAll('ol.orders > li').length,
			ols: [...document.querySelectorAll('ol')].map((o) => o.className)
		}));
		throw new Error(`the rows did not paint: ${JSON.stringify(seen)}`, { cause: failed });
	}
	return page.evaluate(() => {
		const paint = (globalThis as unknown as { benchPaint: PaintTimes }).benchPaint;
		for (const mark of performance.getEntriesByType('mark'))
			if (mark.name.startsWith('curbside:')) paint.marks[mark.name] = Math.round(mark.startTime);
		return paint;
	});
}

export const coldStart: Benchmark = {
	name: 'cold-start',
	summary:
		'offline cold start with 2,000 cached orders, CPU 4x slower: navigation -> first rows of Today painted',
	async run(env) {
		const { origin, relay, city } = await env.cityServer();
		const orders = city.assigned[COLD_START_USER] ?? 0;
		const browser = await env.browser();
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			await signIn(page, origin, COLD_START_USER);
			await page.goto(`${origin}/crew`);
			// Online once: the sync worker fills the store and the service worker takes control.
			await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
				timeout: 120_000
			});
			await page.getByRole('heading', { name: `Orders (${orders})` }).waitFor({ timeout: 300_000 });
			log(`${orders} orders on the device; going offline`);
			relay.refuse();
			await context.setOffline(true);
			await context.addInitScript({ content: WATCH_ROWS });
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
			const runs: PaintTimes[] = [];
			for (let run = 0; run < RUNS; run++) {
				await page.goto('about:blank');
				if (process.env.BENCH_PROFILE) {
					await cdp.send('Profiler.enable');
					await cdp.send('Profiler.start');
				}
				const times = await timeColdStart(page, `${origin}/crew`);
				if (process.env.BENCH_PROFILE) {
					const { profile } = await cdp.send('Profiler.stop');
					// BENCH_PROFILE names a folder: one CPU profile per run, for DevTools' Performance panel.
					const fs = await import('node:fs');
					fs.mkdirSync(process.env.BENCH_PROFILE, { recursive: true });
					fs.writeFileSync(`${process.env.BENCH_PROFILE}/cold-${run}.cpuprofile`, JSON.stringify(profile));
				}
				log(
					`run ${run + 1}: first rows ${times.firstRows.toFixed(0)} ms, all ${times.rows} rows ${times.allRows.toFixed(0)} ms ${JSON.stringify(times.marks)}`
				);
				runs.push(times);
			}
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
			const first = median(runs.map((run) => run.firstRows));
			const all = median(runs.map((run) => run.allRows));
			await writeResult(
				env.root,
				'cold-start',
				[
					{
						figure: `offline cold start, ${orders} orders, CPU ${CPU_SLOWDOWN}x: first rows of Today painted (median of ${RUNS})`,
						value: Math.round(first),
						unit: 'ms',
						target: { max: FIRST_ROWS_TARGET_MS }
					},
					{
						figure: `same, every open order's row painted`,
						value: Math.round(all),
						unit: 'ms'
					}
				],
				{ orders, cpuSlowdown: CPU_SLOWDOWN, runs }
			);
		} finally {
			await context.close();
			relay.restore();
		}
	}
};
