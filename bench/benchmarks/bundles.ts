/**
 * Bundles: the JavaScript each route loads first, gzipped (zlib default level, as a server would
 * send it). Chromium opens each route with the service worker blocked (its precache would fetch
 * everything) and every script response until the network is idle is counted: the route's
 * modulepreloads and entry, the dynamic imports it makes at start, and workers it starts.
 *
 * The crew app starts its background work (the sync worker first) only after the page's first
 * content painted, and marks that moment (`curbside:deferred-start`, a User Timing mark). On the
 * crew routes the bench waits for the mark and for the scripts it brings, and splits the count:
 * scripts requested before the mark are loaded first, those requested after it are deferred and
 * reported in their own figure. Routes without the mark count everything as loaded first.
 * The crew's Today must stay under 100 KB loaded first and must not carry maplibre at all.
 */
import zlib from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { log, type Benchmark } from '../lib/benchmark';
import { LIGHTHOUSE_USER, signIn, SUPERVISOR_USER } from '../lib/env';
import { writeResult, type Figure } from '../lib/report';

interface ScriptFile {
	url: string;
	bytes: number;
	gzipBytes: number;
	maplibre: boolean;
	/** Requested after the app's first paint (the `curbside:deferred-start` mark). */
	deferred: boolean;
}

interface RouteBundle {
	route: string;
	status: number;
	files: ScriptFile[];
	/** Loaded first: every script requested before the deferred-start mark (all, without the mark). */
	gzipKb: number;
	rawKb: number;
	/** Scripts requested after the mark; null when the route has no deferred start. */
	deferredGzipKb: number | null;
	/** Scripts the HTML names (modulepreload links and module scripts), gzipped. */
	declaredGzipKb: number;
	maplibre: boolean;
}

const ROUTES: { route: string; user: string | null }[] = [
	{ route: '/crew', user: LIGHTHOUSE_USER },
	{ route: '/crew/orders/CS-000001', user: LIGHTHOUSE_USER },
	{ route: '/crew/report', user: LIGHTHOUSE_USER },
	{ route: '/crew/map', user: LIGHTHOUSE_USER },
	{ route: '/supervisor', user: SUPERVISOR_USER },
	{ route: '/signin', user: null }
];
const TODAY_BUDGET_KB = 100;
const DEFERRED_MARK = 'curbside:deferred-start';
/** No new script for this long after the deferred start: its loading is over. */
const QUIET_MS = 1_500;

/** maplibre's own code: its chunk is named after it, and its source names its canvas class. */
function looksLikeMaplibre(url: string, text: string): boolean {
	return /maplibre/i.test(url) || text.includes('maplibregl-canvas');
}

async function measureRoute(
	browser: Browser,
	origin: string,
	route: string,
	user: string | null
): Promise<RouteBundle> {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	try {
		const page = await context.newPage();
		if (user) await signIn(page, origin, user);
		const scripts = new Map<string, { body: Promise<Buffer | null>; requestedAt: number }>();
		let lastScriptAt = Date.now();
		context.on('response', (response) => {
			const url = response.url();
			if (response.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(url).pathname)) {
				lastScriptAt = Date.now();
				scripts.set(url, {
					body: response.body().catch(() => null),
					requestedAt: response.request().timing().startTime
				});
			}
		});
		const response = await page.goto(`${origin}${route}`, { waitUntil: 'networkidle' });
		// The crew app's deferred start (epoch ms), and the scripts it loads after it.
		const deferredAt = route.startsWith('/crew') ? await deferredStart(page) : null;
		if (deferredAt !== null) {
			while (Date.now() - Math.max(lastScriptAt, deferredAt) < QUIET_MS) await page.waitForTimeout(250);
		}
		const html = (await response?.text()) ?? '';
		const declared = new Set<string>();
		for (const [tag] of html.matchAll(/<(?:link|script)\b[^>]*>/g)) {
			const isModule = /rel="modulepreload"/.test(tag) || /type="module"/.test(tag);
			const target = /(?:href|src)="([^"]+)"/.exec(tag)?.[1];
			if (isModule && target) declared.add(new URL(target, `${origin}${route}`).href);
		}
		// The entry scripts SvelteKit starts with `import("...")` inside its inline boot script.
		for (const match of html.matchAll(/import\("([^"]+)"\)/g))
			declared.add(new URL(match[1] as string, origin).href);
		const files: ScriptFile[] = [];
		for (const [url, { body, requestedAt }] of scripts) {
			const bytes = await body;
			if (!bytes) continue;
			files.push({
				url: new URL(url).pathname,
				bytes: bytes.length,
				gzipBytes: zlib.gzipSync(bytes).length,
				maplibre: looksLikeMaplibre(url, bytes.toString('latin1')),
				deferred: deferredAt !== null && requestedAt >= deferredAt
			});
		}
		const sum = (list: typeof files, key: 'bytes' | 'gzipBytes') =>
			list.reduce((total, file) => total + file[key], 0) / 1024;
		const first = files.filter((file) => !file.deferred);
		const declaredFiles = files.filter((file) => declared.has(new URL(file.url, origin).href));
		return {
			route,
			status: response?.status() ?? 0,
			files,
			gzipKb: sum(first, 'gzipBytes'),
			rawKb: sum(first, 'bytes'),
			deferredGzipKb:
				deferredAt === null
					? null
					: sum(
							files.filter((file) => file.deferred),
							'gzipBytes'
						),
			declaredGzipKb: sum(declaredFiles, 'gzipBytes'),
			maplibre: first.some((file) => file.maplibre)
		};
	} finally {
		await context.close();
	}
}

/** When the page marked its deferred start (epoch ms); waits up to 10 s for it, null if it never came. */
async function deferredStart(page: Page): Promise<number | null> {
	const marked = await page
		.waitForFunction(
			(name) => {
				const mark = performance.getEntriesByName(name, 'mark')[0];
				return mark ? performance.timeOrigin + mark.startTime : null;
			},
			DEFERRED_MARK,
			{ timeout: 10_000 }
		)
		.catch(() => null);
	return marked ? ((await marked.jsonValue()) as number) : null;
}

export const bundles: Benchmark = {
	name: 'bundles',
	summary: 'gzip KB of the JS each route loads first; crew Today < 100 KB and without maplibre',
	async run(env) {
		const { origin } = await env.cityServer();
		const browser = await env.browser();
		const results: RouteBundle[] = [];
		for (const { route, user } of ROUTES) {
			const result = await measureRoute(browser, origin, route, user);
			const deferred = result.files.filter((file) => file.deferred).length;
			log(
				`${route} (HTTP ${result.status}): ${result.gzipKb.toFixed(1)} KB gzip first in ${result.files.length - deferred} scripts (${result.rawKb.toFixed(0)} KB raw; HTML-declared ${result.declaredGzipKb.toFixed(1)} KB)${result.maplibre ? ', carries maplibre' : ''}${result.deferredGzipKb === null ? '' : `; after the first paint ${result.deferredGzipKb.toFixed(1)} KB in ${deferred} scripts`}`
			);
			results.push(result);
		}
		const kb = (value: number) => Math.round(value * 10) / 10;
		const figures: Figure[] = results.flatMap((result) => {
			const status = result.status >= 400 ? ` (HTTP ${result.status})` : '';
			const first: Figure = {
				figure: `${result.route}: JS loaded first${result.deferredGzipKb === null ? '' : ' (before the first paint)'}, gzip${status}${result.maplibre ? ', with maplibre' : ''}`,
				value: kb(result.gzipKb),
				unit: 'KB',
				...(result.route === '/crew' ? { target: { max: TODAY_BUDGET_KB } } : {})
			};
			if (result.deferredGzipKb === null) return [first];
			const later: Figure = {
				figure: `${result.route}: JS deferred until after the first paint (sync worker...), gzip`,
				value: kb(result.deferredGzipKb),
				unit: 'KB'
			};
			return [first, later];
		});
		const today = results.find((result) => result.route === '/crew');
		figures.push({
			figure: '/crew: chunks carrying maplibre, first or deferred (must be 0)',
			value: today ? today.files.filter((file) => file.maplibre).length : -1,
			unit: '',
			target: { max: 0 }
		});
		await writeResult(env.root, 'bundles', figures, { routes: results });
		if (today?.files.some((file) => file.maplibre)) throw new Error('the crew Today route loads maplibre');
	}
};
