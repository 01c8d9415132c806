/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same sequence on every
 * machine and Node version, which `Math.random` cannot promise. Good enough for demo data and
 * fault injection; not for anything secret.
 */
export interface Weighted<T> {
	value: T;
	weight: number;
}

export class SeededRandom {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** A float in [min, max). */
	float(min: number, max: number): number {
		return min + this.next() * (max - min);
	}

	/** True with probability `p`. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list');
		return items[Math.floor(this.next() * items.length)] as T;
	}

	weightedPick<T>(items: readonly Weighted<T>[]): T {
		const total = items.reduce((sum, item) => sum + item.weight, 0);
		if (!(total > 0)) throw new Error('weightedPick needs a positive total weight');
		let threshold = this.next() * total;
		for (const item of items) {
			threshold -= item.weight;
			if (threshold < 0) return item.value;
		}
		// Floating point rounding can leave a sliver at the end: it belongs to the last item.
		return (items.at(-1) as Weighted<T>).value;
	}

	/** A shuffled copy (Fisher-Yates); the input is left alone. */
	shuffle<T>(items: readonly T[]): T[] {
		const copy = [...items];
		for (let i = copy.length - 1; i > 0; i--) {
			const j = this.int(0, i);
			[copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
		}
		return copy;
	}

	/** `count` distinct items in random order (all of them when count >= length). */
	sample<T>(items: readonly T[], count: number): T[] {
		return this.shuffle(items).slice(0, count);
	}

	/** A UUID in version 4 format whose bits come from this source. */
	uuid(): string {
		const bytes = Array.from({ length: 16 }, () => this.int(0, 255));
		bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
		bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
		const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	}
}

export function createRandom(seed: number): SeededRandom {
	return new SeededRandom(seed);
}
