/**
 * Map tiles in the device's store. Tiles are a cache: under storage pressure they are the first
 * and ONLY thing removed (least recently drawn first), so queued work, orders and photos never are.
 * Every function here opens transactions on the tiles table alone, which is what guarantees it.
 */
import { isQuotaError } from '$lib/client/db/record';
import type { CurbsideDb, LocalTile } from '$lib/client/db/schema';

export interface TileBytes {
	key: string;
	data: ArrayBuffer;
}

/** Drawing a tile again within this long does not rewrite its use time (saves a write per frame). */
export const TOUCH_INTERVAL_MS = 10 * 60_000;

/** Storage stayed full even after the map's tiles were removed to make room. */
export class TileStorageFull extends Error {
	constructor(cause: unknown) {
		super(
			'This device has no room left for map tiles, even after removing older map areas. Free some space (or finish and sync the day) and try again.',
			{ cause }
		);
		this.name = 'TileStorageFull';
	}
}

export interface Evicted {
	tiles: number;
	bytes: number;
}

/**
 * Removes least-recently-used tiles until at least `bytesNeeded` bytes are freed (or no tile is
 * left). Keys in `keep` (tiles being written right now) are skipped.
 */
export async function evictTiles(
	db: CurbsideDb,
	bytesNeeded: number,
	keep: ReadonlySet<string> = new Set()
): Promise<Evicted> {
	return db.transaction('rw', db.tiles, async () => {
		const doomed: string[] = [];
		let freed = 0;
		await db.tiles
			.orderBy('lastUsedAt')
			.until(() => freed >= bytesNeeded)
			.each((tile) => {
				if (keep.has(tile.key)) return;
				doomed.push(tile.key);
				// A zero-byte (empty) tile still costs its row: count it as a little.
				freed += Math.max(tile.bytes, 64);
			});
		await db.tiles.bulkDelete(doomed);
		return { tiles: doomed.length, bytes: freed };
	});
}

/**
 * Stores a batch of tiles. When the device is full, evicts old tiles worth the batch and tries
 * once more; still full, throws TileStorageFull (nothing of the batch is half-written).
 */
export async function storeTiles(
	db: CurbsideDb,
	batch: readonly TileBytes[],
	pack: string,
	now: Date = new Date()
): Promise<void> {
	if (batch.length === 0) return;
	const rows: LocalTile[] = batch.map(({ key, data }) => ({
		key,
		pack,
		data,
		bytes: data.byteLength,
		storedAt: now.toISOString(),
		lastUsedAt: now.getTime()
	}));
	try {
		await db.tiles.bulkPut(rows);
	} catch (error) {
		if (!isQuotaError(error)) throw error;
		const needed = rows.reduce((sum, row) => sum + row.bytes, 0);
		const evicted = await evictTiles(db, needed * 2, new Set(rows.map((row) => row.key)));
		if (evicted.tiles === 0) throw new TileStorageFull(error);
		try {
			await db.tiles.bulkPut(rows);
		} catch (again) {
			if (isQuotaError(again)) throw new TileStorageFull(again);
			throw again;
		}
	}
}

/** A stored tile's bytes, or undefined when it is not on the device. Marks it used (lazily). */
export async function readTile(
	db: CurbsideDb,
	key: string,
	now: number = Date.now()
): Promise<ArrayBuffer | undefined> {
	const tile = await db.tiles.get(key);
	if (!tile) return undefined;
	if (now - tile.lastUsedAt > TOUCH_INTERVAL_MS) {
		// Not awaited: drawing must not wait for bookkeeping, and a lost touch only ages the tile.
		db.tiles.update(key, { lastUsedAt: now }).catch(() => undefined);
	}
	return tile.data;
}

/** The keys among `keys` that are already on the device (a resumed download skips them). */
export async function storedTileKeys(db: CurbsideDb, keys: readonly string[]): Promise<Set<string>> {
	const found = await db.tiles
		.where('key')
		.anyOf([...keys])
		.primaryKeys();
	return new Set(found);
}

/** How many tiles the device holds (their bytes are summed per pack as they are stored). */
export function tileCount(db: CurbsideDb): Promise<number> {
	return db.tiles.count();
}
