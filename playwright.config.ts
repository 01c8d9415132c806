import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/chromium';

const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = `test-results/e2e-data-${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	// Shared 2-core machines: a busy moment must not fail a test whose page is merely slow.
	expect: { timeout: 10_000 },
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		launchOptions: {
			executablePath: CHROMIUM_PATH,
			args: CHROMIUM_ARGS
		}
	},
	webServer: {
		// A fresh database for every run: remove the last run's data, then start as `npm start` does.
		command: `rm -rf ${dataDir} && node scripts/start.js`,
		url: `http://127.0.0.1:${port}/signin`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DATABASE_URL: process.env.E2E_DATABASE_URL ?? ''
		}
	}
});
