/** The console's filters: the list and the map show the same orders. Pure, tested in Node. */
import { isFieldStatus, isOverdue } from '$lib/domain';
import type { ConsoleMapOrder, ConsoleOrder } from '$lib/components/console/console-rows';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ConsoleFilters {
	/** A crew id, `unassigned`, or '' for every crew. */
	crew: string;
	/** A service code, or '' for every service. */
	service: string;
	/** A field status, `open` (not closed or cancelled), or '' for all. */
	status: string;
	/** Only orders requested at least this many days ago; 0 for any age. */
	olderThanDays: number;
	overdueOnly: boolean;
}

export const NO_FILTERS: ConsoleFilters = {
	crew: '',
	service: '',
	status: 'open',
	olderThanDays: 0,
	overdueOnly: false
};

export function isOpenStatus(status: string): boolean {
	return status !== 'closed' && status !== 'cancelled';
}

export function orderIsOverdue(order: ConsoleMapOrder, now: Date): boolean {
	if (!isFieldStatus(order.status)) return false;
	return isOverdue(order.dueAt ? new Date(order.dueAt) : null, now, order.status);
}

export function matchesFilters(order: ConsoleMapOrder, filters: ConsoleFilters, now: Date): boolean {
	if (filters.crew === 'unassigned' ? order.crewId !== null : filters.crew && order.crewId !== filters.crew)
		return false;
	if (filters.service && order.serviceCode !== filters.service) return false;
	if (
		filters.status === 'open'
			? !isOpenStatus(order.status)
			: filters.status && order.status !== filters.status
	)
		return false;
	if (
		filters.olderThanDays > 0 &&
		now.getTime() - Date.parse(order.requestedAt) < filters.olderThanDays * DAY_MS
	)
		return false;
	if (filters.overdueOnly && !orderIsOverdue(order, now)) return false;
	return true;
}

type UrgencyFields = Pick<ConsoleOrder, 'priority' | 'requestedAt' | 'id'>;

/**
 * Most urgent first, then the oldest request, then the id: the order a supervisor works a list in,
 * and the order the server pages the lists in (its cursor is these three fields).
 */
export function byUrgency(a: UrgencyFields, b: UrgencyFields): number {
	if (a.priority !== b.priority) return a.priority - b.priority;
	if (a.requestedAt !== b.requestedAt) return a.requestedAt < b.requestedAt ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
