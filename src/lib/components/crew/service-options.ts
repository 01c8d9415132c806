/**
 * The services a crew member may report a new problem under, as far as this device knows them.
 *
 * The pull keeps the active catalogue in the store (S25), so Report a problem offers every active
 * service, grouped as the catalogue groups them, with no network. A device that has not pulled
 * the catalogue yet (an older pull shape) falls back to the services seen among its orders.
 */
import type { LocalOrder, LocalService } from '$lib/client/db/schema';
import type { CloseRequirements } from '$lib/domain/sync/protocol';

export interface ServiceOption {
	serviceCode: string;
	serviceName: string;
	closeRequirements: CloseRequirements;
	/** The catalogue's group (Streets, Parks...); services seen only among orders have none. */
	group?: string;
}

export interface ServiceGroup {
	/** '' for services without a group. */
	group: string;
	options: ServiceOption[];
}

/** The catalogue when the device holds one, else the services of its orders. */
export function reportableServices(
	catalogue: readonly LocalService[],
	orders: readonly LocalOrder[]
): ServiceOption[] {
	if (catalogue.length === 0) return serviceOptionsFrom(orders);
	return [...catalogue]
		.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name) || a.code.localeCompare(b.code))
		.map((service) => ({
			serviceCode: service.code,
			serviceName: service.name,
			closeRequirements: service.closeRequirements,
			group: service.group
		}));
}

/** Groups in order of first appearance (the catalogue's order), services in their given order. */
export function groupServiceOptions(options: readonly ServiceOption[]): ServiceGroup[] {
	const groups = new Map<string, ServiceOption[]>();
	for (const option of options) {
		const group = option.group?.trim() ?? '';
		const list = groups.get(group);
		if (list) list.push(option);
		else groups.set(group, [option]);
	}
	return [...groups].map(([group, list]) => ({ group, options: list }));
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
