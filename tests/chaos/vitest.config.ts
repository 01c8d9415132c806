import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// `npm run chaos` (and .ci/run): real server processes, killed and restarted; never in `npm test`.
const resultsDir = process.env.CI_RESULTS_DIR;

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		name: 'chaos',
		root: '.',
		include: ['tests/chaos/**/*.test.ts'],
		globalSetup: ['tests/chaos/support/global-setup.ts'],
		environment: 'node',
		// One scenario at a time: they start servers on fixed ports and share the machine's 2 cores.
		fileParallelism: false,
		testTimeout: 300_000,
		hookTimeout: 300_000,
		reporters: resultsDir ? ['default', 'json'] : ['default'],
		outputFile: resultsDir ? { json: `${resultsDir}/vitest-chaos.json` } : undefined
	}
});
