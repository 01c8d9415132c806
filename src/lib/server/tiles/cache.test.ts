import { describe, expect, it } from 'vitest';
import { LruCache } from './cache';

describe('LruCache', () => {
	it('evicts the least recently used entry beyond its entry limit', () => {
		const cache = new LruCache<string>(2, 1_000, (value) => value.length);
		cache.set('a', 'A');
		cache.set('b', 'B');
		expect(cache.get('a')).toBe('A'); // a is now the most recent
		cache.set('c', 'C');
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('a')).toBe('A');
		expect(cache.get('c')).toBe('C');
		expect(cache.size).toBe(2);
	});

	it('evicts by bytes, and replaces an entry without counting it twice', () => {
		const cache = new LruCache<string>(100, 10, (value) => value.length);
		cache.set('a', 'xxxx');
		cache.set('b', 'yyyy');
		cache.set('a', 'zzzz');
		expect(cache.bytes).toBe(8);
		cache.set('c', 'wwww');
		expect(cache.get('b')).toBeUndefined();
		expect(cache.bytes).toBe(8);
		// An entry larger than the budget is kept alone rather than refused.
		cache.set('big', 'x'.repeat(50));
		expect(cache.size).toBe(1);
		expect(cache.get('big')).toHaveLength(50);
	});
});
