/**
 * The services a crew member may report a new problem under, as far as this device knows them.
 *
 * The local store holds no service catalogue yet (the pull sends orders, not services), so the
 * list is derived from the orders the crew has seen: each order carries its service's code, name
 * and close requirements. A crew can therefore only report services it has worked on; a proper
 * catalogue needs the pull (or its own endpoint) to send the active services into the store.
 */
import type { LocalOrder } from '$lib/client/db/schema';
import type { CloseRequirements } from '$lib/domain/sync/protocol';

export interface ServiceOption {
	serviceCode: string;
	serviceName: string;
	closeRequirements: CloseRequirements;
}

/** One option per service code, named as the newest order names it, sorted by name. */
export function serviceOptionsFrom(orders: readonly LocalOrder[]): ServiceOption[] {
	const byCode = new Map<string, { option: ServiceOption; updatedAt: string }>();
	for (const order of orders) {
		const known = byCode.get(order.serviceCode);
		if (known && known.updatedAt >= order.updatedAt) continue;
		byCode.set(order.serviceCode, {
			option: {
				serviceCode: order.serviceCode,
				serviceName: order.serviceName,
				closeRequirements: order.closeRequirements
			},
			updatedAt: order.updatedAt
		});
	}
	return [...byCode.values()]
		.map(({ option }) => option)
		.sort((a, b) => a.serviceName.localeCompare(b.serviceName) || a.serviceCode.localeCompare(b.serviceCode));
}
