/**
 * Map tiles for maplibre from the device first and the network second, through a custom URL
 * scheme: the stored style's tile URLs become `curbside-tiles://{z}/{x}/{y}`, and the loader
 * answers each from Dexie; only a tile the device does not have is fetched (and then kept).
 * The counters let the offline test prove that no tile request reached the network.
 */
import type { CurbsideDb } from '$lib/client/db/schema';
import { parseTileKey } from '$lib/domain/map/tiles';
import { readTile, storeTiles } from './tile-store';

export const OFFLINE_TILE_PROTOCOL = 'curbside-tiles';
export const OFFLINE_TILE_TEMPLATE = `${OFFLINE_TILE_PROTOCOL}://{z}/{x}/{y}`;
/** Tiles the map fetched while browsing outside the area pack. */
export const BROWSED_PACK = 'browsed';

export interface TileStats {
	fromStore: number;
	fromNetwork: number;
	/** Neither on the device nor reachable: drawn as empty. */
	unavailable: number;
}

/** Loads one tile by its protocol URL; what MapView hands to maplibre.addProtocol. */
export type TileLoader = (url: string, signal: AbortSignal) => Promise<ArrayBuffer>;

export interface OfflineTiles {
	load: TileLoader;
	stats: TileStats;
}

/** The key `z/x/y` of a `curbside-tiles://z/x/y` URL, or null. */
export function tileKeyOfUrl(url: string): string | null {
	const match = /^curbside-tiles:\/\/(\d+\/\d+\/\d+)$/.exec(url);
	return match?.[1] && parseTileKey(match[1]) ? match[1] : null;
}

export function createOfflineTiles(
	db: CurbsideDb,
	options: { fetch?: typeof fetch; tileUrl?: (key: string) => string; online?: () => boolean } = {}
): OfflineTiles {
	const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
	const online = options.online ?? (() => globalThis.navigator?.onLine !== false);
	const tileUrl = options.tileUrl ?? ((key: string) => `/tiles/${key}.pbf`);
	const stats: TileStats = { fromStore: 0, fromNetwork: 0, unavailable: 0 };
	const load: TileLoader = async (url, signal) => {
		const key = tileKeyOfUrl(url);
		if (!key) throw new Error(`Not a map tile address: ${url}`);
		const stored = await readTile(db, key);
		if (stored) {
			stats.fromStore += 1;
			return stored;
		}
		if (!online()) {
			// Known offline: do not even try (a request would only wait for a timeout).
			stats.unavailable += 1;
			return new ArrayBuffer(0);
		}
		stats.fromNetwork += 1;
		let response: Response;
		try {
			response = await doFetch(tileUrl(key), { signal });
		} catch (error) {
			if (signal.aborted) throw error;
			// Offline and not in the pack: the map shows background there rather than failing.
			stats.unavailable += 1;
			return new ArrayBuffer(0);
		}
		if (response.status === 204) return keep(db, key, new ArrayBuffer(0));
		if (!response.ok) {
			stats.unavailable += 1;
			return new ArrayBuffer(0);
		}
		return keep(db, key, await response.arrayBuffer());
	};
	return { load, stats };
}

async function keep(db: CurbsideDb, key: string, data: ArrayBuffer): Promise<ArrayBuffer> {
	// Best effort: a full device still draws the tile, it just is not kept.
	await storeTiles(db, [{ key, data }], BROWSED_PACK).catch(() => undefined);
	return data;
}

interface StyleSource {
	type?: string;
	tiles?: string[];
}

/**
 * The server's style with its vector tiles read through the offline protocol. A copy: the stored
 * style stays as the server sent it.
 */
export function offlineStyle<S>(style: S): S {
	const copy = structuredClone(style) as S & { sources?: Record<string, StyleSource> };
	for (const source of Object.values(copy.sources ?? {})) {
		if (source.type === 'vector' && Array.isArray(source.tiles)) {
			source.tiles = source.tiles.map((url) =>
				/\/tiles\/\{z\}\/\{x\}\/\{y\}/.test(url) ? OFFLINE_TILE_TEMPLATE : url
			);
		}
	}
	return copy;
}
