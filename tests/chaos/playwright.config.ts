import { defineConfig } from '@playwright/test';

/**
 * `npm run chaos`, browser part: each spec starts its own server process (ports 3175-3178) and its
 * own persistent Chromium profile, so there is no shared web server here.
 */
export default defineConfig({
	testDir: '.',
	testMatch: '*.spec.ts',
	globalSetup: './support/global-setup.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 300_000,
	expect: { timeout: 15_000 },
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']]
});
