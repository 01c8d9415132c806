/**
 * The fallback compressor for browsers without OffscreenCanvas (older Safari): the page decodes
 * and draws on an ordinary canvas. Same rules as the worker: long edge at most 1600 px, JPEG at
 * quality 0.8, EXIF orientation applied (createImageBitmap's imageOrientation, or the <img>
 * element, which browsers draw upright by default: CSS image-orientation: from-image).
 */
import { fitLongEdge, JPEG_QUALITY } from './fit';
import { detectSupport, mainThreadDecoder } from './support';

export async function compressOnMainThread(file: Blob): Promise<Blob> {
	const source =
		mainThreadDecoder(detectSupport()) === 'bitmap' ? await decodeToBitmap(file) : await decodeToImage(file);
	try {
		const { width, height } = fitLongEdge(source.width, source.height);
		const canvas = document.createElement('canvas');
		canvas.width = width;
		canvas.height = height;
		const context = canvas.getContext('2d');
		if (!context) throw new Error('This device cannot draw the photo.');
		context.drawImage(source.image, 0, 0, width, height);
		const blob = await new Promise<Blob | null>((resolve) =>
			canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY)
		);
		// Let the canvas memory go at once: a phone may hold several 12 MP photos in a row.
		canvas.width = 0;
		canvas.height = 0;
		if (!blob) throw new Error('This device could not encode the photo.');
		return blob;
	} finally {
		source.release();
	}
}

interface Decoded {
	image: CanvasImageSource;
	width: number;
	height: number;
	release(): void;
}

async function decodeToBitmap(file: Blob): Promise<Decoded> {
	const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	return { image: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
}

async function decodeToImage(file: Blob): Promise<Decoded> {
	const url = URL.createObjectURL(file);
	const image = new Image();
	image.decoding = 'async';
	image.src = url;
	try {
		await image.decode();
	} catch (error) {
		URL.revokeObjectURL(url);
		throw error;
	}
	// naturalWidth/Height are the upright size where the browser applies EXIF orientation to images.
	return {
		image,
		width: image.naturalWidth,
		height: image.naturalHeight,
		release: () => URL.revokeObjectURL(url)
	};
}
