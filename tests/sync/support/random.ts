/** A seeded random source (mulberry32): the same seed gives the same run, so a failing seed replays. */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(minInclusive: number, maxInclusive: number): number {
		return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		const item = items[Math.floor(this.next() * items.length)];
		if (item === undefined) throw new Error('pick from an empty list');
		return item;
	}

	bytes(length: number): Uint8Array<ArrayBuffer> {
		const out = new Uint8Array(length);
		for (let i = 0; i < length; i++) out[i] = Math.floor(this.next() * 256);
		return out;
	}

	/** A v4-shaped UUID from the seeded stream, so ids are reproducible too. */
	uuid(): string {
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
