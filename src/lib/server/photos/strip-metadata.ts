/**
 * The public copy of a photo: the same pixels without the metadata that can locate or identify
 * someone (EXIF with GPS, XMP, IPTC, comments, text chunks). A JPEG keeps only its orientation,
 * rewritten as a minimal EXIF block, so the picture still shows the right way up.
 */
import { ascii, u16be, u32be, type ImageType } from './image-format';

export function stripMetadata(bytes: Uint8Array, type: ImageType): Uint8Array {
	if (type === 'image/jpeg') return stripJpeg(bytes);
	if (type === 'image/png') return stripPng(bytes);
	return stripWebp(bytes);
}

const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP13 = 0xed;
const COM = 0xfe;

function stripJpeg(bytes: Uint8Array): Uint8Array {
	const kept: Uint8Array[] = [bytes.subarray(0, 2)];
	let orientation = 1;
	let afterApp0 = 1;
	let offset = 2;
	while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
		const marker = bytes[offset + 1] ?? 0;
		if (marker === SOS) break;
		const end = offset + 2 + u16be(bytes, offset + 2);
		const segment = bytes.subarray(offset, end);
		if (marker === APP1 && ascii(bytes, offset + 4, 4) === 'Exif') {
			orientation = exifOrientation(bytes.subarray(offset + 10, end)) ?? orientation;
		} else if (marker !== APP1 && marker !== APP13 && marker !== COM) {
			kept.push(segment);
			if (marker === APP0) afterApp0 = kept.length;
		}
		offset = end;
	}
	if (orientation !== 1) kept.splice(afterApp0, 0, minimalExif(orientation));
	kept.push(bytes.subarray(offset));
	return concat(kept);
}

/** Orientation (tag 0x0112) from a TIFF block, in either byte order. */
function exifOrientation(tiff: Uint8Array): number | null {
	if (tiff.length < 8) return null;
	const little = ascii(tiff, 0, 2) === 'II';
	const read16 = (at: number) => (little ? (tiff[at] ?? 0) | ((tiff[at + 1] ?? 0) << 8) : u16be(tiff, at));
	const read32 = (at: number) => (little ? (read16(at) | (read16(at + 2) << 16)) >>> 0 : u32be(tiff, at));
	const ifd = read32(4);
	const count = read16(ifd);
	for (let i = 0; i < count; i++) {
		const entry = ifd + 2 + i * 12;
		if (entry + 12 > tiff.length) return null;
		if (read16(entry) === 0x0112) {
			const value = read16(entry + 8);
			return value >= 1 && value <= 8 ? value : null;
		}
	}
	return null;
}

function minimalExif(orientation: number): Uint8Array {
	const body = [
		...[0x45, 0x78, 0x69, 0x66, 0, 0], // "Exif\0\0"
		...[0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8], // big-endian TIFF header, IFD0 at 8
		...[0, 1], // one entry
		...[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0], // Orientation, SHORT, 1 value
		...[0, 0, 0, 0] // no next IFD
	];
	const length = body.length + 2;
	return Uint8Array.from([0xff, APP1, length >> 8, length & 0xff, ...body]);
}

const PNG_METADATA_CHUNKS = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(bytes: Uint8Array): Uint8Array {
	const kept: Uint8Array[] = [bytes.subarray(0, 8)];
	let offset = 8;
	while (offset + 12 <= bytes.length) {
		const end = offset + 12 + u32be(bytes, offset);
		if (!PNG_METADATA_CHUNKS.has(ascii(bytes, offset + 4, 4))) kept.push(bytes.subarray(offset, end));
		offset = end;
	}
	return concat(kept);
}

const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;

function stripWebp(bytes: Uint8Array): Uint8Array {
	const kept: Uint8Array[] = [];
	let offset = 12;
	while (offset + 8 <= bytes.length) {
		const fourcc = ascii(bytes, offset, 4);
		const size =
			(bytes[offset + 4] ?? 0) |
			((bytes[offset + 5] ?? 0) << 8) |
			((bytes[offset + 6] ?? 0) << 16) |
			((bytes[offset + 7] ?? 0) << 24);
		const end = offset + 8 + size + (size % 2);
		if (fourcc === 'VP8X') {
			const chunk = bytes.slice(offset, end);
			chunk[8] = (chunk[8] ?? 0) & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
			kept.push(chunk);
		} else if (fourcc !== 'EXIF' && fourcc !== 'XMP ') {
			kept.push(bytes.subarray(offset, end));
		}
		offset = end;
	}
	const body = concat(kept);
	const header = bytes.slice(0, 12);
	const riffSize = body.length + 4;
	header.set([riffSize & 0xff, (riffSize >> 8) & 0xff, (riffSize >> 16) & 0xff, (riffSize >>> 24) & 0xff], 4);
	return concat([header, body]);
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}
