/**
 * When to sync (S21): app start, the `online` event, shortly after each local write (debounced so
 * a burst of notes is one sync), a backoff timer with jitter after a failure, and the service
 * worker's `sync` event. An expired session pauses everything until the crew signs in again (S19).
 */
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { SyncResult } from './engine';
import type { SyncEvent } from './events';

export interface Timers {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface SchedulerOptions {
	sync: () => Promise<SyncResult>;
	emit: (event: SyncEvent) => void;
	debounceMs?: number;
	backoff?: BackoffPolicy;
	random?: () => number;
	timers?: Timers;
}

const browserTimers: Timers = {
	setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
	clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export class SyncScheduler {
	private timer: unknown = null;
	private failures = 0;
	private paused = false;
	private running: Promise<SyncResult> | null = null;
	/** A trigger that arrived during a run: one more run follows, however many triggers there were. */
	private again = false;
	private readonly timers: Timers;

	constructor(private readonly options: SchedulerOptions) {
		this.timers = options.timers ?? browserTimers;
	}

	/** App start. */
	start(): Promise<SyncResult | null> {
		return this.now();
	}

	online(): Promise<SyncResult | null> {
		this.options.emit({ type: 'connectivity', online: true });
		// The network is back: whatever the backoff said, now is the best time.
		this.failures = 0;
		return this.now();
	}

	offline(): void {
		this.options.emit({ type: 'connectivity', online: false });
	}

	/** After each local write: wait for the crew to finish the burst, then sync once. */
	localWrite(): void {
		this.schedule(this.options.debounceMs ?? 1_500);
	}

	/** The service worker's Background Sync event, or "sync now" from the UI. */
	now(): Promise<SyncResult | null> {
		this.cancelTimer();
		return this.run();
	}

	/** The crew signed in again (S19): sync resumes with the same outbox and device numbering. */
	resume(): Promise<SyncResult | null> {
		this.paused = false;
		this.failures = 0;
		return this.now();
	}

	stop(): void {
		this.cancelTimer();
		this.paused = true;
	}

	private async run(): Promise<SyncResult | null> {
		if (this.paused) return null;
		if (this.running) {
			this.again = true;
			return this.running;
		}
		this.running = this.options.sync();
		try {
			const result = await this.running;
			this.afterRun(result);
			return result;
		} finally {
			this.running = null;
			if (this.again && !this.paused) {
				this.again = false;
				this.schedule(0);
			}
		}
	}

	private afterRun(result: SyncResult): void {
		if (result.ok) {
			this.failures = 0;
			return;
		}
		if (result.failure === 'auth-expired') {
			this.paused = true;
			this.cancelTimer();
			return;
		}
		this.failures += 1;
		const retryInMs = backoffDelay(
			this.failures,
			this.options.random,
			this.options.backoff ?? DEFAULT_BACKOFF
		);
		this.options.emit({ type: 'sync-failed', message: result.message, retryInMs, failure: result.failure });
		this.schedule(retryInMs);
	}

	private schedule(ms: number): void {
		if (this.paused) return;
		this.cancelTimer();
		this.timer = this.timers.setTimeout(() => {
			this.timer = null;
			void this.run();
		}, ms);
	}

	private cancelTimer(): void {
		if (this.timer !== null) this.timers.clearTimeout(this.timer);
		this.timer = null;
	}
}
