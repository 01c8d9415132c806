import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173, host: '127.0.0.1' },
	test: {
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
