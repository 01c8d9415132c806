#!/usr/bin/env node
/**
 * Draws the crew app's icons (static/icons/*.png) from the same shapes as static/favicon.svg:
 * a yellow barrier on a dark green tile. No image packages: the shapes are rasterised here with
 * 4x4 supersampling and written as PNG with node:zlib. Run again after changing the design:
 *   node scripts/make-icons.js
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'static', 'icons');

// --brand and --accent in src/app.css.
const BRAND = [0x0b, 0x3d, 0x2e];
const ACCENT = [0xff, 0xd2, 0x3f];

/** The favicon's shapes on its 64x64 grid: a kerb bar and a barrier above it. */
const GLYPH = [
	[
		[14, 44],
		[50, 44],
		[50, 50],
		[14, 50]
	],
	[
		[20, 18],
		[44, 18],
		[50, 38],
		[14, 38]
	]
];

const ICONS = [
	{ file: 'icon-192.png', size: 192, maskable: false },
	{ file: 'icon-512.png', size: 512, maskable: false },
	// Maskable: the tile fills the square (the platform cuts its own shape) and the glyph stays
	// inside the central safe circle (80% of the width).
	{ file: 'icon-maskable-512.png', size: 512, maskable: true },
	{ file: 'apple-touch-icon.png', size: 180, maskable: true }
];

function insidePolygon(x, y, polygon) {
	let inside = false;
	for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
		const [xi, yi] = polygon[i];
		const [xj, yj] = polygon[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

function insideRoundedSquare(x, y, size, radius) {
	const cx = Math.min(Math.max(x, radius), size - radius);
	const cy = Math.min(Math.max(y, radius), size - radius);
	return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** Colour and coverage (0..1) of one sample point, in 64-unit icon coordinates. */
function sample(u, v, maskable) {
	// The maskable glyph is shrunk around the centre so that it fits the safe zone.
	const scale = maskable ? 0.72 : 1;
	const gu = 32 + (u - 32) / scale;
	const gv = 32 + (v - 32) / scale;
	if (GLYPH.some((shape) => insidePolygon(gu, gv, shape))) return [ACCENT, 1];
	if (maskable || insideRoundedSquare(u, v, 64, 12)) return [BRAND, 1];
	return [BRAND, 0];
}

function draw(size, maskable) {
	const rgba = Buffer.alloc(size * size * 4);
	const grid = 4;
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			let r = 0;
			let g = 0;
			let b = 0;
			let a = 0;
			for (let sy = 0; sy < grid; sy++) {
				for (let sx = 0; sx < grid; sx++) {
					const u = ((x + (sx + 0.5) / grid) / size) * 64;
					const v = ((y + (sy + 0.5) / grid) / size) * 64;
					const [colour, coverage] = sample(u, v, maskable);
					r += colour[0] * coverage;
					g += colour[1] * coverage;
					b += colour[2] * coverage;
					a += coverage;
				}
			}
			const offset = (y * size + x) * 4;
			// Colours are averaged over the covered samples only, so edges do not darken.
			rgba[offset] = a ? Math.round(r / a) : 0;
			rgba[offset + 1] = a ? Math.round(g / a) : 0;
			rgba[offset + 2] = a ? Math.round(b / a) : 0;
			rgba[offset + 3] = Math.round((a / (grid * grid)) * 255);
		}
	}
	return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes) {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG: signature, IHDR, one zlib-compressed IDAT (filter 0 on every row), IEND. */
function encodePng(size, rgba) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bit depth
	header[9] = 6; // colour type: RGBA
	const rows = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

fs.mkdirSync(outDir, { recursive: true });
for (const icon of ICONS) {
	const png = encodePng(icon.size, draw(icon.size, icon.maskable));
	fs.writeFileSync(path.join(outDir, icon.file), png);
	console.log(`static/icons/${icon.file}: ${icon.size}x${icon.size}, ${png.length} bytes`);
}
