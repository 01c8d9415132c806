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
		};
	}
}
