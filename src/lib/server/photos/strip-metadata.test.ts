import { describe, expect, it } from 'vitest';
import {
	GPS_MARKER,
	includesText,
	jpegWithGpsExif,
	TINY_JPEG,
	TINY_PNG,
	TINY_WEBP
} from '../../../../tests/fixtures/images';
import { readImageInfo } from './image-format';
import { stripMetadata } from './strip-metadata';

describe('public copies without location metadata', () => {
	it('removes EXIF with GPS from a JPEG but keeps its orientation', () => {
		const original = jpegWithGpsExif(6);
		expect(includesText(original, GPS_MARKER)).toBe(true);
		const stripped = stripMetadata(original, 'image/jpeg');
		expect(includesText(stripped, GPS_MARKER)).toBe(false);
		expect(Buffer.from(stripped).includes(Buffer.from([0x88, 0x25]))).toBe(false);
		// The minimal EXIF block: Orientation (0x0112) = 6.
		expect(Buffer.from(stripped).includes(Buffer.from([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6]))).toBe(true);
		expect(readImageInfo(stripped)).toEqual({ type: 'image/jpeg', width: 1, height: 1 });
	});

	it('adds no EXIF at all when the orientation is the default', () => {
		const stripped = stripMetadata(jpegWithGpsExif(1), 'image/jpeg');
		expect(Array.from(stripped)).toEqual(Array.from(TINY_JPEG));
	});

	it('removes text and EXIF chunks from a PNG and keeps the image chunks', () => {
		const data = Buffer.from(`Comment\0${GPS_MARKER}`);
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const text = Buffer.concat([length, Buffer.from('tEXt'), data, Buffer.alloc(4)]);
		const withText = Buffer.concat([
			Buffer.from(TINY_PNG.subarray(0, 33)),
			text,
			Buffer.from(TINY_PNG.subarray(33))
		]);
		const stripped = stripMetadata(new Uint8Array(withText), 'image/png');
		expect(Array.from(stripped)).toEqual(Array.from(TINY_PNG));
	});

	it('leaves a WebP without metadata unchanged', () => {
		expect(Array.from(stripMetadata(TINY_WEBP, 'image/webp'))).toEqual(Array.from(TINY_WEBP));
	});
});
