/**
 * Photos go first (S7): before a push, every photo the outbox needs is uploaded, resumably, in
 * chunks. Each photo starts at the offset the server last acknowledged to this device (0 for a new
 * one) with no HEAD round trip first: when the server holds more or less than that (an answer lost
 * to a cut), its 409 names the right offset and the upload goes on from there. Either way a
 * connection cut mid-photo costs at most the one chunk that was in flight, never the whole photo.
 */
import type { CurbsideDb, LocalPhoto } from '../db/schema';
import type { SyncEvent } from './events';
import { TransportError, type Transport } from './transport';

export const DEFAULT_CHUNK_BYTES = 256 * 1024;

export async function uploadPendingPhotos(
	db: CurbsideDb,
	transport: Transport,
	emit: (event: SyncEvent) => void,
	chunkBytes = DEFAULT_CHUNK_BYTES
): Promise<void> {
	const waiting = (await db.photos.where('uploaded').equals(0).toArray()).filter(
		(photo) => photo.rejectedReason === null
	);
	let done = 0;
	const total = waiting.length;
	for (const photo of waiting) {
		emit({ type: 'progress', phase: 'photos', done, total, sha256: photo.sha256 });
		try {
			await uploadOne(db, transport, photo, chunkBytes);
		} catch (error) {
			// Bytes the server will never take (not an image, too large) must not stall every sync.
			// 422 (hash mismatch: damaged in transit) is worth another try; the server dropped the partial.
			if (!(error instanceof TransportError) || error.failure !== 'rejected' || error.status === 422)
				throw error;
			await db.photos.update(photo.sha256, { rejectedReason: error.message });
		}
		done += 1;
	}
	if (total > 0) emit({ type: 'progress', phase: 'photos', done, total });
}

async function uploadOne(db: CurbsideDb, transport: Transport, photo: LocalPhoto, chunkBytes: number) {
	const bytes = new Uint8Array(await photo.blob.arrayBuffer());
	// A HEAD per photo would cost a round trip and ~1 KB of headers on every upload to save a chunk
	// only after a cut; the server's answer to the PUT says the same (complete, or 409 + its offset).
	let offset = Math.min(photo.uploadedBytes, bytes.length);
	// Each round either advances or learns the server's real offset; the cap stops a confused server looping us.
	for (let round = 0; round < 4 * Math.ceil(bytes.length / chunkBytes) + 8; round++) {
		const chunk = bytes.subarray(offset, Math.min(offset + chunkBytes, bytes.length));
		const answer = await transport.photoPut(photo.sha256, offset, chunk, bytes.length);
		if (answer.kind === 'offset-mismatch') {
			offset = answer.offset;
			continue;
		}
		if (answer.complete) return markUploaded(db, photo);
		offset = answer.received;
		await db.photos.update(photo.sha256, { uploadedBytes: offset });
		if (offset >= bytes.length) break;
	}
	throw new TransportError('server', `The server did not finish storing photo ${photo.sha256.slice(0, 8)}.`);
}

async function markUploaded(db: CurbsideDb, photo: LocalPhoto): Promise<void> {
	await db.photos.update(photo.sha256, { uploaded: 1, uploadedBytes: photo.size });
}
