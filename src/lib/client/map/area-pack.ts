/**
 * The crew's offline map area: which tiles the day needs (the open orders' hull plus a buffer,
 * zooms 12-17), what that costs, and the download itself: a few large POST /api/tiles/pack
 * requests streamed through the pack decoder and written to the store in batches. Tiles already
 * on the device are skipped, so a cancelled or failed download resumes where it stopped.
 */
import type { CurbsideDb, LocalMapPack, LocalOrder } from '$lib/client/db/schema';
import { isFinalStatus } from '$lib/domain/lifecycle';
import {
	areaContains,
	areaForPoints,
	estimatePackBytes,
	tilesForArea,
	type MapArea
} from '$lib/domain/map/area';
import { TilePackDecoder } from '$lib/domain/map/pack';
import { PACK_MAX_ZOOM, PACK_MIN_ZOOM } from '$lib/domain/map/tiles';
import { isValidLatLong, type LatLong } from '$lib/domain/geo';
import { storedTileKeys, storeTiles, type TileBytes } from './tile-store';

export const CREW_AREA_PACK = 'crew-area';
/** Metres around each site: enough to see the streets leading to it. */
export const AREA_BUFFER_M = 500;
/** Tiles per pack request: a few requests for a whole area, each small enough to retry. */
export const TILES_PER_REQUEST = 1500;
/** Tiles written to the store per transaction while a pack streams in. */
const WRITE_BATCH = 250;
/**
 * On a slow link a batch fills slowly: what has arrived is also written (and the progress bar
 * moved) once this long has passed since the last write, so the bar never sits still for long.
 */
const PROGRESS_INTERVAL_MS = 250;

export interface AreaPlan {
	area: MapArea;
	keys: string[];
	/** Keys not on the device yet: what a download would fetch. */
	missing: string[];
	/** Estimated bytes of the missing tiles. */
	estimatedBytes: number;
}

export interface DownloadProgress {
	done: number;
	total: number;
}

export interface DownloadOutcome {
	/** Tiles fetched by this download (not counting ones already on the device). */
	fetched: number;
	bytes: number;
	requests: number;
}

export interface PackServer {
	fetch: typeof fetch;
}

interface TilesInfo {
	styleUrl: string;
	attribution: string;
	minZoom?: number;
	maxZoom?: number;
}

/** The sites of the crew's open work, where they have a valid position. */
export function openSites(orders: readonly LocalOrder[]): LatLong[] {
	return orders
		.filter((order) => !isFinalStatus(order.status) && isValidLatLong(order.lat, order.long))
		.map((order) => ({ lat: order.lat, long: order.long }));
}

/** The area and tiles for the crew's open orders; null when there is no open work to map. */
export async function planArea(db: CurbsideDb): Promise<AreaPlan | null> {
	const sites = openSites(await db.orders.toArray());
	if (sites.length === 0) return null;
	const area = areaForPoints(sites, AREA_BUFFER_M);
	const keys = tilesForArea(area, PACK_MIN_ZOOM, PACK_MAX_ZOOM);
	const stored = await storedTileKeys(db, keys);
	const missing = keys.filter((key) => !stored.has(key));
	return { area, keys, missing, estimatedBytes: estimatePackBytes(missing) };
}

/** Open sites outside the stored area: new work the offline map does not cover yet. */
export function sitesOutside(pack: LocalMapPack | undefined, orders: readonly LocalOrder[]): number {
	if (!pack) return 0;
	return openSites(orders).filter((site) => !areaContains(pack.area, site)).length;
}

export function loadPack(db: CurbsideDb): Promise<LocalMapPack | undefined> {
	return db.mapPacks.get(CREW_AREA_PACK);
}

/**
 * After a sync: when the crew already keeps an offline area and new open work falls outside it,
 * fetch the tiles of the grown area (tiles already stored are skipped). Does nothing for a crew
 * that never downloaded an area: that costs data and is the crew's choice. Returns whether it ran.
 */
export async function refreshAreaIfOutgrown(
	db: CurbsideDb,
	options: { fetch?: typeof fetch; signal?: AbortSignal } = {}
): Promise<boolean> {
	const pack = await loadPack(db);
	if (!pack?.completedAt || sitesOutside(pack, await db.orders.toArray()) === 0) return false;
	const plan = await planArea(db);
	if (!plan) return false;
	await downloadArea(db, plan, options);
	return true;
}

/**
 * Downloads the plan's missing tiles and the style. Throws on a network or server problem, an
 * AbortError when `signal` aborts, or TileStorageFull; tiles stored until then stay stored.
 */
export async function downloadArea(
	db: CurbsideDb,
	plan: AreaPlan,
	options: {
		fetch?: typeof fetch;
		signal?: AbortSignal;
		onProgress?: (progress: DownloadProgress) => void;
		tilesPerRequest?: number;
	} = {}
): Promise<DownloadOutcome> {
	const perRequest = options.tilesPerRequest ?? TILES_PER_REQUEST;
	const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
	const signal = options.signal;
	const total = plan.keys.length;
	let done = total - plan.missing.length;
	options.onProgress?.({ done, total });

	// The style first: without it the stored tiles could not be drawn offline.
	const info = await getJson<TilesInfo>(doFetch, '/api/tiles/info', signal);
	const style = await getJson<unknown>(doFetch, info.styleUrl, signal);
	const previous = await loadPack(db);
	const record: LocalMapPack = {
		id: CREW_AREA_PACK,
		area: plan.area,
		minZoom: PACK_MIN_ZOOM,
		maxZoom: PACK_MAX_ZOOM,
		tileCount: total,
		bytes: previous?.bytes ?? 0,
		startedAt: new Date().toISOString(),
		completedAt: null,
		style,
		attribution: info.attribution
	};
	await db.mapPacks.put(record);

	let fetched = 0;
	let bytes = 0;
	let requests = 0;
	for (let start = 0; start < plan.missing.length; start += perRequest) {
		const keys = plan.missing.slice(start, start + perRequest);
		requests += 1;
		const response = await doFetch('/api/tiles/pack', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ tiles: keys }),
			signal
		});
		if (!response.ok || !response.body) throw new Error(await problemOf(response, 'The map download'));
		const decoder = new TilePackDecoder();
		const reader = response.body.getReader();
		let batch: TileBytes[] = [];
		let lastWrite = Date.now();
		const flush = async () => {
			lastWrite = Date.now();
			if (batch.length === 0) return;
			const written = batch;
			batch = [];
			await storeTiles(db, written, CREW_AREA_PACK);
			const writtenBytes = written.reduce((sum, tile) => sum + tile.data.byteLength, 0);
			fetched += written.length;
			bytes += writtenBytes;
			done += written.length;
			await db.mapPacks.update(CREW_AREA_PACK, { bytes: (record.bytes += writtenBytes) });
			options.onProgress?.({ done, total });
		};
		for (;;) {
			const { value, done: streamEnded } = await reader.read();
			if (streamEnded) break;
			for (const frame of decoder.push(value)) {
				// Its own buffer, exactly the tile's bytes, as maplibre will take it.
				batch.push({ key: frame.key, data: frame.data.slice().buffer });
			}
			if (batch.length >= WRITE_BATCH || Date.now() - lastWrite >= PROGRESS_INTERVAL_MS) await flush();
		}
		await flush();
		decoder.end();
	}
	await db.mapPacks.update(CREW_AREA_PACK, { completedAt: new Date().toISOString() });
	return { fetched, bytes, requests };
}

async function getJson<T>(doFetch: typeof fetch, url: string, signal: AbortSignal | undefined): Promise<T> {
	const response = await doFetch(url, { signal, headers: { Accept: 'application/json' } });
	if (!response.ok) throw new Error(await problemOf(response, 'The map settings'));
	return (await response.json()) as T;
}

async function problemOf(response: Response, what: string): Promise<string> {
	if (response.status === 401) return `${what} needs you to be signed in. Sign in again, then retry.`;
	let detail = '';
	try {
		detail = ((await response.json()) as { error?: string }).error ?? '';
	} catch {
		// Not JSON: the status says enough.
	}
	return `${what} failed (HTTP ${response.status}${detail ? `: ${detail}` : ''}). Try again with a better signal.`;
}
