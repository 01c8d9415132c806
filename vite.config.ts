import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// In CI, every run also writes a JSON report that .ci/run adds up into its closing line.
const resultsDir = process.env.CI_RESULTS_DIR;
const resultsName = process.env.CI_RESULTS_NAME ?? 'vitest';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173, host: '127.0.0.1' },
	test: {
		reporters: resultsDir ? ['default', 'json'] : ['default'],
		outputFile: resultsDir ? { json: `${resultsDir}/${resultsName}.json` } : undefined,
		projects: [
			{
				extends: true,
				test: {
					name: 'domain',
					environment: 'node',
					include: ['src/lib/domain/**/*.test.ts']
				}
			},
			{
				extends: true,
				test: {
					// Browser code run in Node: IndexedDB comes from fake-indexeddb (see each test's import).
					name: 'client',
					environment: 'node',
					include: ['src/lib/client/**/*.test.ts', 'tests/sync/**/*.test.ts'],
					testTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'server',
					environment: 'node',
					include: ['src/lib/server/**/*.test.ts', 'tests/server/**/*.test.ts', 'scripts/**/*.test.ts'],
					// Server tests share SQLite files and a PostgreSQL database: run files one at a time.
					fileParallelism: false,
					testTimeout: 20_000
				}
			}
		]
	}
});
