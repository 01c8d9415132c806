#!/usr/bin/env node
/**
 * A private copy of the built app, for runs that start and stop servers for minutes (the bench,
 * the chaos tests). build/ is shared by everyone who runs end-to-end tests and may be rebuilt under
 * a running test; a server started from the copy stays the same code. The shared lock
 * (/tmp/curbside-e2e.lock) is held only to build when the sources changed and to copy.
 *
 * `flock /tmp/curbside-e2e.lock node scripts/copy-built-app.js <dir>` does the locked part;
 * copyBuiltApp() makes a fresh folder and runs that.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, buildIsStale } from './build-freshness.js';

export const E2E_LOCK = '/tmp/curbside-e2e.lock';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), '..');

/**
 * Copies the built app (building first if needed) into a new folder named after `prefix`.
 * `holdsLock`: the caller already holds the shared lock (a second flock on it would wait forever).
 * @param {{ prefix: string, holdsLock?: boolean }} options
 * @returns {{ dir: string, remove(): void }}
 */
export function copyBuiltApp({ prefix, holdsLock = false }) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	const step = [SCRIPT, dir];
	const [program, args] = holdsLock
		? [process.execPath, step]
		: ['flock', [E2E_LOCK, process.execPath, ...step]];
	const result = spawnSync(program, args, { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw new Error('building or copying the app failed');
	}
	return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The locked part: the same staleness rule as `npm start`, then a copy that keeps mtimes. */
function buildAndCopy(/** @type {string} */ dir) {
	if (buildIsStale(ROOT)) {
		console.log('[copy-built-app] building the app (sources changed)...');
		const status = buildApp(ROOT);
		if (status !== 0) process.exit(status);
	}
	const keep = { recursive: true, preserveTimestamps: true };
	fs.cpSync(path.join(ROOT, 'build'), path.join(dir, 'build'), keep);
	for (const script of ['start.js', 'build-freshness.js'])
		fs.cpSync(path.join(ROOT, 'scripts', script), path.join(dir, 'scripts', script), keep);
	fs.cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'), keep);
	// The copy has no sources, so its start.js sees nothing newer than its build and never rebuilds.
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === SCRIPT) {
	const dir = process.argv[2];
	if (!dir) {
		console.error('usage: flock /tmp/curbside-e2e.lock node scripts/copy-built-app.js <dir>');
		process.exit(2);
	}
	buildAndCopy(path.resolve(dir));
}
