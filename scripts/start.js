#!/usr/bin/env node
/**
 * `npm start`: builds the app when the build is missing or older than the sources, then serves it.
 * The server itself migrates the database and seeds the demo city on first start (src/hooks.server.ts).
 *
 * Environment: PORT (3000), HOST (127.0.0.1), DATABASE_URL (postgres://... for PostgreSQL),
 * DATA_DIR (./data), SEED_DEMO (set to false to start with an empty city).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildEntry = path.join(root, 'build', 'index.js');
const inputs = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'package-lock.json'];

/** Newest modification time under a file or folder. */
function newestMtime(target) {
	if (!fs.existsSync(target)) return 0;
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
	return newest;
}

function buildIsStale() {
	if (!fs.existsSync(buildEntry)) return true;
	const builtAt = fs.statSync(buildEntry).mtimeMs;
	return inputs.some((input) => newestMtime(path.join(root, input)) > builtAt);
}

if (buildIsStale()) {
	console.log('[curbside] Building the app (first start or sources changed)...');
	const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) {
		console.error('[curbside] The build failed; see the messages above.');
		process.exit(result.status ?? 1);
	}
}

process.env.PORT ??= '3000';
process.env.HOST ??= '127.0.0.1';
// Residents' apps post photos over slow links: give bodies room (photos get their own limit).
process.env.BODY_SIZE_LIMIT ??= '25M';
const shown = process.env.HOST === '127.0.0.1' || process.env.HOST === '0.0.0.0' ? 'localhost' : process.env.HOST;
console.log(`[curbside] Starting on http://${shown}:${process.env.PORT}`);
await import(buildEntry);
