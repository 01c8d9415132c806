/**
 * Camera-size JPEGs for the day's upload, every one unique, without drawing and encoding 12
 * megapixels per photo: that took ~1.1 s of a shared core per photo, more than the app's own
 * compression of it, and held the recorded day to 40 closures.
 *
 * A few scenes are drawn and encoded once. Each photo is one of them with its luminance
 * quantization table changed in three low-frequency entries: the file keeps the scene's size and
 * entropy-coded data (a real 4000x3000 camera JPEG), but every 8x8 block decodes differently, so
 * the app's compressed copy and its SHA-256 differ from every other photo's and no upload is
 * skipped as a duplicate.
 */

const WIDTH = 4000;
const HEIGHT = 3000;
const SCENES = 16;
/** Zigzag positions of the luminance table that are changed: the lowest AC frequencies. */
const VARIED_ENTRIES = [1, 2, 3] as const;
/** Each varied entry is raised by 0..STEPS-1. */
const STEPS = 4;
export const UNIQUE_PHOTOS = SCENES * STEPS ** VARIED_ENTRIES.length;

/** A camera-like picture: sky-to-road gradient, shapes, and sensor noise. */
async function drawScene(index: number): Promise<Uint8Array> {
	const canvas = new OffscreenCanvas(WIDTH, HEIGHT);
	const context = canvas.getContext('2d');
	if (!context) throw new Error('no 2d canvas');
	const gradient = context.createLinearGradient(0, 0, 0, HEIGHT);
	gradient.addColorStop(0, `hsl(${(index * 37) % 360} 45% 70%)`);
	gradient.addColorStop(1, `hsl(${(index * 53) % 360} 15% 30%)`);
	context.fillStyle = gradient;
	context.fillRect(0, 0, WIDTH, HEIGHT);
	let state = index * 2_654_435_761 + 1;
	const next = () => (state = (state * 1_103_515_245 + 12_345) >>> 0) / 4_294_967_296;
	for (let shape = 0; shape < 60; shape++) {
		context.fillStyle = `hsl(${next() * 360} ${next() * 60}% ${20 + next() * 60}%)`;
		context.fillRect(next() * WIDTH, next() * HEIGHT, next() * 900, next() * 600);
	}
	// Noise in tiles, as a sensor would add: keeps the JPEG at a realistic size of over a megabyte.
	const tile = context.createImageData(250, 250);
	for (let i = 0; i < tile.data.length; i += 4) {
		const grain = next() * 48;
		tile.data[i] = grain;
		tile.data[i + 1] = grain;
		tile.data[i + 2] = grain;
		tile.data[i + 3] = 40;
	}
	const noise = new OffscreenCanvas(250, 250);
	noise.getContext('2d')?.putImageData(tile, 0, 0);
	for (let y = 0; y < HEIGHT; y += 250) for (let x = 0; x < WIDTH; x += 250) context.drawImage(noise, x, y);
	const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
	return new Uint8Array(await blob.arrayBuffer());
}

/** Offset of the first 8-bit quantization table with id 0 (luminance), in zigzag order. */
export function luminanceTableOffset(jpeg: Uint8Array): number {
	let at = 2; // after SOI
	while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
		const marker = jpeg[at + 1] ?? 0;
		const length = ((jpeg[at + 2] ?? 0) << 8) | (jpeg[at + 3] ?? 0);
		if (marker === 0xda) break; // start of scan: no table before it
		if (marker === 0xdb) {
			let table = at + 4;
			while (table < at + 2 + length) {
				const precisionAndId = jpeg[table] ?? 0;
				if (precisionAndId === 0x00) return table + 1;
				table += 1 + (precisionAndId >> 4 === 0 ? 64 : 128);
			}
		}
		at += 2 + length;
	}
	throw new Error('no 8-bit luminance quantization table in the JPEG');
}

/** `scene` with its luminance table varied by `variant` (0 leaves it as drawn). */
export function variantOf(scene: Uint8Array, variant: number): Uint8Array {
	const jpeg = scene.slice();
	const table = luminanceTableOffset(jpeg);
	let rest = variant;
	for (const entry of VARIED_ENTRIES) {
		const at = table + entry;
		jpeg[at] = Math.min(255, (jpeg[at] ?? 1) + (rest % STEPS));
		rest = Math.floor(rest / STEPS);
	}
	return jpeg;
}

const scenes = new Map<number, Promise<Uint8Array>>();
let handedOut = 0;

/** The next unique camera JPEG of this page (throws past UNIQUE_PHOTOS rather than repeat one). */
export async function nextCameraJpeg(): Promise<Blob> {
	const number = handedOut++;
	if (number >= UNIQUE_PHOTOS) throw new Error(`only ${UNIQUE_PHOTOS} unique camera photos per page`);
	const sceneIndex = number % SCENES;
	let scene = scenes.get(sceneIndex);
	if (!scene) {
		scene = drawScene(sceneIndex);
		scenes.set(sceneIndex, scene);
	}
	const bytes = variantOf(await scene, Math.floor(number / SCENES));
	return new Blob([bytes.buffer as ArrayBuffer], { type: 'image/jpeg' });
}
