import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshDb, order } from '$lib/client/test-support';
import type { CurbsideDb } from '$lib/client/db/schema';
import {
	evictTiles,
	readTile,
	storedTileKeys,
	storeTiles,
	TileStorageFull,
	TOUCH_INTERVAL_MS
} from './tile-store';

const bytes = (n: number) => new Uint8Array(n).fill(7).buffer;
const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

let db: CurbsideDb;
afterEach(async () => {
	vi.restoreAllMocks();
	await db?.delete();
});

/** Tiles a, b, c, d stored one minute apart: `a` is the least recently used. */
async function fourTiles(): Promise<void> {
	for (const [index, key] of ['12/1/1', '12/1/2', '12/1/3', '12/1/4'].entries()) {
		await storeTiles(
			db,
			[{ key, data: bytes(1000) }],
			'crew-area',
			new Date(Date.UTC(2026, 10, 27, 8, index))
		);
	}
}

describe('evictTiles', () => {
	it('removes the least recently used tiles first, only as many as needed', async () => {
		db = freshDb();
		await fourTiles();
		// Drawing 12/1/1 again (long after) makes it the most recent.
		await readTile(db, '12/1/1', Date.UTC(2026, 10, 27, 9, 0));
		await vi.waitFor(async () =>
			expect((await db.tiles.get('12/1/1'))?.lastUsedAt).toBe(Date.UTC(2026, 10, 27, 9, 0))
		);
		const evicted = await evictTiles(db, 1500);
		expect(evicted).toEqual({ tiles: 2, bytes: 2000 });
		expect((await db.tiles.toCollection().primaryKeys()).sort()).toEqual(['12/1/1', '12/1/4']);
	});

	it('never touches orders, the outbox, photos or sync metadata', async () => {
		db = freshDb();
		await db.orders.put(order('CS-1'));
		await db.outbox.put({
			id: 1,
			mutation: {
				id: 1,
				name: 'startWork',
				args: { orderId: 'CS-1' },
				capturedAt: '2026-11-27T08:00:00.000Z'
			},
			orderId: 'CS-1',
			photoShas: [],
			state: 'pending',
			reason: null
		} as never);
		await db.photos.put({
			sha256: 'abc',
			blob: new Blob(['x']),
			size: 1,
			contentType: 'image/jpeg',
			uploadedBytes: 0,
			uploaded: 0,
			rejectedReason: null,
			createdAt: '2026-11-27T08:00:00.000Z'
		});
		await db.dayRoute.put({ id: 'today', orderIds: ['CS-1'], plannedAt: '2026-11-27T08:00:00.000Z' });
		await fourTiles();
		const evicted = await evictTiles(db, Number.MAX_SAFE_INTEGER);
		expect(evicted.tiles).toBe(4);
		expect(await db.tiles.count()).toBe(0);
		expect(await db.orders.count()).toBe(1);
		expect(await db.outbox.count()).toBe(1);
		expect(await db.photos.count()).toBe(1);
		expect(await db.dayRoute.count()).toBe(1);
	});
});

describe('storeTiles under storage pressure', () => {
	it('evicts old tiles and retries once when the device is full', async () => {
		db = freshDb();
		await fourTiles();
		const realBulkPut = db.tiles.bulkPut.bind(db.tiles);
		const bulkPut = vi
			.spyOn(db.tiles, 'bulkPut')
			.mockImplementationOnce(() => Promise.reject(quotaError()) as never)
			.mockImplementation(realBulkPut as never);
		await storeTiles(
			db,
			[{ key: '13/2/2', data: bytes(1000) }],
			'crew-area',
			new Date(Date.UTC(2026, 10, 27, 10))
		);
		expect(bulkPut).toHaveBeenCalledTimes(2);
		// Room for twice the batch was made, oldest first.
		expect((await db.tiles.toCollection().primaryKeys()).sort()).toEqual(['12/1/3', '12/1/4', '13/2/2']);
	});

	it('stops with a clear message when even eviction does not make room', async () => {
		db = freshDb();
		await fourTiles();
		vi.spyOn(db.tiles, 'bulkPut').mockImplementation(() => Promise.reject(quotaError()) as never);
		const attempt = storeTiles(db, [{ key: '13/2/2', data: bytes(1000) }], 'crew-area');
		await expect(attempt).rejects.toBeInstanceOf(TileStorageFull);
		await expect(attempt).rejects.toThrow(/no room left for map tiles/);
	});

	it('passes other errors through untouched', async () => {
		db = freshDb();
		vi.spyOn(db.tiles, 'bulkPut').mockImplementation(
			() => Promise.reject(new Error('disk on fire')) as never
		);
		await expect(storeTiles(db, [{ key: '1/0/0', data: bytes(1) }], 'p')).rejects.toThrow('disk on fire');
	});
});

describe('readTile and storedTileKeys', () => {
	it('reads bytes back (empty tiles included) and rewrites the use time only when it is stale', async () => {
		db = freshDb();
		const at = Date.UTC(2026, 10, 27, 8);
		await storeTiles(
			db,
			[
				{ key: '14/1/1', data: bytes(10) },
				{ key: '14/1/2', data: new ArrayBuffer(0) }
			],
			'crew-area',
			new Date(at)
		);
		expect((await readTile(db, '14/1/1', at + 1000))?.byteLength).toBe(10);
		expect((await readTile(db, '14/1/2', at + 1000))?.byteLength).toBe(0);
		expect(await readTile(db, '14/9/9', at)).toBeUndefined();
		expect((await db.tiles.get('14/1/1'))?.lastUsedAt).toBe(at);
		await readTile(db, '14/1/1', at + TOUCH_INTERVAL_MS + 1);
		await vi.waitFor(async () =>
			expect((await db.tiles.get('14/1/1'))?.lastUsedAt).toBe(at + TOUCH_INTERVAL_MS + 1)
		);
		expect(await storedTileKeys(db, ['14/1/1', '14/1/2', '14/1/3'])).toEqual(new Set(['14/1/1', '14/1/2']));
	});
});
