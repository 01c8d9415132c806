/**
 * The page side of the photo compressor: one worker, started on first use and kept for the next
 * photo (a crew takes several in a row), reached through a typed comlink proxy.
 */
import { wrap, type Remote } from 'comlink';
import type { CompressorApi } from './compress.worker';

let compressor: Remote<CompressorApi> | null = null;

/** The camera's photo as a JPEG of at most 1600 px on its long edge, orientation applied. */
export async function compressPhoto(file: Blob): Promise<Blob> {
	compressor ??= wrap<CompressorApi>(
		new Worker(new URL('./compress.worker.ts', import.meta.url), { type: 'module', name: 'curbside-photos' })
	);
	try {
		return await compressor.compress(file);
	} catch (error) {
		throw new PhotoUnreadable(error);
	}
}

/** The file is not a picture this device can decode; nothing was saved. */
export class PhotoUnreadable extends Error {
	constructor(cause: unknown) {
		super('This file could not be read as a photo. Please take or choose another one.', { cause });
		this.name = 'PhotoUnreadable';
	}
}
