/**
 * Which style and tile source a map opens with: the area downloaded to the device (works
 * offline, tiles through the offline protocol) when there is one, else the server's style.
 */
import type { CurbsideDb } from '$lib/client/db/schema';
import { loadPack } from './area-pack';
import { createOfflineTiles, offlineStyle, OFFLINE_TILE_PROTOCOL, type TileLoader } from './offline-protocol';

export const SERVER_STYLE_URL = '/tiles/style.json';

export interface MapSource {
	style: string | object;
	protocol: { name: string; load: TileLoader } | null;
	/** False when neither a stored area nor the network can give a map. */
	available: boolean;
}

export async function mapSourceFor(db: CurbsideDb | null, online: boolean): Promise<MapSource> {
	const pack = db ? await loadPack(db) : undefined;
	if (db && pack?.style) {
		const tiles = createOfflineTiles(db);
		return {
			style: offlineStyle(pack.style),
			protocol: { name: OFFLINE_TILE_PROTOCOL, load: tiles.load },
			available: true
		};
	}
	return { style: SERVER_STYLE_URL, protocol: null, available: online };
}
