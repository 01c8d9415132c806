import { formatPriority, isFieldStatus, isOverdue, isPriority } from '$lib/domain';
import type { OrderSummary } from '$lib/components/order-summary';
import type { ServiceRow, WorkOrderRow } from '../db/schema';

export function summarizeOrders(rows: WorkOrderRow[], services: ServiceRow[], now: Date): OrderSummary[] {
	const names = new Map(services.map((service) => [service.service_code, service.service_name]));
	return rows.map((row) => ({
		id: row.id,
		serviceName: names.get(row.service_code) ?? row.service_code,
		address: row.address,
		fieldStatus: row.field_status,
		priority: isPriority(row.priority) ? formatPriority(row.priority) : String(row.priority),
		dueAt: row.due_at,
		overdue:
			isFieldStatus(row.field_status) &&
			isOverdue(row.due_at ? new Date(row.due_at) : null, now, row.field_status)
	}));
}

/** The crew's working order: planned route first, then most urgent, then soonest due. */
export function byRouteThenUrgency(a: WorkOrderRow, b: WorkOrderRow): number {
	const routeA = a.route_order ?? Number.MAX_SAFE_INTEGER;
	const routeB = b.route_order ?? Number.MAX_SAFE_INTEGER;
	if (routeA !== routeB) return routeA - routeB;
	if (a.priority !== b.priority) return a.priority - b.priority;
	return (a.due_at ?? '9999').localeCompare(b.due_at ?? '9999');
}
