import { describe, expect, it } from 'vitest';
import { LocalActions } from '$lib/client/db/actions';
import { freshDb, givenPulled, nextUuid, order } from '$lib/client/test-support';
import { uploadedFraction } from './order-photos.svelte';

describe('a photo’s upload progress bar', () => {
	it('moves with the bytes the server acknowledged, and is full once sent or held only by the server', async () => {
		const db = freshDb();
		await givenPulled(db, order('CS-000001'));
		await new LocalActions({ db, newId: nextUuid }).addPhoto(
			'CS-000001',
			new Blob([new Uint8Array(800)]),
			'after'
		);
		const [stored] = await db.photos.toArray();
		if (!stored) throw new Error('no photo stored');
		expect(uploadedFraction(stored), 'saved offline, nothing sent').toBe(0);

		// The engine records the acknowledged bytes after every piece (photo-upload.ts).
		await db.photos.update(stored.sha256, { uploadedBytes: 200 });
		expect(uploadedFraction(await db.photos.get(stored.sha256))).toBe(0.25);

		await db.photos.update(stored.sha256, { uploaded: 1, uploadedBytes: 800 });
		expect(uploadedFraction(await db.photos.get(stored.sha256))).toBe(1);
		expect(uploadedFraction(undefined), 'a resident’s photo not cached here').toBe(1);
		db.close();
	});
});
