import { describe, expect, it } from 'vitest';
import { LocalActions } from '$lib/client/db/actions';
import { StorageFull } from '$lib/client/db/record';
import type { CurbsideDb } from '$lib/client/db/schema';
import { freshDb, givenPulled, nextUuid, order } from '$lib/client/test-support';
import { DeviceFull, withRoomToSave } from './make-room';

async function givenTiles(db: CurbsideDb, count: number): Promise<void> {
	await db.tiles.bulkPut(
		Array.from({ length: count }, (_, n) => ({
			key: `14/${n}/0`,
			pack: 'crew-area',
			data: new ArrayBuffer(1024 * 1024),
			bytes: 1024 * 1024,
			storedAt: '2026-11-02T08:00:00.000Z',
			lastUsedAt: n
		}))
	);
}

describe('withRoomToSave', () => {
	it('evicts map tiles, oldest first, and saves the work once there is room; queued work is kept', async () => {
		const db = freshDb();
		await givenPulled(db, order('CS-000001'));
		const actions = new LocalActions({ db, newId: nextUuid });
		await actions.startWork('CS-000001');
		await givenTiles(db, 12);
		let attempts = 0;
		// A device that is full until at least 4 tiles (4 MB) are gone.
		const saved = await withRoomToSave(db, async () => {
			attempts++;
			if ((await db.tiles.count()) > 8) throw new StorageFull(new Error('QuotaExceededError'));
			return actions.addNote('CS-000001', 'Saved once there was room.');
		});
		expect(saved.name).toBe('addNote');
		expect(attempts).toBe(2);
		// The four least recently drawn went; the rest of the map stays.
		const left = (await db.tiles.toCollection().primaryKeys()).sort();
		expect(left).toEqual(
			['14/4/0', '14/5/0', '14/6/0', '14/7/0', '14/8/0', '14/9/0', '14/10/0', '14/11/0'].sort()
		);
		expect((await db.outbox.toArray()).map((entry) => entry.mutation.name)).toEqual(['startWork', 'addNote']);
	});

	it('says plainly that nothing was saved when no tile is left to remove', async () => {
		const db = freshDb();
		await givenTiles(db, 1);
		const full = () => Promise.reject(new StorageFull(new Error('QuotaExceededError')));
		const outcome = withRoomToSave(db, full);
		await expect(outcome).rejects.toBeInstanceOf(DeviceFull);
		await expect(outcome).rejects.toThrow(/device is full.*Nothing was saved/);
		expect(await db.tiles.count()).toBe(0);
	});

	it('leaves other failures alone', async () => {
		const db = freshDb();
		await givenTiles(db, 2);
		await expect(withRoomToSave(db, () => Promise.reject(new Error('other')))).rejects.toThrow('other');
		expect(await db.tiles.count()).toBe(2);
	});
});
