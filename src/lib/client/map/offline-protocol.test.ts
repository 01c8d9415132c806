import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDb } from '$lib/client/test-support';
import type { CurbsideDb } from '$lib/client/db/schema';
import {
	BROWSED_PACK,
	createOfflineTiles,
	offlineStyle,
	OFFLINE_TILE_TEMPLATE,
	tileKeyOfUrl
} from './offline-protocol';
import { storeTiles } from './tile-store';

let db: CurbsideDb;
afterEach(async () => {
	await db?.delete();
});

function countingFetch(respond: (url: string) => Response) {
	const urls: string[] = [];
	const fetch = (async (input: RequestInfo | URL) => {
		urls.push(String(input));
		return respond(String(input));
	}) as typeof globalThis.fetch;
	return { fetch, urls };
}

const signal = new AbortController().signal;

describe('the offline tile protocol', () => {
	it('answers from the device without touching the network', async () => {
		db = freshDb();
		await storeTiles(db, [{ key: '15/8000/12000', data: new Uint8Array([9, 9]).buffer }], 'crew-area');
		const network = countingFetch(() => new Response(new Uint8Array([1])));
		const tiles = createOfflineTiles(db, { fetch: network.fetch });
		const data = await tiles.load('curbside-tiles://15/8000/12000', signal);
		expect(new Uint8Array(data)).toEqual(new Uint8Array([9, 9]));
		expect(network.urls).toEqual([]);
		expect(tiles.stats).toEqual({ fromStore: 1, fromNetwork: 0, unavailable: 0 });
	});

	it('fetches a missing tile from the server once, then keeps it', async () => {
		db = freshDb();
		const network = countingFetch(() => new Response(new Uint8Array([4, 5, 6])));
		const tiles = createOfflineTiles(db, { fetch: network.fetch, online: () => true });
		expect(new Uint8Array(await tiles.load('curbside-tiles://16/1/2', signal))).toEqual(
			new Uint8Array([4, 5, 6])
		);
		expect(new Uint8Array(await tiles.load('curbside-tiles://16/1/2', signal))).toEqual(
			new Uint8Array([4, 5, 6])
		);
		expect(network.urls).toEqual(['/tiles/16/1/2.pbf']);
		expect((await db.tiles.get('16/1/2'))?.pack).toBe(BROWSED_PACK);
		expect(tiles.stats).toEqual({ fromStore: 1, fromNetwork: 1, unavailable: 0 });
	});

	it('serves 204 and stored zero-length tiles as empty tiles', async () => {
		db = freshDb();
		await storeTiles(db, [{ key: '14/1/1', data: new ArrayBuffer(0) }], 'crew-area');
		const network = countingFetch(() => new Response(null, { status: 204 }));
		const tiles = createOfflineTiles(db, { fetch: network.fetch, online: () => true });
		expect((await tiles.load('curbside-tiles://14/1/1', signal)).byteLength).toBe(0);
		expect((await tiles.load('curbside-tiles://14/1/3', signal)).byteLength).toBe(0);
		expect(network.urls).toEqual(['/tiles/14/1/3.pbf']);
		expect(await db.tiles.get('14/1/3')).toBeDefined();
	});

	it('does not try the network when offline, and survives a failed fetch', async () => {
		db = freshDb();
		const network = countingFetch(() => {
			throw new TypeError('Failed to fetch');
		});
		let online = false;
		const tiles = createOfflineTiles(db, { fetch: network.fetch, online: () => online });
		expect((await tiles.load('curbside-tiles://14/2/2', signal)).byteLength).toBe(0);
		expect(network.urls).toEqual([]);
		online = true;
		expect((await tiles.load('curbside-tiles://14/2/2', signal)).byteLength).toBe(0);
		expect(tiles.stats).toEqual({ fromStore: 0, fromNetwork: 1, unavailable: 2 });
		expect(await db.tiles.count()).toBe(0);
	});

	it('refuses an address that is not a tile', async () => {
		db = freshDb();
		const tiles = createOfflineTiles(db, { fetch: countingFetch(() => new Response()).fetch });
		await expect(tiles.load('curbside-tiles://x/1/2', signal)).rejects.toThrow(/Not a map tile/);
		expect(tileKeyOfUrl('curbside-tiles://12/3/4')).toBe('12/3/4');
		expect(tileKeyOfUrl('https://evil/12/3/4')).toBeNull();
	});
});

describe('offlineStyle', () => {
	it("points the server's tile URLs at the protocol and leaves the stored style alone", () => {
		const style = {
			version: 8,
			sources: {
				city: { type: 'vector', tiles: ['http://127.0.0.1:3000/tiles/{z}/{x}/{y}.pbf'], maxzoom: 17 },
				other: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }
			},
			layers: []
		};
		const rewritten = offlineStyle(style);
		expect(rewritten.sources.city.tiles).toEqual([OFFLINE_TILE_TEMPLATE]);
		expect(rewritten.sources.city.maxzoom).toBe(17);
		expect(style.sources.city.tiles).toEqual(['http://127.0.0.1:3000/tiles/{z}/{x}/{y}.pbf']);
	});
});
