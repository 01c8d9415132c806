import { describe, expect, it } from 'vitest';
import { freshDb, givenPulled, order } from '../test-support';
import { cacheServerPhotos } from './photo-cache';
import type { Transport } from './transport';

const sha = (letter: string) => letter.repeat(64);

function link(id: string, orderId: string, sha256: string, pending: 0 | 1 = 0) {
	return {
		id,
		orderId,
		sha256,
		kind: 'reporter',
		lateReport: false,
		capturedAt: '2026-11-02T14:00:00.000Z',
		receivedAt: '2026-11-02T14:00:00.000Z',
		pending
	};
}

/** Only photoGet is used; the other methods would fail the test if called. */
function serverWith(photos: Record<string, string>, requested: string[]): Transport {
	const unused = () => Promise.reject(new Error('not used'));
	return {
		push: unused,
		pull: unused,
		photoHead: unused,
		photoPut: unused,
		photoGet: async (sha256) => {
			requested.push(sha256);
			const text = photos[sha256];
			return text === undefined ? null : new Blob([text], { type: 'image/jpeg' });
		}
	};
}

describe('offline copies of the server photos', () => {
	it('keeps the photos of open orders on the device, marked as already uploaded, and fetches each once', async () => {
		const db = freshDb();
		await givenPulled(db, order('CS-1'), order('CS-2', { status: 'closed' }));
		await db.photoLinks.bulkPut([
			link('l1', 'CS-1', sha('a')),
			link('l2', 'CS-2', sha('b')),
			link('l3', 'CS-1', sha('c'))
		]);
		const requested: string[] = [];
		const transport = serverWith(
			{ [sha('a')]: 'reporter photo', [sha('b')]: 'closed order photo' },
			requested
		);

		expect(await cacheServerPhotos(db, transport)).toBe(1);
		expect(requested.sort()).toEqual([sha('a'), sha('c')]);
		const stored = await db.photos.get(sha('a'));
		expect(stored).toMatchObject({ uploaded: 1, size: 'reporter photo'.length, rejectedReason: null });
		expect(await stored?.blob.text()).toBe('reporter photo');
		expect(await db.photos.get(sha('b'))).toBeUndefined();

		requested.length = 0;
		await cacheServerPhotos(db, transport);
		expect(requested).toEqual([sha('c')]);
	});

	it('leaves the crew\u2019s own unsent photos alone and respects the per-sync bound', async () => {
		const db = freshDb();
		await givenPulled(db, order('CS-1'));
		await db.photoLinks.bulkPut([
			link('mine', 'CS-1', sha('d'), 1),
			link('l1', 'CS-1', sha('e')),
			link('l2', 'CS-1', sha('f'))
		]);
		const requested: string[] = [];
		const transport = serverWith({ [sha('e')]: 'x', [sha('f')]: 'y' }, requested);
		expect(await cacheServerPhotos(db, transport, 1)).toBe(1);
		expect(requested).toHaveLength(1);
		expect(requested).not.toContain(sha('d'));
	});
});
