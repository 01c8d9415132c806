/**
 * The photo compressor, in its own worker so decoding a 12 MP camera photo never freezes the page
 * a gloved thumb is waiting on. Kept small on purpose: it imports only comlink and the size rules.
 */
import { expose } from 'comlink';
import { fitLongEdge, JPEG_QUALITY } from './fit';
import { compressionPath, detectSupport, WORKER_CANNOT_DRAW } from './support';

export interface CompressorApi {
	compress(file: Blob): Promise<Blob>;
}

const compressor: CompressorApi = {
	async compress(file) {
		// A worker without OffscreenCanvas (older Safari) cannot draw: the page compresses instead.
		if (compressionPath({ ...detectSupport(), worker: true }) !== 'worker')
			throw new Error(WORKER_CANNOT_DRAW);
		// 'from-image' applies the EXIF orientation, so a portrait photo stays portrait once the
		// EXIF block is gone (the canvas writes none).
		const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
		try {
			const { width, height } = fitLongEdge(bitmap.width, bitmap.height);
			const canvas = new OffscreenCanvas(width, height);
			const context = canvas.getContext('2d');
			if (!context) throw new Error(WORKER_CANNOT_DRAW);
			context.drawImage(bitmap, 0, 0, width, height);
			return await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
		} finally {
			bitmap.close();
		}
	}
};

expose(compressor);
