import { afterEach, describe, expect, it, vi } from 'vitest';
import { SYNC_LOCK_NAME, webLock } from '$lib/client/sync/lock';
import { AppUpdate } from './app-update.svelte';

/** Exclusive Web Locks for one realm: each name's holders run one after the other, in order. */
function fakeLocks(): Pick<LockManager, 'request'> {
	const tails = new Map<string, Promise<unknown>>();
	const request = (name: string, _options: LockOptions, work: () => Promise<unknown>) => {
		const result = (tails.get(name) ?? Promise.resolve()).then(() => work());
		tails.set(
			name,
			result.catch(() => undefined)
		);
		return result;
	};
	return { request } as unknown as Pick<LockManager, 'request'>;
}

/** Lets every queued promise callback run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
	vi.useRealTimers();
});

describe('the update prompt', () => {
	it('offers a waiting version and does nothing until the crew says so', () => {
		const update = vi.fn(() => Promise.resolve());
		const app = new AppUpdate(fakeLocks());
		expect(app.waiting).toBe(false);
		app.offer(update);
		expect(app.waiting).toBe(true);
		expect(update).not.toHaveBeenCalled();
	});

	it('waits for a sync in flight (the engine’s own lock) before the new version takes over', async () => {
		const locks = fakeLocks();
		const update = vi.fn(() => Promise.resolve());
		const app = new AppUpdate(locks, 0);
		app.offer(update);

		// A sync is running: it holds the device-wide sync lock the engine takes for a whole run.
		let finishSync: () => void = () => {};
		const sync = webLock(SYNC_LOCK_NAME, locks as LockManager).run(
			() => new Promise<void>((resolve) => (finishSync = resolve))
		);
		await settle();

		const applied = app.apply();
		await settle();
		expect(app.applying).toBe(true);
		expect(update, 'no reload while the sync is in flight').not.toHaveBeenCalled();

		finishSync();
		await sync;
		await applied;
		expect(update).toHaveBeenCalledWith(true);
	});

	it('keeps the next sync from starting until the page reloads (or the grace time passes)', async () => {
		vi.useFakeTimers();
		const locks = fakeLocks();
		const update = vi.fn(() => Promise.resolve());
		const app = new AppUpdate(locks, 10_000);
		app.offer(update);

		const applied = app.apply();
		await vi.advanceTimersByTimeAsync(0);
		expect(update).toHaveBeenCalledWith(true);

		let syncStarted = false;
		const sync = webLock(SYNC_LOCK_NAME, locks as LockManager).run(async () => {
			syncStarted = true;
		});
		await vi.advanceTimersByTimeAsync(9_000);
		expect(syncStarted, 'no sync starts while the new version takes over').toBe(false);

		// The new worker never took over: the lock is given back and syncing goes on.
		await vi.advanceTimersByTimeAsync(1_000);
		await applied;
		await sync;
		expect(syncStarted).toBe(true);
		expect(app.applying).toBe(false);
	});

	it('applies at once where the browser has no Web Locks, and only once per press', async () => {
		const update = vi.fn(() => Promise.resolve());
		const app = new AppUpdate(null);
		app.offer(update);
		await app.apply();
		await app.apply();
		expect(update).toHaveBeenCalledTimes(1);
		expect(update).toHaveBeenCalledWith(true);
	});
});
