/**
 * The Today page's state: the crew's orders live from the local store (a Dexie liveQuery, so the
 * list changes as sync lands or an action commits), the search, the sorted and counted view.
 */
import { liveQuery } from 'dexie';
import type { CurbsideDb, LocalOrder } from '$lib/client/db/schema';
import { isFinalStatus } from '$lib/domain/lifecycle';
import { byDayRoute, DAY_ROUTE_ID } from '$lib/client/map/day-route';
import { Clock } from './clock.svelte';
import { byWorkingOrder, countToday, matchesSearch } from './order-list';

/** A phone or tablet screenful and then some. */
const FIRST_ROWS = 30;
const MORE_ROWS_PER_STEP = 60;

export class TodayState {
	orders = $state.raw<LocalOrder[]>([]);
	/** The crew's own order of stops (planned on the map); it comes before the dispatcher's route. */
	routeIds = $state.raw<string[]>([]);
	/** false until the store answered once: "loading" is not "empty". */
	loaded = $state(false);
	problem = $state<string | null>(null);
	search = $state('');

	/** Closed and cancelled orders stay out of the way unless asked for. */
	showFinished = $state(false);
	readonly clock = new Clock();

	readonly sorted = $derived([...this.orders].sort(byDayRoute(this.routeIds, byWorkingOrder)));
	readonly visible = $derived(
		this.sorted.filter(
			(order) => (this.showFinished || !isFinalStatus(order.status)) && matchesSearch(order, this.search)
		)
	);
	readonly counts = $derived(countToday(this.orders, this.clock.nowMs));

	/**
	 * How many of `visible` are drawn. A backlog of thousands of cards takes seconds to lay out on a
	 * slow tablet, so the first screenful paints at once and the rest follows in small steps,
	 * each its own task, so a tap is never kept waiting behind the whole list.
	 */
	private drawn = $state(FIRST_ROWS);
	readonly rows = $derived(
		this.visible.length <= this.drawn ? this.visible : this.visible.slice(0, this.drawn)
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

	/** Follows the store; returns the function that stops following it. */
	watch(db: CurbsideDb): () => void {
		const subscription = liveQuery(async () => ({
			rows: await db.orders.toArray(),
			route: await db.dayRoute.get(DAY_ROUTE_ID)
		})).subscribe({
			next: ({ rows, route }) => {
				this.orders = rows;
				this.routeIds = route?.orderIds ?? [];
				this.loaded = true;
				this.problem = null;
				this.drawTheRest();
			},
			error: (error: unknown) => {
				this.problem = error instanceof Error ? error.message : String(error);
				this.loaded = true;
			}
		});
		const stopClock = this.clock.tick();
		return () => {
			subscription.unsubscribe();
			stopClock();
			if (this.growFrame !== null) cancelAnimationFrame(this.growFrame);
		};
	}
}
