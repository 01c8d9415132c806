/**
 * The photo compressor, in its own worker so decoding a 12 MP camera photo never freezes the page
 * a gloved thumb is waiting on. Kept small on purpose: it imports only comlink and the size rule.
 */
import { expose } from 'comlink';
import { fitLongEdge, JPEG_QUALITY } from './fit';

export interface CompressorApi {
	compress(file: Blob): Promise<Blob>;
}

const compressor: CompressorApi = {
	async compress(file) {
		// 'from-image' applies the EXIF orientation, so a portrait photo stays portrait once the
		// EXIF block is gone (the canvas writes none).
		const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
		try {
			const { width, height } = fitLongEdge(bitmap.width, bitmap.height);
			const canvas = new OffscreenCanvas(width, height);
			const context = canvas.getContext('2d');
			if (!context) throw new Error('This device cannot draw the photo.');
			context.drawImage(bitmap, 0, 0, width, height);
			return await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
		} finally {
			bitmap.close();
		}
	}
};

expose(compressor);
