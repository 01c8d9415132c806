import { describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { CurbsideDb } from '$lib/client/db/schema';
import { freshDb } from '$lib/client/test-support';
import { clearIfSynced, pendingWarning, pendingWork, strandedWarning } from './sign-out';

describe('sign-out clears the device only when nothing is pending', () => {
	it('deletes the local database when the outbox and photos are all sent', async () => {
		const db = freshDb();
		await db.outbox.add({ id: 1, state: 'sent' } as never);
		await db.photos.add({ sha256: 'a'.repeat(64), uploaded: 1 } as never);
		expect(await clearIfSynced(db)).toEqual({ cleared: true });
		// Opened again under the same name, the database is new and empty.
		const reopened = new CurbsideDb(db.name, { indexedDB, IDBKeyRange });
		expect(await reopened.outbox.count()).toBe(0);
		expect(await reopened.photos.count()).toBe(0);
		reopened.close();
	});

	it('keeps everything and says what is pending otherwise', async () => {
		const db = freshDb();
		await db.outbox.add({ id: 1, state: 'pending' } as never);
		await db.photos.add({ sha256: 'b'.repeat(64), uploaded: 0 } as never);
		const result = await clearIfSynced(db);
		expect(result).toEqual({ cleared: false, pending: { actions: 1, photos: 1 } });
		expect(await pendingWork(db)).toEqual({ actions: 1, photos: 1 });
		expect(pendingWarning({ actions: 1, photos: 1 })).toBe(
			'1 change and 1 photo not sent yet. Sync now before signing out; nothing was deleted.'
		);
		expect(pendingWarning({ actions: 0, photos: 0 })).toBeNull();
	});
});

describe('work left by someone who is no longer on a crew', () => {
	it('says what is still on the device, that nothing was deleted, and how to send it', () => {
		expect(strandedWarning({ actions: 2, photos: 1 })).toBe(
			'This device still holds 2 changes and 1 photo you recorded as a crew member, never sent. They stay here; nothing was deleted. To send them, ask an administrator to give you crew access again, then sign in and open this app with signal.'
		);
		expect(strandedWarning({ actions: 0, photos: 3 })).toMatch(/^This device still holds 3 photos you/);
		expect(strandedWarning({ actions: 0, photos: 0 })).toBeNull();
	});
});
