import { describe, expect, it } from 'vitest';
import type { SyncResult } from './engine';
import type { SyncEvent } from './events';
import { SyncScheduler, type Timers } from './scheduler';

/** Timers the test advances by hand. */
function manualTimers() {
	let pending: { callback: () => void; ms: number } | null = null;
	const timers: Timers = {
		setTimeout: (callback, ms) => (pending = { callback, ms }),
		clearTimeout: () => (pending = null)
	};
	return { timers, next: () => pending, fire: () => pending?.callback() };
}

function schedulerWith(results: SyncResult[]) {
	const clock = manualTimers();
	const events: SyncEvent[] = [];
	let runs = 0;
	const scheduler = new SyncScheduler({
		sync: async () => results[Math.min(runs++, results.length - 1)] ?? { ok: true, pending: 0 },
		emit: (event) => events.push(event),
		timers: clock.timers,
		random: () => 0.5,
		debounceMs: 1_000,
		backoff: { baseMs: 1_000, maxMs: 8_000 }
	});
	return { scheduler, clock, events, runs: () => runs };
}

const networkDown: SyncResult = { ok: false, failure: 'network', message: 'offline' };

describe('SyncScheduler', () => {
	it('[S21] local writes are debounced into one sync', () => {
		const { scheduler, clock } = schedulerWith([]);
		scheduler.localWrite();
		scheduler.localWrite();
		expect(clock.next()?.ms).toBe(1_000);
	});

	it('[S21] failures back off with growing delays; the online event retries at once', async () => {
		const { scheduler, clock, runs } = schedulerWith([networkDown, networkDown, networkDown]);
		await scheduler.start();
		const first = clock.next()?.ms ?? 0;
		await scheduler.now();
		const second = clock.next()?.ms ?? 0;
		expect(second).toBeGreaterThan(first);
		await scheduler.online();
		expect(runs()).toBe(3);
	});

	it('[S19] an expired session pauses every trigger until resume', async () => {
		const { scheduler, clock, runs } = schedulerWith([
			{ ok: false, failure: 'auth-expired', message: '401' }
		]);
		await scheduler.start();
		scheduler.localWrite();
		await scheduler.online();
		expect(runs()).toBe(1);
		expect(clock.next()).toBeNull();
		await scheduler.resume();
		expect(runs()).toBe(2);
	});
});
