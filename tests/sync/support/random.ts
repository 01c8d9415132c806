import { SeededRandom } from '../../../src/lib/server/seed/random';

/**
 * The seed generator's PRNG (mulberry32, src/lib/server/seed/random.ts) plus the byte streams the
 * fault harness needs. The same seed gives the same run, so a failing seed replays.
 */
export class Random extends SeededRandom {
	bytes(length: number): Uint8Array<ArrayBuffer> {
		const out = new Uint8Array(length);
		for (let i = 0; i < length; i++) out[i] = Math.floor(this.next() * 256);
		return out;
	}

	/** A v4-shaped UUID from the seeded stream, so ids are reproducible too. */
	override uuid(): string {
		const hex = Array.from(this.bytes(16), (byte) => byte.toString(16).padStart(2, '0')).join('');
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
	}
}

/**
 * A PNG the server's type sniffing accepts (signature + IHDR), followed by random bytes so every
 * photo has its own hash. Not decodable, and it does not need to be: the server only sniffs.
 */
export function randomPng(random: Random, payloadBytes: number): Uint8Array<ArrayBuffer> {
	const header = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
	const size = [0, 0, 0x02, 0x80, 0, 0, 0x01, 0xe0]; // 640 x 480
	return new Uint8Array([...header, ...size, ...random.bytes(payloadBytes)]);
}
