/**
 * The crew's own order of the day's stops: planned on the map (planRoute from where they are),
 * then moved by hand. Kept on the device (Dexie `dayRoute`), and the Today list follows it
 * before the dispatcher's routeOrder. Only open orders take part; closed ones fall away.
 */
import type { CurbsideDb, LocalOrder } from '$lib/client/db/schema';
import { isFinalStatus, type FieldStatus } from '$lib/domain/lifecycle';
import { planRoute, type Distance } from '$lib/domain/map/route';
import { isValidLatLong, type LatLong } from '$lib/domain/geo';

export const DAY_ROUTE_ID = 'today';

/** The open orders in the crew's order: those in the saved route first (in it), then the rest as given. */
export function ordersInRoute(orders: readonly LocalOrder[], routeIds: readonly string[]): LocalOrder[] {
	const open = orders.filter((order) => !isFinalStatus(order.status));
	const position = new Map(routeIds.map((id, index) => [id, index]));
	return open
		.map((order, index) => ({ order, rank: position.get(order.id) ?? routeIds.length + index }))
		.sort((a, b) => a.rank - b.rank)
		.map(({ order }) => order);
}

/**
 * The stops' ids ordered from `start` (shortest straight-line path by `dist`, in metres); stops
 * without a position go last. The map passes turf's distance; this file stays free of turf because
 * Today imports it.
 */
export function planDay(start: LatLong, orders: readonly LocalOrder[], dist?: Distance<LatLong>): string[] {
	const open = orders.filter((order) => !isFinalStatus(order.status));
	const placed = open.filter((order) => isValidLatLong(order.lat, order.long));
	const unplaced = open.filter((order) => !isValidLatLong(order.lat, order.long));
	return [...planRoute(start, placed, dist), ...unplaced.map((order) => order.id)];
}

/** `ids` with the item at `index` moved by `by` places (clamped to the ends). */
export function moveStop(ids: readonly string[], index: number, by: number): string[] {
	const target = Math.min(ids.length - 1, Math.max(0, index + by));
	if (index < 0 || index >= ids.length || target === index) return [...ids];
	const moved = [...ids];
	const [item] = moved.splice(index, 1);
	if (item !== undefined) moved.splice(target, 0, item);
	return moved;
}

/**
 * A Today comparator: open orders in the crew's route come first, in its order; `fallback` decides
 * the rest (so finished work still sinks to the bottom, even when it was on the route).
 */
export function byDayRoute<T extends { id: string; status: FieldStatus }>(
	routeIds: readonly string[],
	fallback: (a: T, b: T) => number
): (a: T, b: T) => number {
	const position = new Map(routeIds.map((id, index) => [id, index]));
	const rank = (order: T) => (isFinalStatus(order.status) ? undefined : position.get(order.id));
	return (a, b) => {
		const routeA = rank(a);
		const routeB = rank(b);
		if (routeA !== undefined && routeB !== undefined) return routeA - routeB || fallback(a, b);
		if (routeA !== undefined && !isFinalStatus(b.status)) return -1;
		if (routeB !== undefined && !isFinalStatus(a.status)) return 1;
		return fallback(a, b);
	};
}

export async function saveDayRoute(
	db: CurbsideDb,
	orderIds: readonly string[],
	now = new Date()
): Promise<void> {
	await db.dayRoute.put({ id: DAY_ROUTE_ID, orderIds: [...orderIds], plannedAt: now.toISOString() });
}

export async function loadDayRoute(db: CurbsideDb): Promise<string[]> {
	return (await db.dayRoute.get(DAY_ROUTE_ID))?.orderIds ?? [];
}
