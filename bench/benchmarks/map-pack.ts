/**
 * Map pack: the crew's offline area (2,000+ tiles) through the pack endpoint vs one request per
 * tile, from bench/map-pack.ts (the maps work), run against the large city's server with a crew
 * session. Requests, seconds and bytes each way, and the one-by-one / pack ratios.
 */
import { runMapPackBench } from '../map-pack';
import { log, type Benchmark } from '../lib/benchmark';
import { DEMO_PASSWORD, SYNC_USER } from '../lib/env';
import { writeResult } from '../lib/report';

async function sessionCookie(origin: string, username: string): Promise<string> {
	const response = await fetch(`${origin}/api/auth/signin`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin },
		body: JSON.stringify({ username, password: DEMO_PASSWORD })
	});
	const cookie = response.headers.getSetCookie().find((line) => line.startsWith('curbside_session='));
	if (!response.ok || !cookie) throw new Error(`signing in as ${username} answered ${response.status}`);
	return cookie.split(';')[0] as string;
}

export const mapPack: Benchmark = {
	name: 'map-pack',
	summary: 'offline area of 2,000+ tiles: pack endpoint vs one request per tile (6 at a time)',
	async run(env) {
		// Straight to the server: the relay would only add its own copying to both ways alike.
		const { server } = await env.cityServer();
		const figures = await runMapPackBench(server.origin, await sessionCookie(server.origin, SYNC_USER));
		log(JSON.stringify(figures));
		const value = (key: string) => figures[key] ?? Number.NaN;
		await writeResult(
			env.root,
			'map-pack',
			[
				{ figure: 'tiles in the offline area (zoom 12-17)', value: value('tiles'), unit: '' },
				{ figure: 'pack: requests', value: value('packRequests'), unit: '' },
				{ figure: 'pack: seconds', value: value('packSeconds'), unit: 's' },
				{ figure: 'pack: bytes received', value: value('packBytes'), unit: 'bytes' },
				{ figure: 'one per tile: requests', value: value('perTileRequests'), unit: '' },
				{ figure: 'one per tile: seconds', value: value('perTileSeconds'), unit: 's' },
				{ figure: 'one per tile: bytes received', value: value('perTileBytes'), unit: 'bytes' },
				{ figure: 'one per tile / pack: seconds', value: value('secondsRatio'), unit: 'x' },
				{ figure: 'one per tile / pack: bytes', value: value('bytesRatio'), unit: 'x' }
			],
			figures
		);
	}
};
