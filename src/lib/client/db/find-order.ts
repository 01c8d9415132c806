import type { CurbsideDb, LocalOrder, RenamedReport } from './schema';

/** The field reports among these orders that the server has numbered: device id -> server id. */
export function renamedReportsAmong(orders: readonly LocalOrder[]): RenamedReport[] {
	return orders.flatMap((order) =>
		order.clientId && order.clientId !== order.id ? [{ clientId: order.clientId, orderId: order.id }] : []
	);
}

/**
 * An order by the id in a crew link: its own id, or the device id of a field report the server has
 * numbered since the link was made (the first sync after it renames the report; see pull.ts).
 */
export async function findOrder(db: CurbsideDb, id: string): Promise<LocalOrder | undefined> {
	const order = await db.orders.get(id);
	if (order) return order;
	const renamed = await db.renamedReports.get(id);
	return renamed ? db.orders.get(renamed.orderId) : undefined;
}
