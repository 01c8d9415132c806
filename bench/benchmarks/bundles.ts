/**
 * Bundles: the JavaScript each route loads first, gzipped (zlib default level, as a server would
 * send it). Chromium opens each route with the service worker blocked (its precache would fetch
 * everything) and every script response until the network is idle is counted: the route's
 * modulepreloads and entry, the dynamic imports it makes at start, and workers it starts.
 * The crew's Today must stay under 100 KB and must not carry maplibre.
 */
import zlib from 'node:zlib';
import type { Browser } from '@playwright/test';
import { log, type Benchmark } from '../lib/benchmark';
import { LIGHTHOUSE_USER, signIn, SUPERVISOR_USER } from '../lib/env';
import { writeResult, type Figure } from '../lib/report';

interface RouteBundle {
	route: string;
	status: number;
	files: { url: string; bytes: number; gzipBytes: number; maplibre: boolean }[];
	gzipKb: number;
	rawKb: number;
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
		const scripts = new Map<string, Promise<Buffer | null>>();
		context.on('response', (response) => {
			const url = response.url();
			if (response.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(url).pathname)) {
				scripts.set(
					url,
					response.body().catch(() => null)
				);
			}
		});
		const response = await page.goto(`${origin}${route}`, { waitUntil: 'networkidle' });
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
		const files: RouteBundle['files'] = [];
		for (const [url, body] of scripts) {
			const bytes = await body;
			if (!bytes) continue;
			files.push({
				url: new URL(url).pathname,
				bytes: bytes.length,
				gzipBytes: zlib.gzipSync(bytes).length,
				maplibre: looksLikeMaplibre(url, bytes.toString('latin1'))
			});
		}
		const sum = (list: typeof files, key: 'bytes' | 'gzipBytes') =>
			list.reduce((total, file) => total + file[key], 0) / 1024;
		const declaredFiles = files.filter((file) => declared.has(new URL(file.url, origin).href));
		return {
			route,
			status: response?.status() ?? 0,
			files,
			gzipKb: sum(files, 'gzipBytes'),
			rawKb: sum(files, 'bytes'),
			declaredGzipKb: sum(declaredFiles, 'gzipBytes'),
			maplibre: files.some((file) => file.maplibre)
		};
	} finally {
		await context.close();
	}
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
			log(
				`${route} (HTTP ${result.status}): ${result.gzipKb.toFixed(1)} KB gzip in ${result.files.length} scripts (${result.rawKb.toFixed(0)} KB raw; HTML-declared ${result.declaredGzipKb.toFixed(1)} KB)${result.maplibre ? ', carries maplibre' : ''}`
			);
			results.push(result);
		}
		const figures: Figure[] = results.map((result) => ({
			figure: `${result.route}: JS loaded first, gzip${result.status >= 400 ? ` (HTTP ${result.status})` : ''}${result.maplibre ? ', with maplibre' : ''}`,
			value: Math.round(result.gzipKb * 10) / 10,
			unit: 'KB',
			...(result.route === '/crew' ? { target: { max: TODAY_BUDGET_KB } } : {})
		}));
		const today = results.find((result) => result.route === '/crew');
		figures.push({
			figure: '/crew: chunks carrying maplibre (must be 0)',
			value: today ? today.files.filter((file) => file.maplibre).length : -1,
			unit: '',
			target: { max: 0 }
		});
		await writeResult(env.root, 'bundles', figures, { routes: results });
		if (today?.maplibre) throw new Error('the crew Today route loads maplibre');
	}
};
