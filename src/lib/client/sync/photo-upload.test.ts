import { describe, expect, it } from 'vitest';
import { LocalActions } from '../db/actions';
import type { CurbsideDb } from '../db/schema';
import { freshDb, givenPulled, nextUuid, order } from '../test-support';
import { uploadPendingPhotos } from './photo-upload';
import type { Transport } from './transport';

const CHUNK = 256;

/** The server's side of S7 in memory: bytes held per photo, 409 on a wrong offset, whole once all arrived. */
function photoServer() {
	const held = new Map<string, number>();
	const complete = new Set<string>();
	const calls: string[] = [];
	let putBytes = 0;
	const unused = async (): Promise<never> => {
		throw new Error('not expected in an upload');
	};
	const transport: Transport = {
		push: unused,
		pull: unused,
		async photoHead(sha256) {
			calls.push('head');
			if (complete.has(sha256)) return { offset: held.get(sha256) ?? 0, complete: true };
			return held.has(sha256) ? { offset: held.get(sha256) ?? 0, complete: false } : null;
		},
		async photoPut(sha256, offset, chunk, totalSize) {
			calls.push(`put@${offset}`);
			putBytes += chunk.length;
			if (complete.has(sha256)) return { kind: 'ok', received: totalSize, complete: true };
			const now = held.get(sha256) ?? 0;
			if (offset !== now) return { kind: 'offset-mismatch', offset: now };
			held.set(sha256, now + chunk.length);
			if (now + chunk.length === totalSize) complete.add(sha256);
			return { kind: 'ok', received: now + chunk.length, complete: complete.has(sha256) };
		}
	};
	return {
		transport,
		calls,
		held,
		complete,
		putBytes: () => putBytes
	};
}

async function deviceWithPhoto(bytes: number): Promise<{ db: CurbsideDb; sha256: string }> {
	const db = freshDb();
	await givenPulled(db, order('CS-000001'));
	const picture = new Uint8Array(bytes).map((_, index) => index % 251);
	await new LocalActions({ db, newId: nextUuid }).addPhoto('CS-000001', new Blob([picture]), 'before');
	const [photo] = await db.photos.toArray();
	if (!photo) throw new Error('no photo stored');
	return { db, sha256: photo.sha256 };
}

const upload = (db: CurbsideDb, transport: Transport) => uploadPendingPhotos(db, transport, () => {}, CHUNK);

describe('uploadPendingPhotos', () => {
	it('[S7] a new photo goes up in chunks from offset 0 with no HEAD round trip first', async () => {
		const { db, sha256 } = await deviceWithPhoto(600);
		const server = photoServer();
		await upload(db, server.transport);
		expect(server.calls).toEqual(['put@0', 'put@256', 'put@512']);
		expect(server.complete.has(sha256)).toBe(true);
		expect(await db.photos.get(sha256)).toMatchObject({ uploaded: 1, uploadedBytes: 600 });
	});

	it('[S7] an upload cut mid-photo resumes from the acknowledged offset', async () => {
		const { db, sha256 } = await deviceWithPhoto(600);
		const server = photoServer();
		// The first chunk was acknowledged before the cut: the device noted 256.
		server.held.set(sha256, 256);
		await db.photos.update(sha256, { uploadedBytes: 256 });
		await upload(db, server.transport);
		expect(server.calls).toEqual(['put@256', 'put@512']);
		expect(server.putBytes()).toBe(600 - 256);
	});

	it('[S7] when the answer to a stored chunk was lost, the 409 names the offset and at most that one chunk is sent again', async () => {
		const { db, sha256 } = await deviceWithPhoto(600);
		const server = photoServer();
		// The server stored two chunks; the device only heard about the first.
		server.held.set(sha256, 512);
		await db.photos.update(sha256, { uploadedBytes: 256 });
		await upload(db, server.transport);
		expect(server.calls).toEqual(['put@256', 'put@512']);
		expect(server.putBytes() - (600 - 512)).toBeLessThanOrEqual(CHUNK);
		expect(await db.photos.get(sha256)).toMatchObject({ uploaded: 1 });
	});

	it('[S7] a photo the server already holds whole is marked sent on the first answer', async () => {
		const { db, sha256 } = await deviceWithPhoto(600);
		const server = photoServer();
		server.held.set(sha256, 600);
		server.complete.add(sha256);
		await upload(db, server.transport);
		expect(server.calls).toEqual(['put@0']);
		expect(await db.photos.get(sha256)).toMatchObject({ uploaded: 1, uploadedBytes: 600 });
	});

	it('[S7] a server that holds less than the device thinks (partial dropped) gets the photo again from its offset', async () => {
		const { db, sha256 } = await deviceWithPhoto(600);
		const server = photoServer();
		await db.photos.update(sha256, { uploadedBytes: 512 });
		await upload(db, server.transport);
		expect(server.calls).toEqual(['put@512', 'put@0', 'put@256', 'put@512']);
		expect(server.complete.has(sha256)).toBe(true);
	});
});
