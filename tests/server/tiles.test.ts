/** The basemap server: tile content per zoom, caching headers, the style and the pack stream. */
// The style spec comes with maplibre-gl (a dependency); it is the validator maplibre itself runs.
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/lib/server/auth/policy';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { cityBbox, cityGeoJson } from '../../src/lib/server/city';
import { TileBuilder } from '../../src/lib/server/tiles/builder';
import {
	etagMatches,
	infoResponse,
	MAX_PACK_TILES,
	packResponse,
	packStream,
	styleResponse,
	tileResponse
} from '../../src/lib/server/tiles/http';
import { MAJOR_STREET_CLASSES } from '../../src/lib/server/tiles/layers';
import { TileService, tileService } from '../../src/lib/server/tiles/service';
import { estimatePackBytes } from '../../src/lib/domain/map/area';
import { TilePackDecoder, TILE_PACK_CONTENT_TYPE, type TileFrame } from '../../src/lib/domain/map/pack';
import { lngLatToTile, parseTileKey, tileKey, tilesForBBox } from '../../src/lib/domain/map/tiles';

const ORIGIN = 'http://127.0.0.1:3111';

interface LayerContent {
	classes: Set<string>;
	names: Set<string>;
	features: number;
}

/** Everything the city's tiles at zoom z hold, by layer. */
function contentAtZoom(z: number): Map<string, LayerContent> {
	const content = new Map<string, LayerContent>();
	for (const key of tilesForBBox(cityBbox(), z, z)) {
		const { x, y } = parseTileKey(key) as { x: number; y: number };
		const data = tileService().tile(z, x, y).data;
		if (data.length === 0) continue;
		const tile = new VectorTile(new Pbf(data));
		for (const [name, layer] of Object.entries(tile.layers)) {
			const entry = content.get(name) ?? { classes: new Set(), names: new Set(), features: 0 };
			for (let i = 0; i < layer.length; i++) {
				const { properties } = layer.feature(i);
				if (typeof properties.class === 'string') entry.classes.add(properties.class);
				if (typeof properties.name === 'string') entry.names.add(properties.name);
				entry.features++;
			}
			content.set(name, entry);
		}
	}
	return content;
}

function get(path: string, headers: Record<string, string> = {}): Request {
	return new Request(`${ORIGIN}${path}`, { headers });
}

function packRequest(body: unknown, type = 'application/json'): Request {
	return new Request(`${ORIGIN}/api/tiles/pack`, {
		method: 'POST',
		headers: { 'content-type': type },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}

/** Reads a pack in odd-sized pieces, as a network would deliver it. */
async function readPack(body: ReadableStream<Uint8Array>): Promise<TileFrame[]> {
	const decoder = new TilePackDecoder();
	const frames: TileFrame[] = [];
	let piece = 1;
	for await (const chunk of body) {
		let offset = 0;
		while (offset < chunk.length) {
			frames.push(...decoder.push(chunk.subarray(offset, offset + piece)));
			offset += piece;
			piece = 1 + ((piece * 7 + 3) % 4099);
		}
	}
	decoder.end();
	return frames;
}

const centre = (z: number) => {
	const [west, south, east, north] = cityBbox();
	return lngLatToTile((west + east) / 2, (south + north) / 2, z);
};

describe('basemap tiles', () => {
	it('show main roads, water and large green areas at z12, and no buildings', () => {
		const z12 = contentAtZoom(12);
		expect([...(z12.get('streets')?.classes ?? [])].every((c) => MAJOR_STREET_CLASSES.includes(c))).toBe(
			true
		);
		expect(z12.get('streets')?.names).toContain('Main Street');
		expect(z12.get('water')?.features).toBeGreaterThan(0);
		expect(z12.get('parks')?.classes).toContain('park');
		expect(z12.get('parks')?.classes).not.toContain('playground');
		expect(z12.has('buildings')).toBe(false);
	});

	it('add residential streets with their names at z14, buildings and service roads at z15, paths at z16', () => {
		const z13 = contentAtZoom(13);
		const z14 = contentAtZoom(14);
		const z15 = contentAtZoom(15);
		const z16 = contentAtZoom(16);
		expect(z13.get('streets')?.names).not.toContain('12th Avenue');
		expect(z14.get('streets')?.classes).toContain('residential');
		expect(z14.get('streets')?.names).toContain('12th Avenue');
		expect(z14.get('streets')?.classes).not.toContain('service');
		expect(z14.has('buildings')).toBe(false);
		expect(z15.get('buildings')?.features).toBeGreaterThan(300);
		expect(z15.get('streets')?.classes).toContain('service');
		expect(z15.get('streets')?.classes).not.toContain('footway');
		expect(z15.get('parks')?.classes).toContain('playground');
		expect(z16.get('streets')?.classes).toContain('footway');
		expect(z16.get('streets')?.names).toContain('Riverwalk Trail');
	});

	it('keep low zooms small: the whole city at z12 is a few kilobytes', () => {
		const { x, y } = centre(12);
		expect(tileService().tile(12, x, y).data.length).toBeLessThan(20_000);
		const encoded = new TextEncoder().encode(JSON.stringify(cityGeoJson())).length;
		expect(encoded).toBeGreaterThan(100_000);
	});

	it('cost what the area size estimate says, for the city itself', () => {
		const keys = tilesForBBox(cityBbox(), 12, 17);
		let actual = 0;
		for (const key of keys) {
			const { z, x, y } = parseTileKey(key) as { z: number; x: number; y: number };
			actual += tileService().tile(z, x, y).data.length + 6 + key.length;
		}
		const estimate = estimatePackBytes(keys);
		expect(estimate).toBeGreaterThanOrEqual(actual);
		expect(estimate).toBeLessThan(actual * 1.5);
	});

	it('serve a tile as MVT with a strong ETag and cache headers, and 304 when it has not changed', async () => {
		const { x, y } = centre(15);
		const params = { z: '15', x: String(x), y: String(y) };
		const first = tileResponse(params, get(`/tiles/15/${x}/${y}.pbf`));
		expect(first.status).toBe(200);
		expect(first.headers.get('content-type')).toBe('application/x-protobuf');
		expect(first.headers.get('content-encoding')).toBeNull();
		expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
		const etag = first.headers.get('etag') ?? '';
		expect(etag).toMatch(/^"[^"]+"$/);
		const bytes = new Uint8Array(await first.arrayBuffer());
		expect(Number(first.headers.get('content-length'))).toBe(bytes.length);
		expect(Object.keys(new VectorTile(new Pbf(bytes)).layers).sort()).toEqual([
			'buildings',
			'parks',
			'streets',
			'water'
		]);

		const again = tileResponse(params, get('/', { 'if-none-match': etag }));
		expect(again.status).toBe(304);
		expect(again.headers.get('etag')).toBe(etag);
		expect(await again.text()).toBe('');
		expect(tileResponse(params, get('/', { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
		expect(tileResponse(params, get('/', { 'if-none-match': '"other"' })).status).toBe(200);
	});

	it('answer 204 No Content, still cacheable, where nothing is', () => {
		const { x, y } = lngLatToTile(0, 0, 15);
		const empty = tileResponse({ z: '15', x: String(x), y: String(y) }, get('/'));
		expect(empty.status).toBe(204);
		expect(empty.headers.get('etag')).toBeTruthy();
		expect(empty.headers.get('cache-control')).toMatch(/max-age/);
	});

	it('refuse coordinates that name no tile with 400 {error}', async () => {
		for (const [z, x, y] of [
			['18', '0', '0'],
			['12', '4096', '0'],
			['12', '0', '-1'],
			['a', '0', '0'],
			['012', '0', '0'],
			['12', '1.5', '0']
		] as const) {
			const response = tileResponse({ z, x, y }, get('/'));
			expect(response.status, `${z}/${x}/${y}`).toBe(400);
			expect((await response.json()).error).toMatch(/No such tile/);
		}
	});

	it('are cached: the builder runs once per tile', () => {
		let builds = 0;
		const builder = new TileBuilder(cityGeoJson().features);
		const build = builder.build.bind(builder);
		builder.build = (z, x, y) => (builds++, build(z, x, y));
		const service = new TileService(builder);
		const { x, y } = centre(14);
		const first = service.tile(14, x, y);
		expect(service.tile(14, x, y)).toBe(first);
		expect(builds).toBe(1);
	});

	it('match If-None-Match lists as RFC 9110 says (weak comparison, *)', () => {
		expect(etagMatches(null, '"a"')).toBe(false);
		expect(etagMatches('*', '"a"')).toBe(true);
		expect(etagMatches('"b", "a"', '"a"')).toBe(true);
		expect(etagMatches('W/"a"', '"a"')).toBe(true);
		expect(etagMatches('"ab"', '"a"')).toBe(false);
	});
});

describe('the style', () => {
	async function style() {
		const response = styleResponse(new URL(`${ORIGIN}/tiles/style.json`), get('/tiles/style.json'));
		expect(response.headers.get('content-type')).toBe('application/json');
		return (await response.json()) as Record<string, unknown> & {
			sources: Record<string, Record<string, unknown>>;
			layers: { id: string; type: string; layout?: Record<string, unknown> }[];
		};
	}

	it('names only this server: no glyphs, no sprite, every URL starts with the request origin', async () => {
		const body = await style();
		expect(body).not.toHaveProperty('glyphs');
		expect(body).not.toHaveProperty('sprite');
		const urls: string[] = [];
		const walk = (value: unknown): void => {
			if (typeof value === 'string' && /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(value)) urls.push(value);
			else if (Array.isArray(value)) value.forEach(walk);
			else if (value && typeof value === 'object') Object.values(value).forEach(walk);
		};
		walk(body);
		expect(urls).toEqual([`${ORIGIN}/tiles/{z}/{x}/{y}.pbf`]);
		expect(urls.every((url) => url.startsWith(`${ORIGIN}/`))).toBe(true);
	});

	it('is a valid maplibre style by the style specification maplibre-gl ships with', async () => {
		const spec = (await style()) as unknown as StyleSpecification;
		expect(validateStyleMin(spec)).toEqual([]);
	});

	it('draws the city source z12-z17 with credit, and labels streets with a local font', async () => {
		const body = await style();
		expect(body.version).toBe(8);
		expect(body.sources.city).toMatchObject({
			type: 'vector',
			minzoom: 12,
			maxzoom: 17,
			attribution: '© OpenStreetMap contributors'
		});
		expect(body.layers.map((layer) => layer.id)).toEqual(
			expect.arrayContaining(['background', 'water', 'parks', 'buildings', 'streets-major', 'street-labels'])
		);
		const labels = body.layers.find((layer) => layer.id === 'street-labels');
		expect(labels?.layout).toMatchObject({
			'symbol-placement': 'line',
			'text-field': ['get', 'name'],
			'text-font': ['sans-serif']
		});
		const [lng, lat] = body.center as [number, number];
		const [west, south, east, north] = cityBbox();
		expect(lng > west && lng < east && lat > south && lat < north).toBe(true);
	});

	it('is revalidated by ETag', async () => {
		const first = styleResponse(new URL(`${ORIGIN}/tiles/style.json`), get('/'));
		const etag = first.headers.get('etag') ?? '';
		const again = styleResponse(new URL(`${ORIGIN}/tiles/style.json`), get('/', { 'if-none-match': etag }));
		expect(again.status).toBe(304);
	});
});

describe('the pack endpoint', () => {
	const cityTiles = tilesForBBox(cityBbox(), 12, 15);
	const { x: farX, y: farY } = lngLatToTile(0, 0, 14);
	const farAway = tileKey(14, farX, farY);

	it('streams exactly the asked tiles, once each, in order, with the bytes GET serves, then the end marker', async () => {
		const asked = [...cityTiles, farAway, cityTiles[0] as string];
		const response = await packResponse(packRequest({ tiles: asked }));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe(TILE_PACK_CONTENT_TYPE);
		const frames = await readPack(response.body as ReadableStream<Uint8Array>);
		expect(frames.map((frame) => frame.key)).toEqual([...cityTiles, farAway]);
		for (const frame of frames) {
			const { z, x, y } = parseTileKey(frame.key) as { z: number; x: number; y: number };
			expect(Buffer.from(frame.data).equals(Buffer.from(tileService().tile(z, x, y).data))).toBe(true);
		}
		expect(frames.at(-1)?.data.length).toBe(0);
		expect(frames.filter((frame) => frame.data.length > 0).length).toBeGreaterThan(10);
	});

	it('answers an empty list with just the end marker', async () => {
		const response = await packResponse(packRequest({ tiles: [] }));
		expect(await readPack(response.body as ReadableStream<Uint8Array>)).toEqual([]);
	});

	it('builds tiles as the client reads rather than all up front', async () => {
		let asked = 0;
		class CountingService extends TileService {
			override tile(z: number, x: number, y: number) {
				asked++;
				return super.tile(z, x, y);
			}
		}
		// About 450 KB of frames: several 64 KB chunks.
		const keys = Array.from({ length: 5 }, () => tilesForBBox(cityBbox(), 16, 17)).flat();
		const reader = packStream(
			keys.map((key) => parseTileKey(key) as { z: number; x: number; y: number }),
			new CountingService(new TileBuilder(cityGeoJson().features))
		).getReader();
		await reader.read();
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(asked).toBeGreaterThan(0);
		expect(asked).toBeLessThan(keys.length / 2);
		await reader.cancel();
	});

	it(`refuses more than ${MAX_PACK_TILES} tiles, bad keys, zooms beyond 17 and bodies that are not the shape`, async () => {
		const tooMany = Array.from({ length: MAX_PACK_TILES + 1 }, (_, i) => tileKey(17, i, 0));
		for (const body of [
			{ tiles: tooMany },
			{ tiles: ['12/1/1', 'nope'] },
			{ tiles: ['18/0/0'] },
			{ tiles: [12] },
			{ tiles: '12/1/1' },
			['12/1/1'],
			null
		]) {
			const response = await packResponse(packRequest(body));
			expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(400);
			expect(typeof (await response.json()).error).toBe('string');
		}
		expect((await packResponse(packRequest('{"tiles": ['))).status).toBe(400);
		expect((await packResponse(packRequest({ tiles: [] }, 'text/plain'))).status).toBe(415);
		const exactly = await packResponse(packRequest({ tiles: tooMany.slice(1) }));
		expect(exactly.status).toBe(200);
		await exactly.body?.cancel();
	});
});

describe('access and facts', () => {
	const user = (role: SessionUser['role']): SessionUser => ({
		id: 'u',
		username: 'u',
		displayName: 'U',
		role,
		crewId: role === 'crew' ? 'north' : null,
		department: null
	});

	it('lets any signed-in user have tiles and the style, and packs to crew, supervisors and admins', () => {
		expect(authorize('/tiles/12/1/1.pbf', null)).toBe('sign-in');
		expect(authorize('/tiles/style.json', null)).toBe('sign-in');
		expect(authorize('/api/tiles/pack', null)).toBe('sign-in');
		for (const role of ['crew', 'supervisor', 'admin'] as const) {
			expect(authorize('/tiles/12/1/1.pbf', user(role))).toBe('allow');
			expect(authorize('/api/tiles/pack', user(role))).toBe('allow');
			expect(authorize('/api/tiles/info', user(role))).toBe('allow');
		}
	});

	it('tells the client the extent, zooms, credit and URLs', async () => {
		const info = await infoResponse(new URL(`${ORIGIN}/api/tiles/info`)).json();
		expect(info).toMatchObject({
			bbox: cityBbox(),
			minZoom: 12,
			maxZoom: 17,
			attribution: '© OpenStreetMap contributors',
			styleUrl: `${ORIGIN}/tiles/style.json`,
			maxPackTiles: MAX_PACK_TILES
		});
	});
});
