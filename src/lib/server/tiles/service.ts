/**
 * Encoded tiles with their ETags, from an in-memory LRU cache in front of the builder. GET
 * /tiles/... and the pack endpoint both read here, so a tile is built once per process while it
 * stays in the cache.
 */
import { createHash } from 'node:crypto';
import { cityGeoJson } from '$lib/server/city';
import { tileKey } from '$lib/domain/map/tiles';
import { TileBuilder } from './builder';
import { LruCache } from './cache';

export interface EncodedTile {
	/** MVT bytes; length 0 for an empty tile. */
	data: Uint8Array;
	/** Strong ETag (quoted) of the bytes. */
	etag: string;
}

/** Generous for one city (its z12-z17 tiles take a few MB); the bounds guard against a crawler. */
const MAX_CACHED_TILES = 50_000;
const MAX_CACHED_BYTES = 64 * 1024 * 1024;
/** What an entry costs besides its bytes: key, object, map slot. */
const ENTRY_OVERHEAD_BYTES = 200;

export class TileService {
	readonly #builder: TileBuilder;
	readonly #cache = new LruCache<EncodedTile>(
		MAX_CACHED_TILES,
		MAX_CACHED_BYTES,
		(tile) => tile.data.length + ENTRY_OVERHEAD_BYTES
	);

	constructor(builder: TileBuilder) {
		this.#builder = builder;
	}

	/** The tile; callers pass coordinates already checked (parseTileKey). */
	tile(z: number, x: number, y: number): EncodedTile {
		const key = tileKey(z, x, y);
		const cached = this.#cache.get(key);
		if (cached) return cached;
		const data = this.#builder.build(z, x, y);
		const tile = { data, etag: etagOf(data) };
		this.#cache.set(key, tile);
		return tile;
	}

	get cachedTiles(): number {
		return this.#cache.size;
	}
}

export function etagOf(data: Uint8Array): string {
	return `"${createHash('sha256').update(data).digest('base64url').slice(0, 27)}"`;
}

let shared: TileService | undefined;

/** The process's tile service over the demo city, made on first use. */
export function tileService(): TileService {
	shared ??= new TileService(new TileBuilder(cityGeoJson().features));
	return shared;
}
