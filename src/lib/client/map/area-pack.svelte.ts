/**
 * The area-pack panel's state: the plan (tile count and estimated size, shown before anything is
 * fetched), the download with its progress and cancel, the stored pack, and whether new work
 * lies outside it. Follows the store, so a sync that brings new orders updates the panel.
 */
import { liveQuery } from 'dexie';
import type { CurbsideDb, LocalMapPack } from '$lib/client/db/schema';
import { downloadArea, loadPack, planArea, sitesOutside, type AreaPlan } from './area-pack';

export type PackPhase = 'idle' | 'planning' | 'downloading' | 'cancelled' | 'failed' | 'done';

export class AreaPackState {
	pack = $state.raw<LocalMapPack | undefined>(undefined);
	plan = $state.raw<AreaPlan | null>(null);
	/** false until the store answered once. */
	loaded = $state(false);
	phase = $state<PackPhase>('idle');
	done = $state(0);
	total = $state(0);
	problem = $state<string | null>(null);
	/** Open sites the stored area does not cover (new assignments since the download). */
	outside = $state(0);
	/** True when the crew has no open work to map. */
	nothingToMap = $state(false);

	#controller: AbortController | null = null;
	readonly #db: CurbsideDb;
	readonly #fetch: typeof fetch | undefined;

	constructor(db: CurbsideDb, fetchImpl?: typeof fetch) {
		this.#db = db;
		this.#fetch = fetchImpl;
	}

	readonly complete = $derived(Boolean(this.pack?.completedAt));
	readonly percent = $derived(this.total > 0 ? Math.floor((this.done / this.total) * 100) : 0);

	/** Follows the stored pack and the orders; returns the function that stops following. */
	watch(): () => void {
		const subscription = liveQuery(async () => {
			const [pack, orders] = await Promise.all([loadPack(this.#db), this.#db.orders.toArray()]);
			return { pack, outside: sitesOutside(pack, orders) };
		}).subscribe({
			next: ({ pack, outside }) => {
				this.pack = pack;
				this.outside = outside;
				this.loaded = true;
			},
			error: (error: unknown) => {
				this.problem = messageOf(error);
				this.loaded = true;
			}
		});
		return () => subscription.unsubscribe();
	}

	/** Works out the area and what it would cost; nothing is downloaded yet. */
	async prepare(): Promise<void> {
		this.phase = 'planning';
		this.problem = null;
		try {
			this.plan = await planArea(this.#db);
			this.nothingToMap = this.plan === null;
			if (this.plan) {
				this.total = this.plan.keys.length;
				this.done = this.total - this.plan.missing.length;
			}
			this.phase = 'idle';
		} catch (error) {
			this.problem = messageOf(error);
			this.phase = 'failed';
		}
	}

	/** Downloads what the plan is missing (planning first when needed). */
	async download(): Promise<void> {
		if (this.phase === 'downloading') return;
		// Always plan afresh: orders may have changed, and tiles stored meanwhile are skipped.
		await this.prepare();
		const plan = this.plan;
		if (!plan) return;
		this.#controller = new AbortController();
		this.phase = 'downloading';
		try {
			await downloadArea(this.#db, plan, {
				fetch: this.#fetch,
				signal: this.#controller.signal,
				onProgress: ({ done, total }) => {
					this.done = done;
					this.total = total;
				}
			});
			this.phase = 'done';
			this.plan = { ...plan, missing: [], estimatedBytes: 0 };
		} catch (error) {
			if (this.#controller.signal.aborted) {
				this.phase = 'cancelled';
			} else {
				this.problem = messageOf(error);
				this.phase = 'failed';
			}
			// What is left to fetch now (the tiles that arrived are kept), not the count from before.
			await this.#replan();
		} finally {
			this.#controller = null;
		}
	}

	async #replan(): Promise<void> {
		try {
			this.plan = await planArea(this.#db);
		} catch {
			// The old plan stays; the next download plans afresh anyway.
		}
	}

	cancel(): void {
		this.#controller?.abort();
	}
}

function messageOf(error: unknown): string {
	if (error instanceof TypeError) return 'The server could not be reached. Try again with a better signal.';
	return error instanceof Error ? error.message : String(error);
}
