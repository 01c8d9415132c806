/**
 * `npm run bench` runs every benchmark; `npm run bench -- first-sync cold-start` runs the named
 * ones; `npm run bench -- --list` lists them. Each writes bench/results/<name>.json and the table
 * in docs/performance.md.
 *
 * The shared e2e lock (/tmp/curbside-e2e.lock) is held only to build (when the sources changed)
 * and copy build/ aside (scripts/copy-built-app.js); the benchmarks then serve that private copy on
 * 127.0.0.1:3181 (relay :3182), so others' e2e runs are not blocked for the whole bench.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundles } from './benchmarks/bundles';
import { coldStart } from './benchmarks/cold-start';
import { dayUpload } from './benchmarks/day-upload';
import { firstSync } from './benchmarks/first-sync';
import { lighthouseBench } from './benchmarks/lighthouse';
import { mapPack } from './benchmarks/map-pack';
import { serverLoad } from './benchmarks/server-load';
import { log, type Benchmark } from './lib/benchmark';
import { BenchEnv } from './lib/env';

/** In running order: the browser benchmarks share the large city; server load starts its own. */
const BENCHMARKS: Benchmark[] = [
	firstSync,
	dayUpload,
	coldStart,
	bundles,
	lighthouseBench,
	mapPack,
	serverLoad
];

async function main(args: string[]): Promise<void> {
	if (args.includes('--list')) {
		for (const bench of BENCHMARKS) console.log(`${bench.name.padEnd(12)} ${bench.summary}`);
		return;
	}
	const unknown = args.filter((name) => !BENCHMARKS.some((bench) => bench.name === name));
	if (unknown.length > 0) {
		throw new Error(
			`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`
		);
	}
	const chosen = args.length === 0 ? BENCHMARKS : BENCHMARKS.filter((bench) => args.includes(bench.name));
	const env = new BenchEnv(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
	const started = Date.now();
	const failed: string[] = [];
	try {
		for (const bench of chosen) {
			const benchStarted = Date.now();
			log(`--- ${bench.name}: ${bench.summary}`);
			try {
				await bench.run(env);
			} catch (error) {
				// One broken benchmark must not cost the figures of the others.
				failed.push(bench.name);
				console.error(`[bench] ${bench.name} failed:`, error);
			}
			log(`--- ${bench.name} took ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);
		}
	} finally {
		await env.close();
	}
	log(`all done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	if (failed.length > 0) {
		console.error(`[bench] failed: ${failed.join(', ')}`);
		process.exitCode = 1;
	}
}

await main(process.argv.slice(2));
