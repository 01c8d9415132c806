/**
 * One sync at a time per device: tabs, the sync worker and the service worker all take the same
 * named lock before touching the outbox or the network. Behind an interface so Node tests (which
 * have no Web Locks) can supply an in-memory lock with the same semantics.
 */
export interface Lock {
	/** Runs `work` while holding the lock; waits for any other holder to finish first. */
	run<T>(work: () => Promise<T>): Promise<T>;
}

export const SYNC_LOCK_NAME = 'curbside-sync';

/** The browser's Web Locks: held across tabs, dedicated workers and the service worker alike. */
export function webLock(name = SYNC_LOCK_NAME, locks: LockManager = navigator.locks): Lock {
	return {
		run: (work) => locks.request(name, { mode: 'exclusive' }, () => work())
	};
}

/** A lock for one JavaScript realm: callers queue in order, exactly like an exclusive Web Lock. */
export function inMemoryLock(): Lock {
	let tail: Promise<unknown> = Promise.resolve();
	return {
		run<T>(work: () => Promise<T>): Promise<T> {
			const result = tail.then(work, work);
			// The next caller waits for this one whether it succeeds or fails.
			tail = result.catch(() => undefined);
			return result;
		}
	};
}
