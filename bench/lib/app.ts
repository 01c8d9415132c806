/**
 * The bench's private copy of the built app. build/ is shared by everyone who runs end-to-end
 * tests, so the bench holds the shared lock (/tmp/curbside-e2e.lock) only to build when the
 * sources changed and to copy build/ aside; the long benchmarks then run on the copy while
 * others' e2e runs go on.
 *
 * Run as a script (`flock <lock> tsx bench/lib/app.ts <dir>`) it does the locked part.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_LOCK = '/tmp/curbside-e2e.lock';

const INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'package-lock.json'];

export interface AppCopy {
	dir: string;
	remove(): void;
}

/** Builds if needed and copies the app aside, under the shared lock. */
export function copyBuiltApp(root: string): AppCopy {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curbside-bench-app-'));
	const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
	const started = Date.now();
	const result = spawnSync(
		'flock',
		[E2E_LOCK, process.execPath, tsx, path.join(root, 'bench', 'lib', 'app.ts'), dir],
		{ cwd: root, stdio: 'inherit' }
	);
	if (result.status !== 0) throw new Error('building or copying the app failed');
	console.log(`[bench] app copied to ${dir} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function newestMtime(target: string): number {
	if (!fs.existsSync(target)) return 0;
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target))
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	return newest;
}

/** The locked part: the same staleness rule as scripts/start.js, then a copy that keeps mtimes. */
function buildAndCopy(root: string, dir: string): void {
	const entry = path.join(root, 'build', 'index.js');
	const builtAt = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
	if (INPUTS.some((input) => newestMtime(path.join(root, input)) > builtAt)) {
		console.log('[bench] building the app...');
		const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
		const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
		if (result.status !== 0) process.exit(result.status ?? 1);
	}
	const keep = { recursive: true, preserveTimestamps: true };
	fs.cpSync(path.join(root, 'build'), path.join(dir, 'build'), keep);
	fs.cpSync(path.join(root, 'scripts', 'start.js'), path.join(dir, 'scripts', 'start.js'), keep);
	fs.cpSync(path.join(root, 'package.json'), path.join(dir, 'package.json'), keep);
	// The copy has no sources, so start.js sees nothing newer than its build and never rebuilds.
	fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const dir = process.argv[2];
	if (!dir) throw new Error('usage: app.ts <dir>');
	buildAndCopy(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'), dir);
}
