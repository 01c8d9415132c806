import { describe, expect, it } from 'vitest';
import { createRandom } from './random';

describe('SeededRandom', () => {
	it('repeats its sequence for the same seed and differs for another', () => {
		const a = createRandom(311);
		const b = createRandom(311);
		const c = createRandom(312);
		const first = Array.from({ length: 20 }, () => a.next());
		expect(Array.from({ length: 20 }, () => b.next())).toEqual(first);
		expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(first);
		for (const value of first) {
			expect(value).toBeGreaterThanOrEqual(0);
			expect(value).toBeLessThan(1);
		}
	});

	it('keeps int, float and pick in range', () => {
		const random = createRandom(7);
		const ints = new Set<number>();
		for (let i = 0; i < 2000; i++) {
			const n = random.int(3, 6);
			ints.add(n);
			const f = random.float(-1, 1);
			expect(f).toBeGreaterThanOrEqual(-1);
			expect(f).toBeLessThan(1);
		}
		expect([...ints].sort()).toEqual([3, 4, 5, 6]);
		expect(['x', 'y']).toContain(random.pick(['x', 'y']));
		expect(() => random.pick([])).toThrow();
	});

	it('follows the weights of weightedPick and the odds of chance', () => {
		const random = createRandom(11);
		const counts = { a: 0, b: 0, never: 0 };
		let heads = 0;
		for (let i = 0; i < 10_000; i++) {
			const key = random.weightedPick([
				{ value: 'a' as const, weight: 3 },
				{ value: 'b' as const, weight: 1 },
				{ value: 'never' as const, weight: 0 }
			]);
			counts[key]++;
			if (random.chance(0.2)) heads++;
		}
		expect(counts.a / 10_000).toBeCloseTo(0.75, 1);
		expect(counts.never).toBe(0);
		expect(heads / 10_000).toBeCloseTo(0.2, 1);
	});

	it('shuffles a copy holding the same items', () => {
		const items = [1, 2, 3, 4, 5, 6, 7, 8];
		const shuffled = createRandom(5).shuffle(items);
		expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect([...shuffled].sort()).toEqual(items);
		expect(createRandom(5).sample(items, 3)).toEqual(shuffled.slice(0, 3));
	});

	it('makes version 4 UUIDs, deterministically', () => {
		const ids = Array.from({ length: 100 }, (_, i) => createRandom(i).uuid());
		for (const id of ids)
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(new Set(ids).size).toBe(100);
		expect(createRandom(42).uuid()).toBe(createRandom(42).uuid());
	});
});
