import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// SvelteKit still bundles src/service-worker.ts; the crew layout registers it (virtual:pwa-register)
		// so that updates wait for the crew's consent instead of SvelteKit's automatic registration.
		serviceWorker: { register: false },
		// Absolute asset URLs: the service worker serves the prerendered /crew shell for every crew URL
		// (/crew/orders/CS-1 too), where relative ./_app/ paths would point to files that do not exist.
		paths: { relative: false },
		// Scripts and the Playwright config are TypeScript too: typecheck and lint them with the app.
		typescript: {
			config: (tsconfig) => {
				tsconfig.include.push('../scripts/**/*.ts', '../playwright.config.ts');
				return tsconfig;
			}
		},
		// SvelteKit's origin check stays on: cross-site form posts are refused.
		// The origin check runs in hooks.server.ts (src/lib/server/auth/origin-check.ts): the same rule,
		// minus the Open311 endpoints whose clients authenticate with an api_key and send no Origin.
		csrf: { trustedOrigins: ['*'] },
		// Hashes/nonces for SvelteKit's own inline bootstrap script; no other inline script runs.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
