import type { WorkOrderRow } from '$lib/server/db/schema';

/** The answer of every dispatch endpoint: the changed orders' dispatch fields. */
export function dispatchedOrders(orders: WorkOrderRow[]) {
	return {
		orders: orders.map((order) => ({
			id: order.id,
			crewId: order.crew_id,
			status: order.field_status,
			priority: order.priority,
			dueAt: order.due_at
		}))
	};
}
