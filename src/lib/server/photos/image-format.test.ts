import { describe, expect, it } from 'vitest';
import { jpegWithGpsExif, pngBomb, TINY_JPEG, TINY_PNG, TINY_WEBP } from '../../../../tests/fixtures/images';
import { readImageInfo, sniffImageType } from './image-format';

describe('image format from bytes', () => {
	it('recognises JPEG, PNG and WebP and reads their pixel size', () => {
		expect(readImageInfo(TINY_JPEG)).toEqual({ type: 'image/jpeg', width: 1, height: 1 });
		expect(readImageInfo(jpegWithGpsExif())).toEqual({ type: 'image/jpeg', width: 1, height: 1 });
		expect(readImageInfo(TINY_PNG)).toEqual({ type: 'image/png', width: 1, height: 1 });
		expect(readImageInfo(TINY_WEBP)).toEqual({ type: 'image/webp', width: 1, height: 1 });
	});

	it('reads the declared canvas of a decompression bomb', () => {
		expect(readImageInfo(pngBomb())).toMatchObject({ width: 50_000, height: 50_000 });
	});

	it('refuses what is not an accepted image, whatever it claims to be', () => {
		const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
		const gif = new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000');
		for (const bytes of [html, gif, new Uint8Array(), TINY_JPEG.subarray(0, 2)]) {
			expect(sniffImageType(bytes) === null || readImageInfo(bytes) === null).toBe(true);
		}
		expect(readImageInfo(TINY_JPEG.subarray(0, 20))).toBeNull();
	});
});
