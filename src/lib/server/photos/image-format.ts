/**
 * Image type and size read from the bytes themselves: an upload's Content-Type header or file
 * name is never trusted. Only the formats phones and our own compressor produce are accepted.
 */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface ImageInfo {
	type: ImageType;
	width: number;
	height: number;
}

export const EXTENSION_FOR: Readonly<Record<ImageType, string>> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};

export function sniffImageType(bytes: Uint8Array): ImageType | null {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	if (bytes.length >= 8 && ascii(bytes, 1, 3) === 'PNG' && bytes[0] === 0x89) return 'image/png';
	if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
		return 'image/webp';
	return null;
}

/** Type and pixel size, or null when the bytes are not a readable image of an accepted type. */
export function readImageInfo(bytes: Uint8Array): ImageInfo | null {
	const type = sniffImageType(bytes);
	if (!type) return null;
	const size =
		type === 'image/jpeg' ? jpegSize(bytes) : type === 'image/png' ? pngSize(bytes) : webpSize(bytes);
	return size && size.width > 0 && size.height > 0 ? { type, ...size } : null;
}

type Size = { width: number; height: number } | null;

function jpegSize(bytes: Uint8Array): Size {
	let offset = 2;
	while (offset + 9 < bytes.length) {
		if (bytes[offset] !== 0xff) return null;
		const marker = bytes[offset + 1] ?? 0;
		// Fill bytes and standalone markers carry no length.
		if (marker === 0xff) {
			offset += 1;
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			offset += 2;
			continue;
		}
		const length = u16be(bytes, offset + 2);
		// SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), hold the frame size.
		if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
			return { height: u16be(bytes, offset + 5), width: u16be(bytes, offset + 7) };
		}
		if (length < 2) return null;
		offset += 2 + length;
	}
	return null;
}

function pngSize(bytes: Uint8Array): Size {
	if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return null;
	return { width: u32be(bytes, 16), height: u32be(bytes, 20) };
}

function webpSize(bytes: Uint8Array): Size {
	if (bytes.length < 30) return null;
	const chunk = ascii(bytes, 12, 4);
	if (chunk === 'VP8X') return { width: 1 + u24le(bytes, 24), height: 1 + u24le(bytes, 27) };
	if (chunk === 'VP8 ') return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
	if (chunk === 'VP8L') {
		// After the 0x2f signature byte: 14 bits width - 1, then 14 bits height - 1, little-endian.
		const b1 = bytes[21] ?? 0;
		const b2 = bytes[22] ?? 0;
		const b3 = bytes[23] ?? 0;
		const b4 = bytes[24] ?? 0;
		return {
			width: 1 + (((b2 & 0x3f) << 8) | b1),
			height: 1 + (((b4 & 0xf) << 10) | (b3 << 2) | ((b2 & 0xc0) >> 6))
		};
	}
	return null;
}

export function ascii(bytes: Uint8Array, start: number, length: number): string {
	return String.fromCharCode(...bytes.subarray(start, start + length));
}
export function u16be(bytes: Uint8Array, at: number): number {
	return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}
export function u32be(bytes: Uint8Array, at: number): number {
	return (
		((bytes[at] ?? 0) * 0x1000000 +
			(((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0))) >>>
		0
	);
}
function u16le(bytes: Uint8Array, at: number): number {
	return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}
export function u24le(bytes: Uint8Array, at: number): number {
	return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16);
}
