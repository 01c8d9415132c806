/**
 * Whether the built app is older than what it is built from, and building it: one rule for
 * `npm start` (scripts/start.js) and for the private copies the bench and chaos runs start
 * (scripts/copy-built-app.js, which copies this file beside start.js).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What the build is made from. A copy of the app has none of these, so it never rebuilds. */
const BUILD_INPUTS = [
	'src',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package.json',
	'package-lock.json'
];

/** Newest modification time under a file or folder. @param {string} target */
function newestMtime(target) {
	if (!fs.existsSync(target)) return 0;
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target))
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	return newest;
}

/** true when build/ is missing or any input changed after it was built. @param {string} root */
export function buildIsStale(root) {
	const entry = path.join(root, 'build', 'index.js');
	if (!fs.existsSync(entry)) return true;
	const builtAt = fs.statSync(entry).mtimeMs;
	return BUILD_INPUTS.some((input) => newestMtime(path.join(root, input)) > builtAt);
}

/** Runs `vite build` in `root`, its output on this terminal; returns the exit status. @param {string} root */
export function buildApp(root) {
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
	return result.status ?? 1;
}
