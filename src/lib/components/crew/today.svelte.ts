/**
 * The Today page's state: the crew's orders live from the local store (a Dexie liveQuery, so the
 * list changes as sync lands or an action commits), the search, the sorted and counted view.
 *
 * A cold start paints the remembered first screenful first (today-first-page.ts: read by id, and
 * only when the store has not changed since), then reads and sorts every order after that paint.
 * Dexie itself (its code, and its opening of the store) is only asked for then (see CrewApp.loadStore).
 */
import type { CurbsideDb, LocalOrder } from '$lib/client/db/schema';
import { isFinalStatus } from '$lib/domain/lifecycle';
import { byDayRoute } from '$lib/client/map/day-route';
import { Clock } from './clock.svelte';
import {
	byWorkingOrder,
	countToday,
	matchesFilter,
	matchesSearch,
	type TodayCounts,
	type TodayFilter
} from './order-list';
import { followLive } from './live-query';
import { readWithInputs, rememberFirstPage, takeFirstPageRead, type FirstPage } from './today-first-page';

/**
 * A screenful: a phone shows about 5 cards, a landscape tablet's two columns about 10. Each card
 * more in the first paint costs a cold start on a slow tablet several ms (read and drawn).
 */
const FIRST_ROWS = 12;
const MORE_ROWS_PER_STEP = 60;

export class TodayState {
	orders = $state.raw<LocalOrder[]>([]);
	/** The crew's own order of stops (planned on the map); it comes before the dispatcher's route. */
	routeIds = $state.raw<string[]>([]);
	/** false until every order was read once: "loading" is not "empty". */
	loaded = $state(false);
	/** The remembered first rows, shown until every order was read (null when there were none). */
	firstPage = $state.raw<FirstPage | null>(null);
	problem = $state<string | null>(null);

	// A wider view (search cleared, finished shown) must draw its extra rows too, so setting
	// either filter resumes the step-by-step drawing.
	#search = $state('');
	get search(): string {
		return this.#search;
	}
	set search(value: string) {
		this.#search = value;
		this.drawTheRest();
	}

	/** Closed and cancelled orders stay out of the way unless asked for. */
	#showFinished = $state(false);
	get showFinished(): boolean {
		return this.#showFinished;
	}
	set showFinished(value: boolean) {
		this.#showFinished = value;
		this.drawTheRest();
	}
	/** One kind of work only (overdue, not started, in progress), or all of it. */
	#filter = $state<TodayFilter>('all');
	get filter(): TodayFilter {
		return this.#filter;
	}
	set filter(value: TodayFilter) {
		this.#filter = value;
		this.drawTheRest();
	}
	readonly clock = new Clock();

	readonly sorted = $derived([...this.orders].sort(byDayRoute(this.routeIds, byWorkingOrder)));
	readonly visible = $derived.by(() => {
		const { filter, search, showFinished } = this;
		// Only "overdue" depends on the time: the other views need not be redrawn as the clock ticks.
		const nowMs = filter === 'overdue' ? this.clock.nowMs : 0;
		return this.sorted.filter(
			(order) =>
				(showFinished || !isFinalStatus(order.status)) &&
				matchesFilter(order, filter, nowMs) &&
				matchesSearch(order, search)
		);
	});
	/** null until every order was read. */
	readonly counts = $derived<TodayCounts | null>(
		this.loaded ? countToday(this.orders, this.clock.nowMs) : null
	);

	/** The early rows apply to the default view only: a search, a filter or "show finished" waits for the full list. */
	private readonly early = $derived(
		!this.loaded && this.search === '' && !this.showFinished && this.filter === 'all' ? this.firstPage : null
	);
	/** How many orders the list holds (null while not known yet). */
	readonly total = $derived(this.loaded ? this.visible.length : (this.early?.total ?? null));

	/**
	 * How many of `visible` are drawn. A backlog of thousands of cards takes seconds to lay out on a
	 * slow tablet, so the first screenful paints at once and the rest follows in small steps,
	 * each its own task, so a tap is never kept waiting behind the whole list.
	 */
	private drawn = $state(FIRST_ROWS);
	readonly rows = $derived(
		this.early
			? this.early.rows
			: this.visible.length <= this.drawn
				? this.visible
				: this.visible.slice(0, this.drawn)
	);
	private growFrame: number | null = null;

	/** One step per frame, after it painted: timers alone would let the browser hold the paint back. */
	private drawTheRest(): void {
		if (this.growFrame !== null || this.drawn >= this.visible.length) return;
		this.growFrame = requestAnimationFrame(() =>
			setTimeout(() => {
				this.growFrame = null;
				this.drawn += MORE_ROWS_PER_STEP;
				this.drawTheRest();
			}, 0)
		);
	}

	/**
	 * Follows the store named `databaseName`; returns the function that stops following it.
	 * `openStore` gives the store as Dexie opens it: asked for only once the remembered first rows
	 * painted (at once when there are none), so Dexie's loading never holds back that paint.
	 */
	watch(
		databaseName: string,
		openStore: () => Promise<CurbsideDb | null>,
		storage: Storage = localStorage
	): () => void {
		let stopped = false;
		let stopFollowing: (() => void) | null = null;
		const followAll = async () => {
			const store = await openStore().catch((error: unknown) => {
				if (!stopped) this.failed(error);
				return null;
			});
			if (stopped || !store) return;
			stopFollowing = followLive(
				() => readWithInputs(store, async () => ({ rows: await store.orders.toArray() })),
				{
					next: ({ inputs, result }) => {
						this.orders = result.rows;
						this.routeIds = [...inputs.routeIds];
						this.loaded = true;
						this.firstPage = null;
						this.problem = null;
						this.drawTheRest();
						const open = this.sorted.filter((order) => !isFinalStatus(order.status));
						rememberFirstPage(
							storage,
							store.name,
							inputs,
							open.slice(0, FIRST_ROWS).map((order) => order.id),
							open.length
						);
					},
					error: (error: unknown) => this.failed(error)
				}
			);
		};
		// Started as the page's code loaded (startFirstPageRead) when this is the remembered user's store.
		void takeFirstPageRead(storage, databaseName).then((page) => {
			if (stopped) return;
			if (!page) return void followAll();
			this.firstPage = page;
			// Reading every order blocks the page for a while: only once the first rows are on screen.
			afterNextPaint(() => void followAll());
		});
		const stopClock = this.clock.tick();
		return () => {
			stopped = true;
			stopFollowing?.();
			stopClock();
			if (this.growFrame !== null) cancelAnimationFrame(this.growFrame);
		};
	}

	private failed(error: unknown): void {
		this.problem = error instanceof Error ? error.message : String(error);
		this.loaded = true;
	}
}

/** Runs `then` in a task after the next frame was painted. */
export function afterNextPaint(then: () => void): void {
	requestAnimationFrame(() => setTimeout(then, 0));
}
