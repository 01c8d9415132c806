import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDb, order } from '$lib/client/test-support';
import type { CurbsideDb } from '$lib/client/db/schema';
import { encodeTileFrame, PACK_END } from '$lib/domain/map/pack';
import { CREW_AREA_PACK, downloadArea, planArea, refreshAreaIfOutgrown, sitesOutside } from './area-pack';
import { AreaPackState } from './area-pack.svelte';

/** Small requests here so a test area (a few hundred tiles) still takes several. */
const PER_REQUEST = 100;

const STYLE = {
	version: 8,
	sources: { city: { type: 'vector', tiles: ['http://x/tiles/{z}/{x}/{y}.pbf'] } },
	layers: []
};

/** A fake server: info, style, and packs whose tiles are 3 bytes (every 5th one empty). */
function fakeServer(options: { abortAfterRequests?: AbortController; failPack?: boolean } = {}) {
	const packRequests: string[][] = [];
	const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = String(input);
		init?.signal?.throwIfAborted();
		if (url === '/api/tiles/info') {
			return Response.json({
				styleUrl: 'http://x/tiles/style.json',
				attribution: '© OpenStreetMap contributors'
			});
		}
		if (url === 'http://x/tiles/style.json') return Response.json(STYLE);
		if (url === '/api/tiles/pack') {
			if (options.failPack) return Response.json({ error: 'busy' }, { status: 503 });
			const keys = (JSON.parse(String(init?.body)) as { tiles: string[] }).tiles;
			packRequests.push(keys);
			const frames = keys.map((key, i) =>
				encodeTileFrame(key, i % 5 === 0 ? new Uint8Array(0) : new Uint8Array([1, 2, 3]))
			);
			const abort = options.abortAfterRequests;
			const body = new ReadableStream<Uint8Array>({
				start(controller) {
					// Split frames across chunks at odd places, as a network does.
					const all = new Uint8Array(frames.reduce((n, f) => n + f.length, 0) + PACK_END.length);
					let at = 0;
					for (const frame of [...frames, PACK_END]) {
						all.set(frame, at);
						at += frame.length;
					}
					for (let i = 0; i < all.length; i += 997) controller.enqueue(all.slice(i, i + 997));
					controller.close();
					if (abort && packRequests.length === 1) abort.abort();
				}
			});
			return new Response(body, { headers: { 'Content-Type': 'application/vnd.curbside.tilepack' } });
		}
		return new Response(null, { status: 404 });
	}) as typeof globalThis.fetch;
	return { fetch, packRequests };
}

/** Orders spread over about 4 km: a few hundred tiles. */
async function crewDay(db: CurbsideDb): Promise<void> {
	await db.orders.bulkPut([
		order('CS-1', { lat: 41.93, long: -85.66 }),
		order('CS-2', { lat: 41.96, long: -85.6 }),
		order('CS-3', { lat: 41.95, long: -85.64, status: 'closed' })
	]);
}

let db: CurbsideDb;
afterEach(async () => {
	await db?.delete();
});

describe('planArea', () => {
	it('plans nothing without open work', async () => {
		db = freshDb();
		await db.orders.put(order('CS-9', { status: 'closed' }));
		expect(await planArea(db)).toBeNull();
	});

	it('counts the tiles of the open sites and estimates their size before anything is fetched', async () => {
		db = freshDb();
		await crewDay(db);
		const plan = await planArea(db);
		expect(plan).not.toBeNull();
		expect(plan!.keys.length).toBeGreaterThan(2 * PER_REQUEST);
		expect(plan!.missing).toEqual(plan!.keys);
		expect(plan!.estimatedBytes).toBeGreaterThan(plan!.keys.length * 100);
		expect(plan!.keys.every((key) => /^(1[2-7])\//.test(key))).toBe(true);
	});
});

describe('downloadArea', () => {
	it('stores every tile and the style in a few large requests, reporting progress', async () => {
		db = freshDb();
		await crewDay(db);
		const plan = (await planArea(db))!;
		const server = fakeServer();
		const progress: number[] = [];
		const outcome = await downloadArea(db, plan, {
			fetch: server.fetch,
			tilesPerRequest: PER_REQUEST,
			onProgress: (p) => progress.push(p.done)
		});
		expect(outcome.requests).toBe(Math.ceil(plan.keys.length / PER_REQUEST));
		expect(server.packRequests.every((keys) => keys.length <= PER_REQUEST)).toBe(true);
		expect(outcome.fetched).toBe(plan.keys.length);
		expect(await db.tiles.count()).toBe(plan.keys.length);
		expect(progress.at(-1)).toBe(plan.keys.length);
		expect(progress).toEqual([...progress].sort((a, b) => a - b));
		const pack = await db.mapPacks.get(CREW_AREA_PACK);
		expect(pack?.completedAt).not.toBeNull();
		expect(pack?.style).toEqual(STYLE);
		expect(pack?.tileCount).toBe(plan.keys.length);
		expect(pack?.bytes).toBe(outcome.bytes);
		// Empty tiles are stored as empty, so the map knows there is nothing there.
		expect((await db.tiles.get(plan.keys[0]!))?.bytes).toBe(0);
	});

	it('keeps what arrived when cancelled, and a resumed download fetches only the rest', async () => {
		db = freshDb();
		await crewDay(db);
		const plan = (await planArea(db))!;
		const controller = new AbortController();
		const first = fakeServer({ abortAfterRequests: controller });
		await expect(
			downloadArea(db, plan, { fetch: first.fetch, signal: controller.signal, tilesPerRequest: PER_REQUEST })
		).rejects.toThrow();
		expect(first.packRequests).toHaveLength(1);
		const kept = await db.tiles.count();
		expect(kept).toBe(PER_REQUEST);
		expect((await db.mapPacks.get(CREW_AREA_PACK))?.completedAt).toBeNull();

		const resumed = (await planArea(db))!;
		expect(resumed.missing).toHaveLength(plan.keys.length - kept);
		const second = fakeServer();
		const outcome = await downloadArea(db, resumed, { fetch: second.fetch, tilesPerRequest: PER_REQUEST });
		expect(second.packRequests.flat()).toEqual(resumed.missing);
		expect(outcome.fetched).toBe(plan.keys.length - kept);
		expect(await db.tiles.count()).toBe(plan.keys.length);
		expect((await db.mapPacks.get(CREW_AREA_PACK))?.completedAt).not.toBeNull();
	});

	it('says what went wrong when the server refuses a pack', async () => {
		db = freshDb();
		await crewDay(db);
		const plan = (await planArea(db))!;
		await expect(downloadArea(db, plan, { fetch: fakeServer({ failPack: true }).fetch })).rejects.toThrow(
			/HTTP 503: busy/
		);
	});
});

describe('sitesOutside', () => {
	it('finds new open work outside the stored area', async () => {
		db = freshDb();
		await crewDay(db);
		const plan = (await planArea(db))!;
		await downloadArea(db, plan, { fetch: fakeServer().fetch });
		const pack = await db.mapPacks.get(CREW_AREA_PACK);
		expect(sitesOutside(pack, await db.orders.toArray())).toBe(0);
		await db.orders.put(order('CS-4', { lat: 42.1, long: -85.3 }));
		expect(sitesOutside(pack, await db.orders.toArray())).toBe(1);
		expect(sitesOutside(undefined, await db.orders.toArray())).toBe(0);
	});
});

describe('refreshAreaIfOutgrown', () => {
	it('grows a stored area to cover new work outside it, and leaves a crew without one alone', async () => {
		db = freshDb();
		await crewDay(db);
		const server = fakeServer();
		expect(await refreshAreaIfOutgrown(db, { fetch: server.fetch })).toBe(false);
		expect(server.packRequests).toHaveLength(0);

		await downloadArea(db, (await planArea(db))!, { fetch: server.fetch });
		expect(await refreshAreaIfOutgrown(db, { fetch: server.fetch })).toBe(false);
		const requestsBefore = server.packRequests.length;

		await db.orders.put(order('CS-4', { lat: 41.99, long: -85.55 }));
		expect(await refreshAreaIfOutgrown(db, { fetch: server.fetch })).toBe(true);
		const fetched = server.packRequests.slice(requestsBefore).flat();
		expect(fetched.length).toBeGreaterThan(0);
		const pack = await db.mapPacks.get(CREW_AREA_PACK);
		expect(sitesOutside(pack, await db.orders.toArray())).toBe(0);
		expect(await db.tiles.where('key').anyOf(fetched).count()).toBeGreaterThan(0);
	});
});

describe('AreaPackState (the panel)', () => {
	it('shows count and size before fetching, can be cancelled, then downloads with progress to the end', async () => {
		db = freshDb();
		await crewDay(db);
		const server = fakeServer();
		let cancelNext = true;
		const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
			if (String(input) === '/api/tiles/pack' && cancelNext) {
				// Cancel pressed while the pack request is on its way.
				cancelNext = false;
				state.cancel();
			}
			return server.fetch(input, init);
		}) as typeof globalThis.fetch;
		const state = new AreaPackState(db, fetch);

		await state.prepare();
		expect(state.plan?.keys.length).toBeGreaterThan(100);
		expect(state.plan?.missing).toEqual(state.plan?.keys);
		expect(state.plan?.estimatedBytes).toBeGreaterThan(0);
		expect(state.total).toBe(state.plan?.keys.length);
		expect(server.packRequests).toHaveLength(0);

		await state.download();
		expect(state.phase).toBe('cancelled');
		expect(state.problem).toBeNull();
		expect(state.plan?.missing.length).toBe(state.total);

		await state.download();
		expect(state.phase).toBe('done');
		expect(state.done).toBe(state.total);
		expect(state.percent).toBe(100);
		expect(await db.tiles.count()).toBe(state.total);
		expect(state.plan?.missing).toEqual([]);
	});
});
