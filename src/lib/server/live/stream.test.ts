import { describe, expect, it } from 'vitest';
import type { ConsoleOrder } from '$lib/components/console/console-rows';
import type { LiveSignal } from './channel';
import type { LiveFeed } from './feed';
import { liveStream, type LiveSource } from './stream';

describe('liveStream', () => {
	it('sends hello first, and nothing from before the cursors, when a signal comes while they are read', async () => {
		let listener: (signal: LiveSignal) => void = () => {};
		const feed: LiveFeed = {
			ready: Promise.resolve(),
			subscribe: (next) => {
				listener = next;
				return () => {};
			},
			close: async () => undefined
		};
		const asked: number[] = [];
		let cursorsRead: () => void = () => {};
		const source: LiveSource = {
			ordersChangedSince: async (afterSeq) => {
				asked.push(afterSeq);
				return afterSeq < 7 ? [{ changeSeq: 7 } as ConsoleOrder] : [];
			},
			locationsSince: async () => [],
			// The cursors arrive only after a write has already signalled.
			cursors: () => new Promise((resolve) => (cursorsRead = () => resolve({ seq: 6, locationId: 0 })))
		};
		const abort = new AbortController();
		const reader = liveStream({
			feed,
			source,
			sinceSeq: null,
			sinceLocationId: null,
			signal: abort.signal
		}).getReader();
		const decoder = new TextDecoder();
		const firstRead = reader.read();
		await Promise.resolve();
		listener({ kind: 'orders', seq: 7 });
		cursorsRead();
		let text = '';
		let chunk = await firstRead;
		while (!chunk.done && !text.includes('event: orders')) {
			text += decoder.decode(chunk.value, { stream: true });
			if (!text.includes('event: orders')) chunk = await reader.read();
		}
		abort.abort();
		expect(text.indexOf('event: hello')).toBeGreaterThanOrEqual(0);
		expect(text.indexOf('event: hello')).toBeLessThan(text.indexOf('event: orders'));
		// Never read from before the cursors: the catch-up starts at the stream's own seq.
		expect(asked).toEqual([6]);
	});
});
