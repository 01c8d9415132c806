/**
 * The tile pack: many tiles in one HTTP response, so an offline area downloads in a few large
 * requests instead of thousands of small ones. The body is a stream of frames:
 *
 *   [u16 BE key byte length][key, UTF-8 `z/x/y`][u32 BE data length][data: the tile's MVT bytes]
 *
 * Data length 0 means an empty tile (nothing is there; the map draws background). The stream ends
 * with the end marker PACK_END, a frame whose key and data lengths are both 0, so a reader can
 * tell a complete pack from one cut short by a dropped connection.
 */
import { parseTileKey, type TileKey } from './tiles';

export const TILE_PACK_CONTENT_TYPE = 'application/vnd.curbside.tilepack';

/** No tile of ours comes near this; a larger declared length means the stream is not a pack. */
export const MAX_PACK_TILE_BYTES = 16 * 1024 * 1024;

const KEY_LENGTH_BYTES = 2;
const DATA_LENGTH_BYTES = 4;
/** Longest canonical key: `17/131071/131071` is 16 bytes; anything far beyond is garbage. */
const MAX_KEY_BYTES = 64;

/** The end marker: key length 0 and data length 0. */
export const PACK_END: Uint8Array = new Uint8Array(KEY_LENGTH_BYTES + DATA_LENGTH_BYTES);

const encoder = new TextEncoder();

export interface TileFrame {
	key: TileKey;
	data: Uint8Array;
}

/** One frame of the pack; `data` of length 0 says the tile is empty. */
export function encodeTileFrame(key: TileKey, data: Uint8Array): Uint8Array {
	if (!parseTileKey(key, Number.MAX_SAFE_INTEGER)) throw new Error(`Not a tile key: "${key}"`);
	if (data.length > MAX_PACK_TILE_BYTES) {
		throw new Error(`Tile ${key} has ${data.length} bytes; a pack tile may have ${MAX_PACK_TILE_BYTES}`);
	}
	const keyBytes = encoder.encode(key);
	const frame = new Uint8Array(KEY_LENGTH_BYTES + keyBytes.length + DATA_LENGTH_BYTES + data.length);
	const view = new DataView(frame.buffer);
	view.setUint16(0, keyBytes.length);
	frame.set(keyBytes, KEY_LENGTH_BYTES);
	view.setUint32(KEY_LENGTH_BYTES + keyBytes.length, data.length);
	frame.set(data, KEY_LENGTH_BYTES + keyBytes.length + DATA_LENGTH_BYTES);
	return frame;
}

/**
 * Reads a pack as it arrives: push each network chunk, get back the tiles completed by it. Frames
 * may be split anywhere across chunks. Throws an Error naming the problem on a malformed frame or
 * on bytes after the end marker; call `end()` when the stream closes to detect a truncated pack.
 */
export class TilePackDecoder {
	/** Bytes received but not yet decoded, kept as they came until a whole frame is there. */
	#chunks: Uint8Array[] = [];
	#buffered = 0;
	/** Buffered bytes needed before the next frame can be decoded. */
	#needed = KEY_LENGTH_BYTES;
	#done = false;
	#tiles = 0;
	readonly #decoder = new TextDecoder('utf-8', { fatal: true });

	/** True once the end marker has been read. */
	get done(): boolean {
		return this.#done;
	}

	/** Tiles decoded so far. */
	get count(): number {
		return this.#tiles;
	}

	push(chunk: Uint8Array): TileFrame[] {
		if (chunk.length === 0) return [];
		if (this.#done) throw new Error('The tile pack has data after its end marker.');
		// A copy: the caller may reuse its chunk's memory once push returns.
		this.#chunks.push(chunk.slice());
		this.#buffered += chunk.length;
		// Joining only once a frame is complete keeps the cost linear however small the chunks are.
		if (this.#buffered < this.#needed) return [];
		const buffer = this.#chunks.length === 1 ? (this.#chunks[0] as Uint8Array) : concat(this.#chunks);
		const frames: TileFrame[] = [];
		let offset = 0;
		for (;;) {
			const frame = this.#readFrame(buffer, offset);
			if ('needed' in frame) {
				this.#needed = frame.needed;
				break;
			}
			offset = frame.next;
			if (frame.end) {
				this.#done = true;
				if (offset < buffer.length) throw new Error('The tile pack has data after its end marker.');
				break;
			}
			frames.push({ key: frame.key, data: frame.data });
			this.#tiles++;
		}
		const rest = buffer.subarray(offset);
		this.#chunks = rest.length > 0 ? [rest.slice()] : [];
		this.#buffered = rest.length;
		return frames;
	}

	/** The stream closed: throws unless the end marker arrived. */
	end(): void {
		if (!this.#done) {
			throw new Error(
				`The tile pack was cut short after ${this.#tiles} tiles (no end marker; ${this.#buffered} bytes left over).`
			);
		}
	}

	/** The frame at `offset`, or how many bytes from `offset` it needs before it can be read. */
	#readFrame(
		buffer: Uint8Array,
		offset: number
	):
		| { needed: number }
		| { end: true; next: number }
		| { end: false; key: TileKey; data: Uint8Array; next: number } {
		const available = buffer.length - offset;
		if (available < KEY_LENGTH_BYTES) return { needed: KEY_LENGTH_BYTES };
		const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
		const keyLength = view.getUint16(offset);
		if (keyLength > MAX_KEY_BYTES) {
			throw new Error(`Malformed tile pack: a frame declares a ${keyLength}-byte key.`);
		}
		const header = KEY_LENGTH_BYTES + keyLength + DATA_LENGTH_BYTES;
		if (available < header) return { needed: header };
		const keyStart = offset + KEY_LENGTH_BYTES;
		const lengthStart = keyStart + keyLength;
		const dataLength = view.getUint32(lengthStart);
		if (keyLength === 0) {
			if (dataLength !== 0) throw new Error('Malformed tile pack: the end marker carries data.');
			return { end: true, next: offset + header };
		}
		const key = this.#readKey(buffer.subarray(keyStart, lengthStart));
		if (dataLength > MAX_PACK_TILE_BYTES) {
			throw new Error(`Malformed tile pack: tile ${key} declares ${dataLength} bytes.`);
		}
		if (available < header + dataLength) return { needed: header + dataLength };
		const dataStart = offset + header;
		return {
			end: false,
			key,
			data: buffer.slice(dataStart, dataStart + dataLength),
			next: dataStart + dataLength
		};
	}

	#readKey(bytes: Uint8Array): TileKey {
		let key: string;
		try {
			key = this.#decoder.decode(bytes);
		} catch {
			throw new Error('Malformed tile pack: a tile key is not UTF-8.');
		}
		if (!parseTileKey(key, Number.MAX_SAFE_INTEGER)) {
			throw new Error(`Malformed tile pack: "${key}" is not a tile key.`);
		}
		return key;
	}
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
	const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		joined.set(part, offset);
		offset += part.length;
	}
	return joined;
}
