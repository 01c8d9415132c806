/**
 * The chaos run's private copy of the built app. build/ is shared by everyone who runs end-to-end
 * tests and may be rebuilt under a running test; a server killed and restarted here must come back
 * as the same code. The shared lock is held only to build when the sources changed and to copy.
 * (Same approach as bench/lib/app.ts.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const E2E_LOCK = '/tmp/curbside-e2e.lock';
export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(target: string): number {
	if (!fs.existsSync(target)) return 0;
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target))
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	return newest;
}

const LOCKED_STEP = `
const fs = require('node:fs'), path = require('node:path'), { spawnSync } = require('node:child_process');
const [root, dir, stale] = process.argv.slice(1);
if (stale === '1' || !fs.existsSync(path.join(root, 'build', 'index.js'))) {
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const built = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}
const keep = { recursive: true, preserveTimestamps: true };
fs.cpSync(path.join(root, 'build'), path.join(dir, 'build'), keep);
fs.cpSync(path.join(root, 'scripts', 'start.js'), path.join(dir, 'scripts', 'start.js'), keep);
fs.cpSync(path.join(root, 'package.json'), path.join(dir, 'package.json'), keep);
fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
`;

/** Builds if the sources are newer than build/, then copies the app aside; returns its folder. */
export function copyBuiltApp(): { dir: string; remove(): void } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curbside-chaos-app-'));
	const entry = path.join(ROOT, 'build', 'index.js');
	const builtAt = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
	const stale = INPUTS.some((input) => newestMtime(path.join(ROOT, input)) > builtAt) ? '1' : '0';
	// CHAOS_HOLDS_LOCK: the caller already holds the lock (a second flock on it would wait forever).
	const command = process.env.CHAOS_HOLDS_LOCK
		? [process.execPath, '-e', LOCKED_STEP, ROOT, dir, stale]
		: ['flock', E2E_LOCK, process.execPath, '-e', LOCKED_STEP, ROOT, dir, stale];
	const result = spawnSync(command[0]!, command.slice(1), { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) throw new Error('building or copying the app failed');
	return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The app copy made by global-setup.ts for this run. */
export function appDir(): string {
	const dir = process.env.CHAOS_APP_DIR;
	if (!dir) throw new Error('CHAOS_APP_DIR is not set: run through npm run chaos (global-setup.ts).');
	return dir;
}
