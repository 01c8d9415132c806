/**
 * Today's list as pure functions: the crew's working order, search, counts and the wording of
 * statuses and times. No Svelte and no Dexie, so it reads (and could be tested) on its own.
 */
import { isFinalStatus, statusLabel, type FieldStatus } from '$lib/domain/lifecycle';
import { formatPriority, isPriority } from '$lib/domain/priority';
import { isOverdue } from '$lib/domain/sla';
import type { LocalOrder } from '$lib/client/db/schema';

/** Open work first, in the planned route, then most urgent, then soonest due; finished work last. */
export function byWorkingOrder(a: LocalOrder, b: LocalOrder): number {
	const finishedA = isFinalStatus(a.status) ? 1 : 0;
	const finishedB = isFinalStatus(b.status) ? 1 : 0;
	if (finishedA !== finishedB) return finishedA - finishedB;
	const routeA = a.routeOrder ?? Number.MAX_SAFE_INTEGER;
	const routeB = b.routeOrder ?? Number.MAX_SAFE_INTEGER;
	if (routeA !== routeB) return routeA - routeB;
	if (a.priority !== b.priority) return a.priority - b.priority;
	const dueOrder = (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999');
	return dueOrder !== 0 ? dueOrder : a.id.localeCompare(b.id);
}

/** Every word of the search must appear in the id, service, address or description. */
export function matchesSearch(order: LocalOrder, search: string): boolean {
	const words = search.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const haystack = [order.id, order.serviceName, order.address ?? '', order.description]
		.join(' ')
		.toLowerCase();
	return words.every((word) => haystack.includes(word));
}

/** Today's filters beside the search: the whole list, or one kind of work. */
export const TODAY_FILTERS = ['all', 'overdue', 'not-started', 'in-progress'] as const;
export type TodayFilter = (typeof TODAY_FILTERS)[number];

export const TODAY_FILTER_LABELS: Readonly<Record<TodayFilter, string>> = {
	all: 'All orders',
	overdue: 'Overdue only',
	'not-started': 'Not started',
	'in-progress': 'In progress'
};

export function matchesFilter(order: LocalOrder, filter: TodayFilter, nowMs: number): boolean {
	switch (filter) {
		case 'all':
			return true;
		case 'overdue':
			return orderIsOverdue(order, nowMs);
		case 'not-started':
			return order.status === 'new' || order.status === 'assigned' || order.status === 'reopened';
		case 'in-progress':
			return order.status === 'in_progress';
	}
}

export function orderIsOverdue(order: LocalOrder, nowMs: number): boolean {
	return isOverdue(order.dueAt ? new Date(order.dueAt) : null, new Date(nowMs), order.status);
}

export interface TodayCounts {
	open: number;
	overdue: number;
	inProgress: number;
	done: number;
}

export function countToday(orders: readonly LocalOrder[], nowMs: number): TodayCounts {
	const counts: TodayCounts = { open: 0, overdue: 0, inProgress: 0, done: 0 };
	for (const order of orders) {
		if (isFinalStatus(order.status)) counts.done += 1;
		else counts.open += 1;
		if (order.status === 'in_progress') counts.inProgress += 1;
		if (orderIsOverdue(order, nowMs)) counts.overdue += 1;
	}
	return counts;
}

/** "In progress", capitalised for a chip. */
export function statusText(status: FieldStatus): string {
	const label = statusLabel(status);
	return label.charAt(0).toUpperCase() + label.slice(1);
}

export function priorityText(priority: number): string {
	return isPriority(priority) ? formatPriority(priority) : `Priority ${priority}`;
}

const dueFormat = new Intl.DateTimeFormat(undefined, {
	weekday: 'short',
	hour: 'numeric',
	minute: '2-digit'
});
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Short for the list ("Tue 3:30 PM"); the order page shows the full date. */
export function dueText(dueAt: string | null): string {
	return dueAt ? dueFormat.format(new Date(dueAt)) : 'No due time';
}

export function dateTimeText(iso: string | null): string {
	return iso ? dateTimeFormat.format(new Date(iso)) : '—';
}
