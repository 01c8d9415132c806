/**
 * Reports the crew's position to the console, only with the crew's consent: asked once on this
 * device, the answer kept locally, never switched on silently. While allowed and the app is open,
 * a geolocation watch records a `recordLocation` mutation when the throttle says the position is
 * worth sending (moved more than ~50 m, or five minutes since the last one), and the newest
 * unsent fix goes out whenever the app comes online or back into view, just before it syncs.
 *
 * Every finished sync is also a chance to report (`onSynced`): the crew's tablet is talking to the
 * server anyway, so a position the 30-second interval held back goes out then. The distance and
 * heartbeat rules still apply (a crew standing still sends nothing new), consent is never bypassed,
 * and one sync gives at most one report. That report is itself a write that starts a sync; the
 * sync it starts does not report again, or a moving crew would keep the radio busy in a loop.
 */
import { untrack } from 'svelte';
import {
	DEFAULT_LOCATION_THROTTLE,
	shouldReportPosition,
	type LocationThrottle,
	type SentPosition
} from '$lib/domain/location-throttle';

/** A report at the end of a sync skips the time interval; moving 50 m or the heartbeat still decide. */
export const SYNC_REPORT_THROTTLE: LocationThrottle = { ...DEFAULT_LOCATION_THROTTLE, minIntervalMs: 0 };

export type LocationConsent = 'unasked' | 'allowed' | 'declined';

interface Fix extends SentPosition {
	accuracyM: number;
}

export interface LocationReporterDeps {
	/** Records the mutation (one local transaction with its outbox entry) and nudges the sync. */
	record(lat: number, long: number, accuracyM: number): Promise<void>;
	storage?: Pick<Storage, 'getItem' | 'setItem'>;
	geolocation?: Geolocation;
	now?: () => number;
}

export class LocationReporter {
	consent = $state<LocationConsent>('unasked');
	/** A plain-English reason when the device cannot give a position. */
	problem = $state<string | null>(null);
	private watchId: number | null = null;
	private sent: SentPosition | null = null;
	private newest: Fix | null = null;
	/** The last report came from a finished sync and starts a sync of its own: that one stays quiet. */
	private reportedForSync = false;
	private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
	private readonly geolocation: Geolocation | undefined;
	private readonly now: () => number;

	constructor(
		private readonly userId: string,
		private readonly deps: LocationReporterDeps
	) {
		this.storage = deps.storage ?? globalThis.localStorage;
		this.geolocation = deps.geolocation ?? globalThis.navigator?.geolocation;
		this.now = deps.now ?? Date.now;
	}

	private get key(): string {
		return `curbside.location-consent.${this.userId}`;
	}

	/** Reads the stored answer and starts watching if the crew said yes before. */
	start(): () => void {
		const stored = this.storage?.getItem(this.key);
		this.consent = stored === 'allowed' || stored === 'declined' ? stored : 'unasked';
		if (this.consent === 'allowed') this.watch();
		return () => this.stop();
	}

	allow(): void {
		this.storage?.setItem(this.key, 'allowed');
		this.consent = 'allowed';
		this.watch();
	}

	decline(): void {
		this.storage?.setItem(this.key, 'declined');
		this.consent = 'declined';
		this.stop();
	}

	/** Sends the newest fix if it was held back by the throttle (call before a sync). */
	async flush(): Promise<void> {
		const fix = this.newest;
		if (!fix || (this.sent && this.sent.at >= fix.at)) return;
		await this.send(fix);
	}

	/** A sync finished: report the newest fix if the throttle, without its time interval, lets it through. */
	async onSynced(): Promise<void> {
		if (this.consent !== 'allowed' || this.watchId === null) return;
		if (this.reportedForSync) {
			this.reportedForSync = false;
			return;
		}
		const fix = this.newest;
		if (!fix || !shouldReportPosition(this.sent, fix, SYNC_REPORT_THROTTLE)) return;
		this.reportedForSync = true;
		await this.send(fix);
	}

	/** A fix from the watch: sent if the throttle lets it through, kept as the newest otherwise. */
	async onFix(fix: Fix): Promise<void> {
		this.newest = fix;
		this.problem = null;
		if (shouldReportPosition(this.sent, fix, DEFAULT_LOCATION_THROTTLE)) await this.send(fix);
	}

	private async send(fix: Fix): Promise<void> {
		this.sent = { lat: fix.lat, long: fix.long, at: fix.at };
		await this.deps.record(fix.lat, fix.long, fix.accuracyM);
	}

	private watch(): void {
		if (this.watchId !== null) return;
		if (!this.geolocation) {
			this.problem = 'This device cannot give a location.';
			return;
		}
		this.watchId = this.geolocation.watchPosition(
			(position) =>
				void this.onFix({
					lat: position.coords.latitude,
					long: position.coords.longitude,
					accuracyM: position.coords.accuracy,
					at: this.now()
				}),
			(error) => {
				this.problem =
					error.code === 1
						? 'Location is not allowed for this app in the browser settings, so it is not shared.'
						: null;
			},
			// Low power: the network/Wi-Fi position is enough for "where is the crew", and a fix up to a
			// minute old is fine.
			{ enableHighAccuracy: false, maximumAge: 60_000, timeout: 120_000 }
		);
	}

	private stop(): void {
		if (this.watchId !== null) this.geolocation?.clearWatch(this.watchId);
		this.watchId = null;
	}
}

/** Where the reporter learns that a sync finished: the crew's SyncStatus moves `lastSyncAt` on each one. */
export interface SyncCompletions {
	readonly lastSyncAt: string | null;
}

/**
 * Tells a new `lastSyncAt` (a sync just finished) from the value it had when watching began (an
 * earlier sync, not this one) and from seeing the same value again.
 */
export class SyncCompletionWatch {
	constructor(private last: string | null) {}

	finished(lastSyncAt: string | null): boolean {
		if (lastSyncAt === null || lastSyncAt === this.last) return false;
		this.last = lastSyncAt;
		return true;
	}
}

/**
 * The crew layout's wiring: one reporter for whoever is signed in, recording into their store,
 * flushing the newest fix when the app comes online or back into view (both start a sync), and
 * offering a report at the end of every sync.
 */
export class CrewLocationSharing {
	reporter = $state.raw<LocationReporter | null>(null);

	/** Starts reporting for `userId`; returns the stop (an effect's teardown). */
	follow(userId: string, syncs: SyncCompletions | null, record: LocationReporterDeps['record']): () => void {
		const reporter = new LocationReporter(userId, { record });
		const stopWatching = reporter.start();
		const stopListening = syncs ? reportAfterEachSync(reporter, syncs) : () => {};
		const flush = () => {
			if (document.visibilityState === 'visible') void reporter.flush();
		};
		window.addEventListener('online', flush);
		document.addEventListener('visibilitychange', flush);
		this.reporter = reporter;
		return () => {
			stopWatching();
			stopListening();
			window.removeEventListener('online', flush);
			document.removeEventListener('visibilitychange', flush);
			this.reporter = null;
		};
	}
}

/** Calls `reporter.onSynced()` each time `syncs.lastSyncAt` moves (in the browser, where effects run). */
function reportAfterEachSync(reporter: LocationReporter, syncs: SyncCompletions): () => void {
	const watch = new SyncCompletionWatch(untrack(() => syncs.lastSyncAt));
	return $effect.root(() => {
		$effect(() => {
			if (watch.finished(syncs.lastSyncAt)) untrack(() => void reporter.onSynced());
		});
	});
}
