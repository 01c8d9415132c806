/**
 * The crew app's long-lived parts, owned by the crew layout and shared with its pages through
 * context: who is signed in, their local database, the connection, and the sync hook.
 *
 * Opening the app paints the crew's cached work first. The sync worker (its own ~40 KB script and
 * a second reader of the store), the map area check and other background work wait until the page
 * says its first content painted (`contentPainted`), or FIRST_PAINT_GRACE_MS at the latest for
 * pages that never say; their code is loaded with import() then, not with the shell.
 *
 * Dexie too: opened on Today, the store (Dexie's script and its opening of the database) loads
 * only once Today's first rows painted, or at once when Today has no remembered rows to paint
 * (see loadStore); other pages read the store from the start and get it at once.
 */
import { getContext, setContext } from 'svelte';
import type { CurbsideDb } from '$lib/client/db/schema';
import type { SyncEvent } from '$lib/client/sync/events';
import { SyncStatus } from '$lib/client/state/sync-status.svelte';
import { Connection } from './connection.svelte';
import { crewDatabaseName } from './crew-db-name';
import { NeedsAttention } from './needs-attention.svelte';
import { isBackgroundSyncMessage } from './service-worker-messages';
import { CrewSession } from './session.svelte';
import { clearIfSynced, pendingWarning, pendingWork } from './sign-out';
import type { CrewSync } from './sync-hook';
import { forgetFirstPage } from './today-first-page';

/** Background work starts this long after the app did, if no page reported its first paint by then. */
const FIRST_PAINT_GRACE_MS = 3_000;

export class CrewApp {
	readonly connection = new Connection();
	readonly session = new CrewSession();
	/** The name of the signed-in crew member's own store; null until we know who that is. */
	storeName = $state<string | null>(null);
	/** That store, opened with Dexie; null until loaded (see loadStore). */
	db = $state.raw<CurbsideDb | null>(null);
	/** Changes saved on this device and not yet on the server (from the engine's queue events). */
	/** Everything the engine reports (progress, per-item state...), for the sync line and badges. */
	readonly syncStatus = new SyncStatus();
	pendingCount = $state<number | null>(null);
	lastSyncedAt = $state<string | null>(null);
	lastSyncProblem = $state<string | null>(null);
	/** Refused and late work, kept on the device until the crew dismisses it. */
	readonly attention = new NeedsAttention();
	/** The page's first content painted (or the grace time passed): background work may start. */
	firstPaintDone = $state(false);
	private sync: CrewSync | null = null;
	/** The sync hook's module is loading (see startSync). */
	private syncStarting: Promise<CrewSync | null> | null = null;
	/** Dexie's module is loading for the store (see loadStore). */
	private storeLoading: Promise<CurbsideDb | null> | null = null;
	private stopped = false;
	private stopAttention: (() => void) | null = null;
	private refreshingMap = false;

	/** The page the app opened on reports its first paint (Today): store reads wait for it. */
	private pageReportsPaint = false;

	/**
	 * Starts everything; returns the function that stops it (the layout's teardown).
	 * `pageReportsPaint`: the page opened calls contentPainted() (see watchAttention).
	 */
	start({ pageReportsPaint = false }: { pageReportsPaint?: boolean } = {}): () => void {
		this.pageReportsPaint = pageReportsPaint;
		performance.mark('curbside:app-start');
		const stopWatching = this.connection.watch((online) => {
			if (online) void this.cameOnline();
			else this.sync?.offline();
		});
		const onMessage = (event: MessageEvent) => {
			if (isBackgroundSyncMessage(event.data)) this.whenSyncing((sync) => sync.backgroundSync());
		};
		navigator.serviceWorker?.addEventListener('message', onMessage);
		void this.resolveSession().then(() => this.openStore());
		const grace = setTimeout(() => this.contentPainted(), FIRST_PAINT_GRACE_MS);
		return () => {
			this.stopped = true;
			clearTimeout(grace);
			stopWatching();
			navigator.serviceWorker?.removeEventListener('message', onMessage);
			this.sync?.stop();
			this.stopAttention?.();
			this.db?.close();
		};
	}

	/**
	 * A page calls this once its first content is on screen: the deferred background work starts
	 * (the sync worker first). Calling it again, or after the grace time, does nothing.
	 */
	contentPainted(): void {
		if (this.firstPaintDone || this.stopped) return;
		this.firstPaintDone = true;
		performance.mark('curbside:deferred-start');
		// Not loaded yet (opened on Today): watching and syncing start once it is (openedStore).
		this.loadStoreInBackground();
		this.watchAttention();
		void this.startSync();
	}

	/**
	 * The page now open reads the store itself (the crew left Today before its first rows were
	 * reported painted): it and the refused/late list need the store at once.
	 */
	pageNeedsStore(): void {
		if (!this.pageReportsPaint) return;
		this.pageReportsPaint = false;
		this.watchAttention();
		this.loadStoreInBackground();
	}

	/**
	 * The signed-in crew member's store, opened with Dexie, whose module loads on the first call
	 * (once; later calls share it). Null when nobody is signed in or the app stopped.
	 */
	loadStore(): Promise<CurbsideDb | null> {
		const name = this.storeName;
		if (this.db || !name || this.stopped) return Promise.resolve(this.db);
		this.storeLoading ??= import('./crew-db').then(
			({ openCrewDbNamed }) => {
				this.storeLoading = null;
				// Signed out, or stopped, while the module loaded: this store is no longer wanted.
				if (this.storeName !== name || this.stopped) return null;
				this.db ??= openCrewDbNamed(name);
				this.openedStore();
				return this.db;
			},
			(error: unknown) => {
				// The next call tries again; Today shows why its orders could not be read.
				this.storeLoading = null;
				throw error;
			}
		);
		return this.storeLoading;
	}

	/** loadStore for work nobody waits on: a failure shows where the store is read (Today). */
	private loadStoreInBackground(): void {
		this.loadStore().catch(() => null);
	}

	/** Call after every local action that committed: the sync engine picks it up. */
	localWrite(): void {
		this.whenSyncing((sync) => sync.localWrite());
	}

	syncNow(): void {
		this.whenSyncing((sync) => sync.syncNow());
	}

	/**
	 * Runs `use` on the sync hook now, or right after it started. The crew asking for a sync, or
	 * saving work, before the first paint was reported, starts the worker at once.
	 */
	private whenSyncing(use: (sync: CrewSync) => void): void {
		if (this.sync) return use(this.sync);
		this.contentPainted();
		void this.startSync().then((sync) => sync && use(sync));
	}

	/**
	 * Signs the crew member out and takes their data off the device (orders, photos, map tiles all
	 * live in their own database), unless work is still waiting to be sent: then nothing happens
	 * and the answer says what is pending. Returns the sentence to show, or null when leaving.
	 */
	async signOut(): Promise<string | null> {
		// Pressed before the store loaded: its pending work must still be counted.
		const store = await this.loadStore();
		if (store) {
			const warning = pendingWarning(await pendingWork(store));
			if (warning) return warning;
		}
		// Offline, the server session cannot be ended: pretending to sign out would be worse.
		if (!this.connection.online) return 'Signing out needs a connection. Your work stays saved here.';
		if (!(await this.session.endServerSession())) {
			return 'Could not reach the server to sign out. Your work stays saved here.';
		}
		// The worker holds the database open; stop it first so the delete is not blocked.
		this.sync?.stop();
		this.sync = null;
		this.stopAttention?.();
		this.stopAttention = null;
		const db = this.db;
		this.db = null;
		this.storeName = null;
		if (db) {
			forgetFirstPage(localStorage, db.name);
			const outcome = await withTimeout(clearIfSynced(db), DELETE_TIMEOUT_MS);
			// Work saved between the check and the delete (another tab): keep it and say so.
			if (outcome && !outcome.cleared) {
				this.session.leave();
				return pendingWarning(outcome.pending);
			}
		}
		this.session.leave();
		return null;
	}

	private async cameOnline(): Promise<void> {
		// Opened offline with nobody remembered: now the server can say who this is.
		if (this.session.state === 'needs-sign-in') {
			await this.resolveSession();
			this.openStore();
			return;
		}
		this.sync?.online();
	}

	private async resolveSession(): Promise<void> {
		const outcome = await this.session.resolve(this.connection.online);
		if (outcome === 'reached') this.connection.reached();
		else if (this.connection.online) this.connection.failedToReach();
	}

	private openStore(): void {
		const profile = this.session.profile;
		if (this.session.state !== 'ready' || !profile || this.storeName) return;
		this.storeName = crewDatabaseName(profile.id);
		// Today paints its first rows without Dexie and asks for the store after (or contentPainted does).
		if (!this.pageReportsPaint || this.firstPaintDone) this.loadStoreInBackground();
	}

	/** The store is open: what was waiting for it starts. */
	private openedStore(): void {
		performance.mark('curbside:store-open');
		if (!this.pageReportsPaint) this.watchAttention();
		if (!this.firstPaintDone) return;
		this.watchAttention();
		void this.startSync();
	}

	/**
	 * The refused/late list follows the outbox. Opened on Today, only from its first paint on: its
	 * live query would open the store with Dexie before Today's first rows (read without Dexie) are
	 * on screen. Other pages (the attention list itself) need it at once.
	 */
	private watchAttention(): void {
		if (this.db && !this.stopAttention && !this.stopped) this.stopAttention = this.attention.watch(this.db);
	}

	/**
	 * Starts the sync worker for the open store, once: its module and the worker's script load only
	 * now. Resolves to the hook, or null when there is nothing to sync yet or any more (signed out).
	 */
	private startSync(): Promise<CrewSync | null> {
		const db = this.db;
		if (this.sync || !db || !this.firstPaintDone || this.stopped) return Promise.resolve(this.sync);
		this.syncStarting ??= this.loadSync(db);
		return this.syncStarting;
	}

	private async loadSync(db: CurbsideDb): Promise<CrewSync | null> {
		const { startCrewSync } = await import('./sync-hook');
		this.syncStarting = null;
		if (this.db !== db || this.stopped) return null;
		this.sync = startCrewSync(db, {
			onEvent: (event) => this.onSyncEvent(event),
			onResult: (result) => {
				if (!result.ok && result.failure === 'network') this.connection.failedToReach();
				else this.connection.reached();
			}
		});
		this.sync.appStart();
		return this.sync;
	}

	/** New work outside the offline map's area (after a sync brought it): grow the area quietly. */
	private refreshMapArea(): void {
		const db = this.db;
		if (!db || this.refreshingMap || !this.connection.online) return;
		this.refreshingMap = true;
		import('$lib/client/map/area-pack')
			.then(({ refreshAreaIfOutgrown }) => refreshAreaIfOutgrown(db))
			// A failed refresh keeps the old area; the map page offers the update again.
			.catch(() => false)
			.finally(() => (this.refreshingMap = false));
	}

	private onSyncEvent(event: SyncEvent): void {
		this.syncStatus.apply(event);
		if (event.type === 'pending') this.pendingCount = event.count;
		else if (event.type === 'synced') {
			this.lastSyncedAt = event.at;
			this.lastSyncProblem = null;
			this.refreshMapArea();
		} else if (event.type === 'sync-failed') this.lastSyncProblem = event.message;
		else if (event.type === 'auth-expired') this.session.markExpired();
	}
}

/** A delete blocked by another open tab must not hang sign-out; the data then goes at the next one. */
const DELETE_TIMEOUT_MS = 5_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | null> {
	return Promise.race([work, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
}

const CREW_APP = Symbol('crew-app');

export function provideCrewApp(app: CrewApp): void {
	setContext(CREW_APP, app);
}

export function useCrewApp(): CrewApp {
	const app = getContext<CrewApp | undefined>(CREW_APP);
	if (!app) throw new Error('Crew pages must sit inside the crew layout.');
	return app;
}
