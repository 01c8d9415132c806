import { describe, expect, it } from 'vitest';
import { encodeTileFrame, PACK_END, TilePackDecoder, type TileFrame } from './pack';

/** A small deterministic PRNG so a failing split can be replayed. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

function samplePack(rng: () => number, count: number): { tiles: TileFrame[]; bytes: Uint8Array } {
	const tiles: TileFrame[] = [];
	for (let i = 0; i < count; i++) {
		const length = rng() < 0.2 ? 0 : Math.floor(rng() * 3000);
		const data = new Uint8Array(length);
		for (let b = 0; b < length; b++) data[b] = Math.floor(rng() * 256);
		tiles.push({ key: `${12 + (i % 6)}/${1000 + i}/${2000 + i}`, data });
	}
	return { tiles, bytes: concat([...tiles.map((t) => encodeTileFrame(t.key, t.data)), PACK_END]) };
}

/** Deep equality of typed arrays in expect() is slow at this volume; compare bytes directly. */
function describeDifference(actual: TileFrame[], expected: TileFrame[]): string {
	if (actual.length !== expected.length) return `${actual.length} tiles, expected ${expected.length}`;
	for (const [i, tile] of expected.entries()) {
		const got = actual[i] as TileFrame;
		if (got.key !== tile.key) return `tile ${i} is ${got.key}, expected ${tile.key}`;
		if (got.data.length !== tile.data.length || got.data.some((byte, b) => byte !== tile.data[b])) {
			return `tile ${tile.key} has different data`;
		}
	}
	return 'same';
}

function decodeInChunks(bytes: Uint8Array, rng: () => number, maxChunk: number): TileFrame[] {
	const decoder = new TilePackDecoder();
	const out: TileFrame[] = [];
	let offset = 0;
	while (offset < bytes.length) {
		const size = 1 + Math.floor(rng() * maxChunk);
		out.push(...decoder.push(bytes.subarray(offset, offset + size)));
		offset += size;
	}
	decoder.end();
	expect(decoder.done).toBe(true);
	return out;
}

describe('tile pack format', () => {
	it('lays a frame out as key length, key, data length, data (big-endian)', () => {
		const frame = encodeTileFrame('1/0/1', new Uint8Array([9, 8, 7]));
		expect([...frame]).toEqual([0, 5, ...new TextEncoder().encode('1/0/1'), 0, 0, 0, 3, 9, 8, 7]);
		expect([...PACK_END]).toEqual([0, 0, 0, 0, 0, 0]);
	});

	it('decodes every tile, in order, however the stream is split into chunks', () => {
		for (let seed = 1; seed <= 40; seed++) {
			const rng = random(seed);
			const { tiles, bytes } = samplePack(rng, 1 + Math.floor(rng() * 30));
			const maxChunk = [1, 7, 64, 5000, bytes.length][seed % 5] as number;
			expect(describeDifference(decodeInChunks(bytes, rng, maxChunk), tiles), `seed ${seed}`).toBe('same');
		}
	});

	it('decodes an empty pack and empty tiles', () => {
		const decoder = new TilePackDecoder();
		expect(decoder.push(PACK_END)).toEqual([]);
		expect(decoder.done).toBe(true);
		const empty = new TilePackDecoder();
		expect(empty.push(concat([encodeTileFrame('3/1/2', new Uint8Array()), PACK_END]))).toEqual([
			{ key: '3/1/2', data: new Uint8Array() }
		]);
	});

	it('does not keep a reference to the caller’s chunk', () => {
		const bytes = concat([encodeTileFrame('3/1/2', new Uint8Array([1, 2, 3, 4])), PACK_END]);
		const decoder = new TilePackDecoder();
		const chunk = bytes.slice(0, 9);
		decoder.push(chunk);
		chunk.fill(255);
		expect(decoder.push(bytes.slice(9))).toEqual([{ key: '3/1/2', data: new Uint8Array([1, 2, 3, 4]) }]);
	});

	it('detects a pack cut short, even on a frame boundary', () => {
		const { bytes } = samplePack(random(7), 5);
		for (const cut of [0, 1, 10, bytes.length - PACK_END.length, bytes.length - 1]) {
			const decoder = new TilePackDecoder();
			decoder.push(bytes.subarray(0, cut));
			expect(decoder.done).toBe(false);
			expect(() => decoder.end()).toThrow(/cut short/);
		}
	});

	it('throws a clear error on malformed frames', () => {
		const keyFrame = (key: Uint8Array, dataLength: number) => {
			const frame = new Uint8Array(2 + key.length + 4);
			const view = new DataView(frame.buffer);
			view.setUint16(0, key.length);
			frame.set(key, 2);
			view.setUint32(2 + key.length, dataLength);
			return frame;
		};
		const text = (s: string) => new TextEncoder().encode(s);
		expect(() => new TilePackDecoder().push(keyFrame(text('not/a/key'), 0))).toThrow(/not a tile key/);
		expect(() => new TilePackDecoder().push(keyFrame(new Uint8Array([0xff, 0xfe]), 0))).toThrow(/UTF-8/);
		expect(() => new TilePackDecoder().push(new Uint8Array([0xff, 0xff]))).toThrow(/key/);
		expect(() => new TilePackDecoder().push(keyFrame(text('1/0/0'), 0xffffffff))).toThrow(/declares/);
		expect(() => new TilePackDecoder().push(keyFrame(new Uint8Array(), 5))).toThrow(/end marker/);
		const done = new TilePackDecoder();
		expect(() => done.push(concat([PACK_END, new Uint8Array([1])]))).toThrow(/after its end marker/);
		expect(() => done.push(new Uint8Array([1]))).toThrow(/after its end marker/);
	});

	it('refuses to encode a bad key', () => {
		expect(() => encodeTileFrame('', new Uint8Array())).toThrow(/tile key/);
		expect(() => encodeTileFrame('x/1/2', new Uint8Array())).toThrow(/tile key/);
	});
});
