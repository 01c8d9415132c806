import { expect, test } from '@playwright/test';
import { TilePackDecoder, TILE_PACK_CONTENT_TYPE } from '../../src/lib/domain/map/pack';
import { lngLatToTile, tileKey, tilesForBBox, type LngLatBBox } from '../../src/lib/domain/map/tiles';

test.describe('map tiles API', () => {
	test('a signed-in crew member gets the style, a tile (then 304) and a pack', async ({
		request,
		baseURL
	}) => {
		await request.post('/api/auth/signin', { data: { username: 'dana.crew', password: 'curbside-demo' } });

		const info = await request.get('/api/tiles/info');
		expect(info.status()).toBe(200);
		const { bbox, styleUrl } = (await info.json()) as { bbox: LngLatBBox; styleUrl: string };
		expect(styleUrl).toBe(`${baseURL}/tiles/style.json`);

		const style = await request.get('/tiles/style.json');
		expect(style.status()).toBe(200);
		const styleText = await style.text();
		expect(styleText).not.toContain('glyphs');
		for (const url of styleText.match(/[a-z]+:\/\/[^"]+/gi) ?? [])
			expect(url.startsWith(`${baseURL}/`)).toBe(true);

		const [west, south, east, north] = bbox;
		const { x, y } = lngLatToTile((west + east) / 2, (south + north) / 2, 15);
		const tile = await request.get(`/tiles/15/${x}/${y}.pbf`);
		expect(tile.status()).toBe(200);
		expect(tile.headers()['content-type']).toBe('application/x-protobuf');
		expect((await tile.body()).length).toBeGreaterThan(100);
		const etag = tile.headers()['etag'] ?? '';
		const again = await request.get(`/tiles/15/${x}/${y}.pbf`, { headers: { 'if-none-match': etag } });
		expect(again.status()).toBe(304);
		expect((await request.get('/tiles/19/0/0.pbf')).status()).toBe(400);

		const keys = [...tilesForBBox(bbox, 12, 14), tileKey(15, x, y)];
		const pack = await request.post('/api/tiles/pack', { data: { tiles: keys } });
		expect(pack.status()).toBe(200);
		expect(pack.headers()['content-type']).toBe(TILE_PACK_CONTENT_TYPE);
		const decoder = new TilePackDecoder();
		const frames = decoder.push(new Uint8Array(await pack.body()));
		decoder.end();
		expect(frames.map((frame) => frame.key)).toEqual(keys);
		expect(frames.at(-1)?.data).toEqual(new Uint8Array(await tile.body()));

		const tooMany = Array.from({ length: 5001 }, (_, i) => tileKey(17, i, 0));
		const refused = await request.post('/api/tiles/pack', { data: { tiles: tooMany } });
		expect(refused.status()).toBe(400);
		expect((await refused.json()).error).toMatch(/at most 5000/);
	});

	test('anonymous callers get nothing', async ({ request }) => {
		const tile = await request.get('/tiles/12/1100/1500.pbf', { maxRedirects: 0 });
		expect(tile.status()).toBe(303);
		expect(tile.headers()['location']).toMatch(/^\/signin/);
		expect((await request.get('/tiles/style.json', { maxRedirects: 0 })).status()).toBe(303);
		expect((await request.get('/api/tiles/info')).status()).toBe(401);
		const pack = await request.post('/api/tiles/pack', { data: { tiles: ['12/1100/1500'] } });
		expect(pack.status()).toBe(401);
		expect((await pack.json()).error).toBeTruthy();
	});
});
