/**
 * The crew map page's state: the crew's orders and route from the store (live), the selected
 * pin, and the route actions (plan from here, move a stop). Drawing is MapView's business.
 */
import { liveQuery } from 'dexie';
import type { CurbsideDb, LocalOrder } from '$lib/client/db/schema';
import { isFinalStatus } from '$lib/domain/lifecycle';
import { isValidLatLong, type LatLong } from '$lib/domain/geo';
import { DAY_ROUTE_ID, moveStop, ordersInRoute, planDay, saveDayRoute } from './day-route';
import type { MapPin, MapRoute } from './map-features';
import { metersBetween } from './navigate';

export class CrewMapState {
	orders = $state.raw<LocalOrder[]>([]);
	routeIds = $state.raw<string[]>([]);
	/** When the crew last planned or reordered; null before they ever did. */
	plannedAt = $state<string | null>(null);
	loaded = $state(false);
	problem = $state<string | null>(null);
	selectedId = $state<string | null>(null);
	readonly #db: CurbsideDb;

	constructor(db: CurbsideDb) {
		this.#db = db;
	}

	readonly openOrders = $derived(this.orders.filter((order) => !isFinalStatus(order.status)));
	/** Open orders in the crew's route order (unrouted ones after, as Today shows them). */
	readonly stops = $derived(ordersInRoute(this.orders, this.routeIds));
	readonly pins = $derived<MapPin[]>(
		this.openOrders
			.filter((order) => isValidLatLong(order.lat, order.long))
			.map((order) => ({
				id: order.id,
				lat: order.lat,
				long: order.long,
				status: order.status,
				priority: order.priority,
				label: `${order.serviceName}${order.address ? `, ${order.address}` : ''}`
			}))
	);
	readonly selected = $derived(this.orders.find((order) => order.id === this.selectedId) ?? null);

	/** The route drawn on the map: only once the crew has planned one. */
	route(from: LatLong | null): MapRoute | null {
		if (this.plannedAt === null) return null;
		const stops = this.stops
			.filter((order) => isValidLatLong(order.lat, order.long))
			.map((order) => ({ id: order.id, lat: order.lat, long: order.long }));
		return { from, stops };
	}

	watch(): () => void {
		const subscription = liveQuery(async () => ({
			orders: await this.#db.orders.toArray(),
			route: await this.#db.dayRoute.get(DAY_ROUTE_ID)
		})).subscribe({
			next: ({ orders, route }) => {
				this.orders = orders;
				this.routeIds = route?.orderIds ?? [];
				this.plannedAt = route?.plannedAt ?? null;
				this.loaded = true;
			},
			error: (error: unknown) => {
				this.problem = error instanceof Error ? error.message : String(error);
				this.loaded = true;
			}
		});
		return () => subscription.unsubscribe();
	}

	select(id: string | null): void {
		this.selectedId = id;
	}

	/**
	 * Orders the open stops from `from` (the crew's position, or the first stop when there is none):
	 * nearest neighbour then 2-opt over turf distances.
	 */
	async planFrom(from: LatLong | null): Promise<void> {
		const start = from ?? this.stops.find((order) => isValidLatLong(order.lat, order.long)) ?? null;
		if (!start) return;
		await saveDayRoute(this.#db, planDay({ lat: start.lat, long: start.long }, this.orders, metersBetween));
	}

	async move(index: number, by: number): Promise<void> {
		await saveDayRoute(
			this.#db,
			moveStop(
				this.stops.map((order) => order.id),
				index,
				by
			)
		);
	}
}
