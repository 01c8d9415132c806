/**
 * Saving the crew's work when the device is full: map tiles are a cache and go first (least
 * recently drawn first, `evictTiles`), then the save is tried again. Queued work, orders and
 * photos are never removed to make room. When even that is not enough, the crew is told plainly
 * that nothing was saved, rather than the save failing silently.
 */
import { StorageFull } from '$lib/client/db/record';
import type { CurbsideDb } from '$lib/client/db/schema';
import { evictTiles } from '$lib/client/map/tile-store';

/** At least this much room is made per round: a compressed photo is ~0.3-1 MB. */
const ROOM_PER_ROUND = 4 * 1024 * 1024;
const MAX_ROUNDS = 10;

/** The device stayed full after every map tile that could go was removed. */
export class DeviceFull extends Error {
	constructor(cause: unknown) {
		super(
			'This device is full, even after removing the saved map. Nothing was saved just now. Work saved earlier is safe. Free some space on the device, then try again.',
			{ cause }
		);
		this.name = 'DeviceFull';
	}
}

export async function withRoomToSave<T>(db: CurbsideDb, save: () => Promise<T>): Promise<T> {
	let lastFull: unknown = null;
	for (let round = 0; round <= MAX_ROUNDS; round++) {
		try {
			return await save();
		} catch (error) {
			if (!(error instanceof StorageFull)) throw error;
			lastFull = error;
		}
		if (round === MAX_ROUNDS) break;
		const evicted = await evictTiles(db, ROOM_PER_ROUND * 2 ** round);
		if (evicted.tiles === 0) break;
	}
	throw new DeviceFull(lastFull);
}
