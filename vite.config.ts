import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

// In CI, every run also writes a JSON report that .ci/run adds up into its closing line.
const resultsDir = process.env.CI_RESULTS_DIR;
const resultsName = process.env.CI_RESULTS_NAME ?? 'vitest';

/**
 * The crew PWA. SvelteKit bundles the worker itself from src/service-worker/index.ts (its own folder
 * for its own tsconfig); kit.serviceWorker.register is off in svelte.config.js because the crew
 * layout registers it through virtual:pwa-register. This plugin injects the precache manifest into
 * the built worker and writes manifest.webmanifest.
 */
const crewPwa = SvelteKitPWA({
	strategies: 'injectManifest',
	srcDir: 'src',
	// The built worker's name and URL. (Named `.ts`, the plugin would register /service-worker.ts
	// unless src/service-worker.ts itself exists.)
	filename: 'service-worker.js',
	// The update prompt decides when the new worker takes over; nothing reloads by itself.
	registerType: 'prompt',
	injectRegister: false,
	manifest: {
		name: 'Curbside',
		short_name: 'Curbside',
		description: "Today's work orders for city 311 crews, with or without signal.",
		id: '/crew',
		start_url: '/crew',
		scope: '/',
		display: 'standalone',
		orientation: 'any',
		// --brand and --paper in src/app.css.
		theme_color: '#0b3d2e',
		background_color: '#ffffff',
		icons: [
			{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
			{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
			{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
		]
	},
	injectManifest: {
		// Small build assets only. Photos and map tiles live in IndexedDB, never in the precache.
		globPatterns: [
			'client/**/*.{js,mjs,css,json,ico,png,svg,webp,woff2,webmanifest}',
			'prerendered/**/*.{html,json}'
		],
		// version.json changes with every build and is only useful fresh from the network.
		globIgnores: ['server/**', 'client/_app/version.json', 'client/**/*.{jpg,jpeg,pbf,mvt}']
	},
	// `self.__WB_MANIFEST` only exists in a build; the dev server runs without a service worker.
	devOptions: { enabled: false }
});

export default defineConfig({
	plugins: [sveltekit(), crewPwa],
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
					include: [
						'src/lib/client/**/*.test.ts',
						'src/lib/components/crew/**/*.test.ts',
						'tests/sync/**/*.test.ts'
					],
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
					testTimeout: 60_000
				}
			}
		]
	}
});
