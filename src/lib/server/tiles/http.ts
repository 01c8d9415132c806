/**
 * The tile endpoints' HTTP: one tile with ETag revalidation, the style, the pack stream and the
 * map's facts. Routes under src/routes/tiles and src/routes/api/tiles are thin calls into here.
 */
import { json } from '@sveltejs/kit';
import { jsonError, readJsonBody } from '$lib/server/http/json';
import { cityBbox } from '$lib/server/city';
import { encodeTileFrame, PACK_END, TILE_PACK_CONTENT_TYPE } from '$lib/domain/map/pack';
import {
	PACK_MAX_ZOOM,
	PACK_MIN_ZOOM,
	parseTileKey,
	TILE_MAX_ZOOM,
	tileKey,
	type TileCoord
} from '$lib/domain/map/tiles';
import { etagOf, tileService, type TileService } from './service';
import { MAP_ATTRIBUTION, mapStyle, STYLE_PATH, TILE_PATH_TEMPLATE } from './style';

export const MVT_CONTENT_TYPE = 'application/x-protobuf';
/** The basemap changes only with a new city extract: a day fresh, then revalidated by ETag. */
export const TILE_CACHE_CONTROL = 'private, max-age=86400, stale-while-revalidate=604800';
/** The style names the request's origin, so it is revalidated on every use (cheap: 304). */
const STYLE_CACHE_CONTROL = 'private, no-cache';
export const MAX_PACK_TILES = 5000;
/** 5,000 keys of up to 16 bytes, quoted, with commas: well under this. */
const MAX_PACK_BODY_BYTES = 200_000;
/** Frames are gathered into chunks of about this size before they are handed to the socket. */
const PACK_CHUNK_BYTES = 64 * 1024;

/** Whether If-None-Match (a list of tags, maybe weak, or `*`) names this ETag. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	if (ifNoneMatch.trim() === '*') return true;
	return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function notModified(etag: string, cacheControl: string): Response {
	return new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': cacheControl } });
}

/**
 * GET /tiles/{z}/{x}/{y}.pbf: the tile's MVT bytes (not gzipped by us), or 204 No Content for an
 * empty tile (nothing there, or outside the city). Both carry the ETag and cache headers.
 */
export function tileResponse(
	params: { z: string; x: string; y: string },
	request: Request,
	tiles: TileService = tileService()
): Response {
	const coord = parseTileKey(`${params.z}/${params.x}/${params.y}`, TILE_MAX_ZOOM);
	if (!coord) {
		return jsonError(
			400,
			`No such tile: ${params.z}/${params.x}/${params.y}. Zoom runs 0-${TILE_MAX_ZOOM}, x and y 0 to 2^zoom - 1.`
		);
	}
	const { data, etag } = tiles.tile(coord.z, coord.x, coord.y);
	if (etagMatches(request.headers.get('if-none-match'), etag)) return notModified(etag, TILE_CACHE_CONTROL);
	const headers = { ETag: etag, 'Cache-Control': TILE_CACHE_CONTROL };
	if (data.length === 0) return new Response(null, { status: 204, headers });
	return new Response(data as Uint8Array<ArrayBuffer>, {
		headers: { ...headers, 'Content-Type': MVT_CONTENT_TYPE, 'Content-Length': String(data.length) }
	});
}

/** GET /tiles/style.json for this origin. */
export function styleResponse(url: URL, request: Request): Response {
	const body = JSON.stringify(mapStyle(url.origin));
	const etag = etagOf(new TextEncoder().encode(body));
	if (etagMatches(request.headers.get('if-none-match'), etag)) return notModified(etag, STYLE_CACHE_CONTROL);
	return new Response(body, {
		headers: { 'Content-Type': 'application/json', ETag: etag, 'Cache-Control': STYLE_CACHE_CONTROL }
	});
}

/** GET /api/tiles/info: what the map needs to plan an offline area. */
export function infoResponse(url: URL): Response {
	return json(
		{
			bbox: cityBbox(),
			minZoom: PACK_MIN_ZOOM,
			maxZoom: PACK_MAX_ZOOM,
			attribution: MAP_ATTRIBUTION,
			styleUrl: `${url.origin}${STYLE_PATH}`,
			tileUrl: `${url.origin}${TILE_PATH_TEMPLATE}`,
			packUrl: `${url.origin}/api/tiles/pack`,
			maxPackTiles: MAX_PACK_TILES
		},
		{ headers: { 'Cache-Control': 'private, no-cache' } }
	);
}

/** The pack request's tiles, distinct, in the order asked; or why the request is refused. */
export function parsePackRequest(
	body: unknown
): { ok: true; tiles: TileCoord[] } | { ok: false; error: string } {
	const list = (body as { tiles?: unknown } | null)?.tiles;
	if (typeof body !== 'object' || body === null || !Array.isArray(list)) {
		return { ok: false, error: 'Send { "tiles": ["z/x/y", ...] }.' };
	}
	if (list.length > MAX_PACK_TILES) {
		return { ok: false, error: `A pack holds at most ${MAX_PACK_TILES} tiles; ask in several packs.` };
	}
	const seen = new Set<string>();
	const tiles: TileCoord[] = [];
	for (const key of list) {
		const coord = typeof key === 'string' ? parseTileKey(key, TILE_MAX_ZOOM) : null;
		if (!coord) {
			return {
				ok: false,
				error: `${JSON.stringify(key)} is not a tile key "z/x/y" with zoom 0-${TILE_MAX_ZOOM}.`
			};
		}
		if (seen.has(key as string)) continue;
		seen.add(key as string);
		tiles.push(coord);
	}
	return { ok: true, tiles };
}

/**
 * POST /api/tiles/pack: the asked tiles as one stream of frames (docs/architecture.md, "Map
 * tiles"), built as the client reads, so memory stays flat however many tiles are asked for.
 */
export async function packResponse(request: Request, tiles: TileService = tileService()): Promise<Response> {
	const body = await readJsonBody(request, MAX_PACK_BODY_BYTES);
	if (!body.ok) return body.response;
	const parsed = parsePackRequest(body.value);
	if (!parsed.ok) return jsonError(400, parsed.error);
	return new Response(packStream(parsed.tiles, tiles), {
		headers: {
			'Content-Type': TILE_PACK_CONTENT_TYPE,
			'Cache-Control': 'no-store',
			'X-Tile-Count': String(parsed.tiles.length)
		}
	});
}

/** Frames for the tiles, then PACK_END, in chunks of about PACK_CHUNK_BYTES, one per read. */
export function packStream(coords: readonly TileCoord[], tiles: TileService): ReadableStream<Uint8Array> {
	let next = 0;
	let ended = false;
	return new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				const frames: Uint8Array[] = [];
				let size = 0;
				while (next < coords.length && size < PACK_CHUNK_BYTES) {
					const { z, x, y } = coords[next++] as TileCoord;
					const frame = encodeTileFrame(tileKey(z, x, y), tiles.tile(z, x, y).data);
					frames.push(frame);
					size += frame.length;
				}
				if (next >= coords.length && !ended) {
					// A copy: the shared constant must never be handed to a stream that might transfer it.
					frames.push(PACK_END.slice());
					size += PACK_END.length;
					ended = true;
				}
				if (size > 0) controller.enqueue(joinFrames(frames, size));
				if (ended) controller.close();
			}
		},
		// One chunk ahead at most: the stream waits for the socket instead of building every tile.
		{ highWaterMark: 1 }
	);
}

function joinFrames(frames: readonly Uint8Array[], size: number): Uint8Array {
	if (frames.length === 1) return frames[0] as Uint8Array;
	const chunk = new Uint8Array(size);
	let offset = 0;
	for (const frame of frames) {
		chunk.set(frame, offset);
		offset += frame.length;
	}
	return chunk;
}
