/** A least-recently-used map bounded by entries and by bytes: encoded tiles are cheap to rebuild. */
export class LruCache<V> {
	readonly #entries = new Map<string, { value: V; bytes: number }>();
	#bytes = 0;

	constructor(
		private readonly maxEntries: number,
		private readonly maxBytes: number,
		private readonly sizeOf: (value: V) => number
	) {}

	get size(): number {
		return this.#entries.size;
	}

	get bytes(): number {
		return this.#bytes;
	}

	get(key: string): V | undefined {
		const entry = this.#entries.get(key);
		if (!entry) return undefined;
		// Map keeps insertion order: re-inserting makes this the most recently used.
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		return entry.value;
	}

	set(key: string, value: V): void {
		const existing = this.#entries.get(key);
		if (existing) {
			this.#entries.delete(key);
			this.#bytes -= existing.bytes;
		}
		const bytes = this.sizeOf(value);
		this.#entries.set(key, { value, bytes });
		this.#bytes += bytes;
		for (const [oldest, entry] of this.#entries) {
			if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
			if (oldest === key) break;
			this.#entries.delete(oldest);
			this.#bytes -= entry.bytes;
		}
	}
}
