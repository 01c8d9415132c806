/**
 * What the benchmarks share, made on first use and closed once at the end: the private copy of the
 * built app, the large city served on 127.0.0.1:3181 behind the counting relay on :3182, and one
 * Debian Chromium. A benchmark run alone (`npm run bench -- <name>`) only pays for what it uses.
 * BENCH_PORT moves the server (and the relay to the port after it), so a benchmark whose figures
 * are bytes, not time, can run beside another one.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { copyBuiltApp } from '../../scripts/copy-built-app.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/chromium';
import { bundlePageCode } from './bundle';
import { writeBenchCity, type BenchCity } from './city';
import { startRelay, startServer, type Relay, type RunningServer } from './server';

export const SERVER_PORT = Number(process.env.BENCH_PORT ?? 3181);
export const RELAY_PORT = SERVER_PORT + 1;
export const DEMO_PASSWORD = 'curbside-demo';
/** First sync and the day's upload: 5,000 open orders. */
export const SYNC_USER = 'dana.crew';
/** Offline cold start: 2,000 cached orders. */
export const COLD_START_USER = 'luis.crew';
/** Lighthouse and bundles: a crew with an ordinary day of 40 open orders. */
export const LIGHTHOUSE_USER = 'jake.crew';
export const SUPERVISOR_USER = 'grace.supervisor';

/** The same Chromium and flags as the e2e suite. */
export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/chromium';

export interface CityServer {
	city: BenchCity;
	server: RunningServer;
	relay: Relay;
	/** The relay's origin: what the browser talks to. */
	origin: string;
}

export class BenchEnv {
	private appCopy: { dir: string; remove(): void } | null = null;
	private running: Promise<CityServer> | null = null;
	private launched: Promise<Browser> | null = null;
	private pageCode: Promise<string> | null = null;

	constructor(readonly root: string) {}

	/**
	 * The folder holding the private copy of the built app (start.js + build/). BENCH_APP_DIR
	 * names a copy made earlier (`flock /tmp/curbside-e2e.lock node scripts/copy-built-app.js <dir>`), for
	 * when the shared lock is busy; it is not removed at the end.
	 */
	appDir(): string {
		const given = process.env.BENCH_APP_DIR;
		if (given) return given;
		if (!this.appCopy) {
			const started = Date.now();
			this.appCopy = copyBuiltApp({ prefix: 'curbside-bench-app-' });
			console.log(
				`[bench] app copied to ${this.appCopy.dir} in ${((Date.now() - started) / 1000).toFixed(0)} s`
			);
		}
		return this.appCopy.dir;
	}

	browser(): Promise<Browser> {
		this.launched ??= chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
		return this.launched;
	}

	/** The large city: 5,000 open orders on SYNC_USER's crew, 2,000 on COLD_START_USER's, 40 on LIGHTHOUSE_USER's. */
	cityServer(): Promise<CityServer> {
		this.running ??= (async () => {
			const appDir = this.appDir();
			console.log('[bench] writing the large city (20,000 requests)...');
			const city = await writeBenchCity({
				requests: 20_000,
				crews: { [SYNC_USER]: 5_000, [COLD_START_USER]: 2_000, [LIGHTHOUSE_USER]: 40 }
			});
			console.log(`[bench] open orders per crew: ${JSON.stringify(city.assigned)}`);
			const server = await startServer({ appDir, port: SERVER_PORT, dataDir: city.dataDir, databaseUrl: '' });
			const relay = await startRelay(RELAY_PORT, SERVER_PORT);
			return { city, server, relay, origin: relay.origin };
		})();
		return this.running;
	}

	/** Stops the large city's server (a benchmark that needs the ports for its own servers). */
	async stopCityServer(): Promise<void> {
		if (!this.running) return;
		const { city, server, relay } = await this.running;
		this.running = null;
		await relay.close();
		await server.stop();
		city.remove();
	}

	/** The bench's page code (bench/page/entry.ts and the app modules it uses), bundled once. */
	benchScript(): Promise<string> {
		this.pageCode ??= bundlePageCode(this.root);
		return this.pageCode;
	}

	async close(): Promise<void> {
		if (this.launched) await (await this.launched).close();
		await this.stopCityServer();
		this.appCopy?.remove();
	}
}

export async function signIn(page: Page, origin: string, username: string): Promise<void> {
	await page.goto(`${origin}/signin`);
	await page.fill('input[name="username"]', username);
	await page.fill('input[name="password"]', DEMO_PASSWORD);
	await Promise.all([
		page.waitForURL((url) => !url.pathname.startsWith('/signin')),
		page.keyboard.press('Enter')
	]);
}

/**
 * A signed-in page of the app's origin that starts no sync of its own (the crew app would), with
 * the bench's page code loaded as `window.curbsideBench`.
 */
export async function benchPage(
	env: BenchEnv,
	username: string
): Promise<{ context: BrowserContext; page: Page; origin: string }> {
	const { origin } = await env.cityServer();
	const browser = await env.browser();
	// The bench script is injected into an app page; the app's CSP allows only its own scripts.
	const context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block' });
	const page = await context.newPage();
	await signIn(page, origin, username);
	await page.goto(`${origin}/bench-blank`);
	await page.addScriptTag({ content: await env.benchScript() });
	return { context, page, origin };
}
