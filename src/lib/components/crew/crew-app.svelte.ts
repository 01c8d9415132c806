/**
 * The crew app's long-lived parts, owned by the crew layout and shared with its pages through
 * context: who is signed in, their local database, the connection, and the sync hook.
 */
import { getContext, setContext } from 'svelte';
import type { CurbsideDb } from '$lib/client/db/schema';
import { refreshAreaIfOutgrown } from '$lib/client/map/area-pack';
import type { SyncEvent } from '$lib/client/sync/events';
import { SyncStatus } from '$lib/client/state/sync-status.svelte';
import { Connection } from './connection.svelte';
import { openCrewDb } from './crew-db';
import { NeedsAttention } from './needs-attention.svelte';
import { isBackgroundSyncMessage } from './service-worker-messages';
import { CrewSession } from './session.svelte';
import { clearIfSynced, pendingWarning, pendingWork } from './sign-out';
import { startCrewSync, type CrewSync } from './sync-hook';

export class CrewApp {
	readonly connection = new Connection();
	readonly session = new CrewSession();
	/** The signed-in crew member's own store; null until we know who that is. */
	db = $state.raw<CurbsideDb | null>(null);
	/** Changes saved on this device and not yet on the server (from the engine's queue events). */
	/** Everything the engine reports (progress, per-item state...), for the sync line and badges. */
	readonly syncStatus = new SyncStatus();
	pendingCount = $state<number | null>(null);
	lastSyncedAt = $state<string | null>(null);
	lastSyncProblem = $state<string | null>(null);
	/** Refused and late work, kept on the device until the crew dismisses it. */
	readonly attention = new NeedsAttention();
	private sync: CrewSync | null = null;
	private stopAttention: (() => void) | null = null;
	private refreshingMap = false;

	/** Starts everything; returns the function that stops it (the layout's teardown). */
	start(): () => void {
		const stopWatching = this.connection.watch((online) => {
			if (online) void this.cameOnline();
			else this.sync?.offline();
		});
		const onMessage = (event: MessageEvent) => {
			if (isBackgroundSyncMessage(event.data)) this.sync?.backgroundSync();
		};
		navigator.serviceWorker?.addEventListener('message', onMessage);
		void this.resolveSession().then(() => this.openStore());
		return () => {
			stopWatching();
			navigator.serviceWorker?.removeEventListener('message', onMessage);
			this.sync?.stop();
			this.stopAttention?.();
			this.db?.close();
		};
	}

	/** Call after every local action that committed: the sync engine picks it up. */
	localWrite(): void {
		this.sync?.localWrite();
	}

	syncNow(): void {
		this.sync?.syncNow();
	}

	/**
	 * Signs the crew member out and takes their data off the device (orders, photos, map tiles all
	 * live in their own database), unless work is still waiting to be sent: then nothing happens
	 * and the answer says what is pending. Returns the sentence to show, or null when leaving.
	 */
	async signOut(): Promise<string | null> {
		if (this.db) {
			const warning = pendingWarning(await pendingWork(this.db));
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
		if (db) {
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
		if (this.session.state !== 'ready' || !profile || this.db) return;
		this.db = openCrewDb(profile.id);
		this.stopAttention = this.attention.watch(this.db);
		this.sync = startCrewSync(this.db, {
			onEvent: (event) => this.onSyncEvent(event),
			onResult: (result) => {
				if (!result.ok && result.failure === 'network') this.connection.failedToReach();
				else this.connection.reached();
			}
		});
		this.sync.appStart();
	}

	/** New work outside the offline map's area (after a sync brought it): grow the area quietly. */
	private refreshMapArea(): void {
		const db = this.db;
		if (!db || this.refreshingMap || !this.connection.online) return;
		this.refreshingMap = true;
		refreshAreaIfOutgrown(db)
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
