/**
 * The crew app's long-lived parts, owned by the crew layout and shared with its pages through
 * context: who is signed in, their local database, the connection, and the sync hook.
 */
import { getContext, setContext } from 'svelte';
import type { CurbsideDb } from '$lib/client/db/schema';
import type { SyncEvent } from '$lib/client/sync/events';
import { SyncStatus } from '$lib/client/state/sync-status.svelte';
import { Connection } from './connection.svelte';
import { openCrewDb } from './crew-db';
import { NeedsAttention } from './needs-attention.svelte';
import { isBackgroundSyncMessage } from './service-worker-messages';
import { CrewSession } from './session.svelte';
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

	private onSyncEvent(event: SyncEvent): void {
		this.syncStatus.apply(event);
		if (event.type === 'pending') this.pendingCount = event.count;
		else if (event.type === 'synced') {
			this.lastSyncedAt = event.at;
			this.lastSyncProblem = null;
		} else if (event.type === 'sync-failed') this.lastSyncProblem = event.message;
		else if (event.type === 'auth-expired') this.session.markExpired();
	}
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
