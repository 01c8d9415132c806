/** The console's progress tables, computed from the orders it holds. Pure, tested in Node. */
import { slaBreached } from '$lib/domain';
import type {
	ConsoleCrew,
	ConsoleLocation,
	ConsoleMapOrder,
	ConsoleService
} from '$lib/components/console/console-rows';
import { isOpenStatus, orderIsOverdue } from './console-filters';

export interface CrewProgress {
	crew: ConsoleCrew;
	assigned: number;
	inProgress: number;
	closedToday: number;
	unable: number;
	overdue: number;
	/** When the crew last reported a position, or null. */
	lastSeen: string | null;
}

export interface ServiceProgress {
	service: ConsoleService;
	/** Unfinished orders. */
	backlog: number;
	/** Unfinished orders past their due time. */
	overdue: number;
	/** Orders closed today after their due time. */
	closedLateToday: number;
}

export function crewProgress(
	orders: Iterable<ConsoleMapOrder>,
	crews: ConsoleCrew[],
	lastPositions: ReadonlyMap<string, ConsoleLocation>,
	todayStart: string,
	now: Date
): CrewProgress[] {
	const rows = new Map(
		crews.map((crew) => [
			crew.id,
			{
				crew,
				assigned: 0,
				inProgress: 0,
				closedToday: 0,
				unable: 0,
				overdue: 0,
				lastSeen: lastPositions.get(crew.id)?.at ?? null
			}
		])
	);
	for (const order of orders) {
		const row = order.crewId ? rows.get(order.crewId) : undefined;
		if (!row) continue;
		if (order.status === 'assigned') row.assigned += 1;
		else if (order.status === 'in_progress') row.inProgress += 1;
		else if (order.status === 'unable_to_complete') row.unable += 1;
		else if (order.status === 'closed' && closedSince(order, todayStart)) row.closedToday += 1;
		if (orderIsOverdue(order, now)) row.overdue += 1;
	}
	return [...rows.values()];
}

export function serviceProgress(
	orders: Iterable<ConsoleMapOrder>,
	services: ConsoleService[],
	todayStart: string,
	now: Date
): ServiceProgress[] {
	const rows = new Map(
		services.map((service) => [service.code, { service, backlog: 0, overdue: 0, closedLateToday: 0 }])
	);
	for (const order of orders) {
		const row = rows.get(order.serviceCode);
		if (!row) continue;
		if (isOpenStatus(order.status)) {
			row.backlog += 1;
			if (orderIsOverdue(order, now)) row.overdue += 1;
		} else if (
			order.status === 'closed' &&
			closedSince(order, todayStart) &&
			slaBreached(
				order.dueAt ? new Date(order.dueAt) : null,
				order.closedAt ? new Date(order.closedAt) : null
			)
		) {
			row.closedLateToday += 1;
		}
	}
	return [...rows.values()].filter((row) => row.backlog > 0 || row.closedLateToday > 0);
}

function closedSince(order: ConsoleMapOrder, since: string): boolean {
	return order.closedAt !== null && order.closedAt >= since;
}
