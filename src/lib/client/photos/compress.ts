/**
 * The page side of the photo compressor: one worker, started on first use and kept for the next
 * photo (a crew takes several in a row), reached through a typed comlink proxy. Where the worker
 * cannot draw (no OffscreenCanvas: older Safari) the page compresses itself (main-thread.ts).
 */
import { wrap, type Remote } from 'comlink';
import type { CompressorApi } from './compress.worker';
import { compressOnMainThread } from './main-thread';
import { compressionPath, detectSupport, isWorkerCannotDraw } from './support';

let compressor: Remote<CompressorApi> | null = null;
/** Set once the worker has said it cannot draw: later photos go straight to the page. */
let workerCannotDraw = false;

/** The camera's photo as a JPEG of at most 1600 px on its long edge, orientation applied. */
export async function compressPhoto(file: Blob): Promise<Blob> {
	try {
		// A page without OffscreenCanvas has a worker without it too: skip the worker at once.
		if (workerCannotDraw || compressionPath(detectSupport()) === 'main-thread') {
			return await compressOnMainThread(file);
		}
		try {
			return await worker().compress(file);
		} catch (error) {
			if (!isWorkerCannotDraw(error)) throw error;
			workerCannotDraw = true;
			return await compressOnMainThread(file);
		}
	} catch (error) {
		throw new PhotoUnreadable(error);
	}
}

function worker(): Remote<CompressorApi> {
	compressor ??= wrap<CompressorApi>(
		new Worker(new URL('./compress.worker.ts', import.meta.url), { type: 'module', name: 'curbside-photos' })
	);
	return compressor;
}

/** The file is not a picture this device can decode; nothing was saved. */
export class PhotoUnreadable extends Error {
	constructor(cause: unknown) {
		super('This file could not be read as a photo. Please take or choose another one.', { cause });
		this.name = 'PhotoUnreadable';
	}
}
