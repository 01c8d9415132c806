import { describe, expect, it, vi } from 'vitest';
import type { PullResponse } from '$lib/domain';
import { pageKey, PullAhead } from './pull-ahead';

const DEVICE = 'device-1';
const PARTS = {
	userId: 'u-dana',
	crewId: 'crew-north',
	after: 10,
	limit: 500,
	services: 'v1',
	lastMutationId: 4
};
const KEY = pageKey(PARTS);

function page(cursor: string): PullResponse {
	return { cursor, more: true } as PullResponse;
}

describe('PullAhead', () => {
	it('reads after the current answer has gone out, and hands the page over once', async () => {
		const ahead = new PullAhead();
		const read = vi.fn(async () => page('c2'));
		ahead.start(DEVICE, KEY, read);
		expect(read).not.toHaveBeenCalled();
		expect(await ahead.take(DEVICE, KEY)).toEqual(page('c2'));
		expect(read).toHaveBeenCalledTimes(1);
		expect(await ahead.take(DEVICE, KEY)).toBeUndefined();
	});

	it('answers only exactly the question it read: another cursor, size, catalogue, crew, person or last mutation is read fresh', async () => {
		for (const other of [
			{ after: 11 },
			{ limit: 499 },
			{ services: undefined },
			{ crewId: 'crew-south' },
			{ userId: 'u-sam' },
			// The device pushed since (through any server process on the database).
			{ lastMutationId: 5 }
		]) {
			const ahead = new PullAhead();
			ahead.start(DEVICE, KEY, async () => page('c2'));
			expect(await ahead.take(DEVICE, pageKey({ ...PARTS, ...other }))).toBeUndefined();
			// A miss drops what was waiting: the request reads fresh and starts the next read itself.
			expect(await ahead.take(DEVICE, KEY)).toBeUndefined();
		}
	});

	it('reads even under a test’s fake timers', async () => {
		vi.useFakeTimers();
		try {
			const ahead = new PullAhead();
			ahead.start(DEVICE, KEY, async () => page('c2'));
			expect(await ahead.take(DEVICE, KEY)).toEqual(page('c2'));
		} finally {
			vi.useRealTimers();
		}
	});

	it('is only for the device it was read for', async () => {
		const ahead = new PullAhead();
		ahead.start(DEVICE, KEY, async () => page('c2'));
		expect(await ahead.take('device-2', KEY)).toBeUndefined();
		expect(await ahead.take(DEVICE, KEY)).toEqual(page('c2'));
	});

	it('drops a page once it is older than its lifetime', async () => {
		const ahead = new PullAhead();
		ahead.start(DEVICE, KEY, async () => page('c2'), 1_000);
		expect(await ahead.take(DEVICE, KEY, 1_000 + 15_001)).toBeUndefined();
	});

	it('never hands over a failed read or a read that found no page: the request reads again', async () => {
		const ahead = new PullAhead();
		ahead.start(DEVICE, KEY, async () => {
			throw new Error('database gone');
		});
		expect(await ahead.take(DEVICE, KEY)).toBeUndefined();
		ahead.start(DEVICE, KEY, async () => null);
		expect(await ahead.take(DEVICE, KEY)).toBeUndefined();
	});

	it('keeps at most 64 devices waiting, dropping the longest waiting first', async () => {
		const ahead = new PullAhead();
		for (let n = 0; n <= 64; n++) ahead.start(`device-${n}`, KEY, async () => page(`c${n}`));
		await ahead.settled();
		expect(await ahead.take('device-0', KEY)).toBeUndefined();
		expect(await ahead.take('device-1', KEY)).toEqual(page('c1'));
		expect(await ahead.take('device-64', KEY)).toEqual(page('c64'));
	});
});
