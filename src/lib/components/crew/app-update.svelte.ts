/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the service worker and offers a new version when one is waiting. Nothing reloads by
 * itself: the crew chooses when, and the switch waits for any sync in flight.
 */
import { SYNC_LOCK_NAME } from '$lib/client/sync/lock';

export type UpdateServiceWorker = (reloadPage?: boolean) => Promise<void>;

/** If the new worker never takes over, give the sync lock back rather than block syncing forever. */
const RELOAD_GRACE_MS = 10_000;

export class AppUpdate {
	/** A new version is installed and waiting for the crew's go-ahead. */
	waiting = $state(false);
	applying = $state(false);
	private updateServiceWorker: UpdateServiceWorker | null = null;

	constructor(
		/** The browser's Web Locks (absent in old browsers: the update then goes ahead at once). */
		private readonly locks: Pick<LockManager, 'request'> | null = globalThis.navigator?.locks ?? null,
		private readonly reloadGraceMs = RELOAD_GRACE_MS
	) {}

	async register(): Promise<void> {
		if (!('serviceWorker' in navigator)) return;
		const { registerSW } = await import('virtual:pwa-register');
		const update: UpdateServiceWorker = registerSW({
			immediate: true,
			onNeedRefresh: () => this.offer(update)
		});
		this.updateServiceWorker = update;
	}

	/** A new version is installed and waiting; `update` lets it take over. */
	offer(update: UpdateServiceWorker): void {
		this.updateServiceWorker = update;
		this.waiting = true;
	}

	/** Tells the waiting worker to take over; the page reloads once it controls the page. */
	async apply(): Promise<void> {
		const update = this.updateServiceWorker;
		if (!update || this.applying) return;
		this.applying = true;
		if (!this.locks) return update(true);
		// The sync lock is the one every sync holds (tabs, worker, service worker): once we have it,
		// no sync is in flight, and holding it until the reload keeps a new one from starting.
		await this.locks.request(SYNC_LOCK_NAME, { mode: 'exclusive' }, () =>
			holdUntilReload(update, this.reloadGraceMs)
		);
		this.applying = false;
	}
}

function holdUntilReload(update: UpdateServiceWorker, graceMs: number): Promise<void> {
	return new Promise((release) => {
		void update(true);
		setTimeout(release, graceMs);
	});
}
