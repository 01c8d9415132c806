/**
 * Offline area download: the same ≥ 2,000 tiles fetched once through the pack endpoint (in the
 * crew app's request size) and once one request per tile with 6 at a time, as a browser would.
 *
 * In the bench harness: `runMapPackBench(origin, cookie)` against a running server with a signed-in
 * session cookie (`curbside_session=...`). Standalone: `tsx bench/map-pack.ts` builds if needed,
 * starts the app on 127.0.0.1:3111 (MAP_PACK_PORT) over a fresh demo database, signs in and
 * prints the figures; or `MAP_PACK_ORIGIN=http://127.0.0.1:3181 tsx bench/map-pack.ts` to use a
 * server already running with the demo users. Run it under the shared lock when it builds.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { areaForPoints, tilesForArea } from '../src/lib/domain/map/area';
import { TilePackDecoder } from '../src/lib/domain/map/pack';
import type { LngLatBBox, TileKey } from '../src/lib/domain/map/tiles';

const MIN_TILES = 2_000;
/** As the crew app asks (src/lib/client/map/area-pack.ts, TILES_PER_REQUEST). */
const TILES_PER_PACK = 1_500;
/** A browser's connections per host over HTTP/1.1. */
const PARALLEL_TILE_REQUESTS = 6;

interface Download {
	requests: number;
	seconds: number;
	/** Body bytes received. */
	bytes: number;
	/** Status lines and headers received, as counted from the parsed response (close to the wire). */
	headerBytes: number;
	tilesWithContent: number;
}

function headerBytes(response: Response): number {
	let total = `HTTP/1.1 ${response.status} ${response.statusText}\r\n\r\n`.length;
	response.headers.forEach((value, name) => (total += name.length + value.length + 4));
	return total;
}

/** The city's box grown until its hull-and-buffer area at zooms 12-17 holds at least MIN_TILES. */
function benchTiles(bbox: LngLatBBox): TileKey[] {
	const [west, south, east, north] = bbox;
	const corners = [
		{ lat: south, long: west },
		{ lat: south, long: east },
		{ lat: north, long: east },
		{ lat: north, long: west }
	];
	for (let buffer = 500; ; buffer += 250) {
		const keys = tilesForArea(areaForPoints(corners, buffer), 12, 17);
		if (keys.length >= MIN_TILES) return keys;
	}
}

async function downloadPacks(origin: string, cookie: string, keys: readonly TileKey[]): Promise<Download> {
	const result: Download = { requests: 0, seconds: 0, bytes: 0, headerBytes: 0, tilesWithContent: 0 };
	const started = performance.now();
	for (let start = 0; start < keys.length; start += TILES_PER_PACK) {
		const asked = keys.slice(start, start + TILES_PER_PACK);
		const response = await fetch(`${origin}/api/tiles/pack`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json', origin },
			body: JSON.stringify({ tiles: asked })
		});
		result.requests++;
		result.headerBytes += headerBytes(response);
		if (!response.ok || !response.body) throw new Error(`pack request answered ${response.status}`);
		const decoder = new TilePackDecoder();
		let received = 0;
		for await (const chunk of response.body) {
			result.bytes += chunk.length;
			for (const frame of decoder.push(chunk)) {
				received++;
				if (frame.data.length > 0) result.tilesWithContent++;
			}
		}
		decoder.end();
		if (received !== asked.length) throw new Error(`asked ${asked.length} tiles, got ${received}`);
	}
	result.seconds = (performance.now() - started) / 1000;
	return result;
}

async function downloadOneByOne(origin: string, cookie: string, keys: readonly TileKey[]): Promise<Download> {
	const result: Download = { requests: 0, seconds: 0, bytes: 0, headerBytes: 0, tilesWithContent: 0 };
	const started = performance.now();
	let next = 0;
	const worker = async () => {
		while (next < keys.length) {
			const key = keys[next++] as TileKey;
			const response = await fetch(`${origin}/tiles/${key}.pbf`, { headers: { cookie } });
			result.requests++;
			result.headerBytes += headerBytes(response);
			if (response.status !== 200 && response.status !== 204) {
				throw new Error(`tile ${key} answered ${response.status}`);
			}
			const body = new Uint8Array(await response.arrayBuffer());
			result.bytes += body.length;
			if (body.length > 0) result.tilesWithContent++;
		}
	};
	await Promise.all(Array.from({ length: PARALLEL_TILE_REQUESTS }, worker));
	result.seconds = (performance.now() - started) / 1000;
	return result;
}

/**
 * Downloads the bench's tiles both ways from a running server, tile caches warmed first so both
 * ways read the same cached tiles. Figures: tiles, requests, seconds and bytes of each way, and
 * one-by-one / pack ratios (above 1: the pack is better).
 */
export async function runMapPackBench(origin: string, cookie: string): Promise<Record<string, number>> {
	const infoResponse = await fetch(`${origin}/api/tiles/info`, { headers: { cookie } });
	if (!infoResponse.ok) throw new Error(`/api/tiles/info answered ${infoResponse.status}: signed in?`);
	const info = (await infoResponse.json()) as { bbox: LngLatBBox };
	const keys = benchTiles(info.bbox);

	await downloadPacks(origin, cookie, keys); // warms the server's tile cache
	const perTile = await downloadOneByOne(origin, cookie, keys);
	const pack = await downloadPacks(origin, cookie, keys);
	if (pack.tilesWithContent !== perTile.tilesWithContent) {
		throw new Error(
			`the pack held ${pack.tilesWithContent} tiles with content, one by one ${perTile.tilesWithContent}`
		);
	}
	return {
		tiles: keys.length,
		tilesWithContent: pack.tilesWithContent,
		packRequests: pack.requests,
		packSeconds: round(pack.seconds, 3),
		packBytes: pack.bytes + pack.headerBytes,
		perTileRequests: perTile.requests,
		perTileSeconds: round(perTile.seconds, 3),
		perTileBytes: perTile.bytes + perTile.headerBytes,
		requestRatio: round(perTile.requests / pack.requests, 1),
		secondsRatio: round(perTile.seconds / pack.seconds, 2),
		bytesRatio: round((perTile.bytes + perTile.headerBytes) / (pack.bytes + pack.headerBytes), 2)
	};
}

function round(value: number, digits: number): number {
	return Number(value.toFixed(digits));
}

async function signIn(origin: string, username: string): Promise<string> {
	const response = await fetch(`${origin}/api/auth/signin`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin },
		body: JSON.stringify({ username, password: 'curbside-demo' })
	});
	const cookie = response.headers.getSetCookie().find((line) => line.startsWith('curbside_session='));
	if (!response.ok || !cookie) throw new Error(`signing in as ${username} answered ${response.status}`);
	return cookie.split(';')[0] as string;
}

/** The app as `npm start` runs it, over a fresh demo database (seeded with the demo sign-ins). */
async function startDemoServer(root: string, port: number): Promise<{ origin: string; stop(): void }> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'curbside-map-pack-'));
	const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js')], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '' },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const origin = `http://127.0.0.1:${port}`;
	const stop = () => {
		child.kill('SIGTERM');
		fs.rmSync(dataDir, { recursive: true, force: true });
	};
	const deadline = Date.now() + 300_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
		if (Date.now() > deadline) {
			stop();
			throw new Error('the server did not start in 5 minutes');
		}
		try {
			if ((await fetch(`${origin}/signin`)).ok) return { origin, stop };
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

async function main(): Promise<void> {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	const given = process.env.MAP_PACK_ORIGIN;
	const server = given
		? { origin: given, stop: () => {} }
		: await startDemoServer(root, Number(process.env.MAP_PACK_PORT ?? 3111));
	try {
		const cookie = await signIn(server.origin, 'dana.crew');
		console.log(JSON.stringify(await runMapPackBench(server.origin, cookie), null, 2));
	} finally {
		server.stop();
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
