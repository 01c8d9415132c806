/**
 * Where a photo can be compressed on this device, pure so the choice is unit-tested. Older Safari
 * (before 16.4) has no OffscreenCanvas: the photo worker cannot draw there, so the page does the
 * work with an ordinary canvas, by the same size and quality rules (fit.ts).
 */

export interface CompressionSupport {
	worker: boolean;
	/** OffscreenCanvas with convertToBlob (a 2D context is checked when drawing). */
	offscreenCanvas: boolean;
	createImageBitmap: boolean;
}

export type CompressionPath = 'worker' | 'main-thread';
/** How the main thread decodes: createImageBitmap where it exists, else an <img>. */
export type MainThreadDecoder = 'bitmap' | 'image-element';

/** Said by the worker when it cannot draw; the page then compresses itself. */
export const WORKER_CANNOT_DRAW = 'photo-worker-cannot-draw';

export function compressionPath(support: CompressionSupport): CompressionPath {
	return support.worker && support.offscreenCanvas && support.createImageBitmap ? 'worker' : 'main-thread';
}

export function mainThreadDecoder(support: Pick<CompressionSupport, 'createImageBitmap'>): MainThreadDecoder {
	return support.createImageBitmap ? 'bitmap' : 'image-element';
}

/** What this global scope (a page or a worker) offers. */
export function detectSupport(scope: object = globalThis): CompressionSupport {
	const global = scope as Record<string, unknown>;
	const offscreen = global.OffscreenCanvas;
	const prototype: unknown = typeof offscreen === 'function' ? (offscreen.prototype as unknown) : undefined;
	return {
		worker: typeof global.Worker === 'function',
		offscreenCanvas: typeof prototype === 'object' && prototype !== null && 'convertToBlob' in prototype,
		createImageBitmap: typeof global.createImageBitmap === 'function'
	};
}

/** Whether an error from the worker means "cannot draw here" rather than "not a photo". */
export function isWorkerCannotDraw(error: unknown): boolean {
	return error instanceof Error && error.message.includes(WORKER_CANNOT_DRAW);
}
