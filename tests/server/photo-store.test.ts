import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { MAX_PHOTO_BYTES, PhotoError, PhotoStore, sha256Hex } from '../../src/lib/server/photos/store';
import { GPS_MARKER, includesText, jpegWithGpsExif, pngBomb, TINY_JPEG, TINY_PNG } from '../fixtures/images';
import { testBackends } from './backends';

async function expectPhotoError(promise: Promise<unknown>, status: number): Promise<PhotoError> {
	const error = await promise.then(
		() => null,
		(cause: unknown) => cause
	);
	expect(error).toBeInstanceOf(PhotoError);
	expect((error as PhotoError).status).toBe(status);
	return error as PhotoError;
}

describe.each(testBackends())('photo store on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;
	let dataDir: string;
	let store: PhotoStore;

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'curbside-photos-'));
		store = new PhotoStore(handle.db, dataDir, handle.dialect);
	});
	afterEach(async () => {
		await drop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('stores a photo under its hash, once, and reads back identical bytes', async () => {
		const photo = jpegWithGpsExif();
		const row = await store.putComplete(photo);
		expect(row).toMatchObject({
			sha256: sha256Hex(photo),
			size: photo.length,
			content_type: 'image/jpeg',
			width: 1,
			height: 1
		});
		expect(await store.putComplete(photo)).toEqual(row);
		expect(Array.from((await store.read(row.sha256))!.bytes)).toEqual(Array.from(photo));
		expect(await store.has(row.sha256)).toBe(true);
	});

	it('serves a public copy without the GPS position', async () => {
		const row = await store.putComplete(jpegWithGpsExif());
		const copy = await store.readPublic(row.sha256);
		expect(copy?.contentType).toBe('image/jpeg');
		expect(includesText(copy!.bytes, GPS_MARKER)).toBe(false);
	});

	it('refuses bytes that do not match the claimed hash, non-images, bombs and oversized files', async () => {
		await expectPhotoError(store.putComplete(TINY_JPEG, 'f'.repeat(64)), 422);
		await expectPhotoError(store.putComplete(new TextEncoder().encode('<svg onload=alert(1)>')), 415);
		await expectPhotoError(store.putComplete(pngBomb()), 413);
		const huge = new Uint8Array(MAX_PHOTO_BYTES + 1);
		huge.set(TINY_JPEG);
		await expectPhotoError(store.putComplete(huge), 413);
		expect(await store.read(sha256Hex(TINY_JPEG))).toBeNull();
	});

	it('resumes an interrupted upload from the offset the server holds', async () => {
		const photo = jpegWithGpsExif();
		const sha = sha256Hex(photo);
		expect(await store.partialSize(sha)).toBe(0);
		expect(await store.appendPartial(sha, 0, photo.subarray(0, 40), photo.length)).toEqual({
			received: 40,
			complete: null
		});
		expect(await store.partialSize(sha)).toBe(40);
		// A retry of the first piece is refused with the offset to resume from.
		const conflict = await expectPhotoError(
			store.appendPartial(sha, 0, photo.subarray(0, 40), photo.length),
			409
		);
		expect(conflict.offset).toBe(40);
		const done = await store.appendPartial(sha, 40, photo.subarray(40), photo.length);
		expect(done.complete?.sha256).toBe(sha);
		expect(await store.partialSize(sha)).toBe(photo.length);
		expect(Array.from((await store.read(sha))!.bytes)).toEqual(Array.from(photo));
		// Appending to a finished photo is a harmless no-op.
		expect((await store.appendPartial(sha, 0, photo, photo.length)).complete?.sha256).toBe(sha);
	});

	it('completes an upload without a declared length once the bytes hash right', async () => {
		const sha = sha256Hex(TINY_PNG);
		expect((await store.appendPartial(sha, 0, TINY_PNG.subarray(0, 10))).complete).toBeNull();
		expect((await store.appendPartial(sha, 10, TINY_PNG.subarray(10))).complete?.content_type).toBe(
			'image/png'
		);
	});

	it('throws away an upload whose assembled bytes do not match the hash', async () => {
		const sha = 'a'.repeat(64);
		await expectPhotoError(store.appendPartial(sha, 0, TINY_JPEG, TINY_JPEG.length), 422);
		expect(await store.partialSize(sha)).toBe(0);
	});
});
