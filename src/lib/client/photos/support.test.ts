import { describe, expect, it } from 'vitest';
import {
	compressionPath,
	detectSupport,
	isWorkerCannotDraw,
	mainThreadDecoder,
	WORKER_CANNOT_DRAW
} from './support';

const ALL = { worker: true, offscreenCanvas: true, createImageBitmap: true };

describe('where a photo is compressed', () => {
	it('uses the worker only when it can decode and draw there', () => {
		expect(compressionPath(ALL)).toBe('worker');
		expect(compressionPath({ ...ALL, offscreenCanvas: false })).toBe('main-thread');
		expect(compressionPath({ ...ALL, createImageBitmap: false })).toBe('main-thread');
		expect(compressionPath({ ...ALL, worker: false })).toBe('main-thread');
	});

	it('decodes on the main thread with createImageBitmap where it exists, else with an <img>', () => {
		expect(mainThreadDecoder({ createImageBitmap: true })).toBe('bitmap');
		expect(mainThreadDecoder({ createImageBitmap: false })).toBe('image-element');
	});

	it('reads what a scope offers: older Safari has no OffscreenCanvas', () => {
		class Offscreen {
			convertToBlob() {}
		}
		const modern = { Worker: class {}, OffscreenCanvas: Offscreen, createImageBitmap: () => null };
		expect(detectSupport(modern)).toEqual(ALL);
		const oldSafari = { Worker: class {}, createImageBitmap: () => null };
		expect(detectSupport(oldSafari)).toEqual({ ...ALL, offscreenCanvas: false });
		// Safari 16.0-16.3 had the constructor without a usable convertToBlob.
		expect(detectSupport({ ...modern, OffscreenCanvas: class {} }).offscreenCanvas).toBe(false);
		expect(compressionPath(detectSupport({}))).toBe('main-thread');
	});

	it('tells the worker’s "cannot draw" from an unreadable photo', () => {
		expect(isWorkerCannotDraw(new Error(WORKER_CANNOT_DRAW))).toBe(true);
		expect(isWorkerCannotDraw(new Error('The source image could not be decoded.'))).toBe(false);
		expect(isWorkerCannotDraw('nope')).toBe(false);
	});
});
