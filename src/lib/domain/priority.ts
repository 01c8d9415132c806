/**
 * Priorities are stored as integers so that ORDER BY priority puts the most urgent first:
 * 1 urgent, 2 high, 3 normal, 4 low.
 */

export const PRIORITIES = [
	{ value: 1, name: 'urgent', label: 'Urgent' },
	{ value: 2, name: 'high', label: 'High' },
	{ value: 3, name: 'normal', label: 'Normal' },
	{ value: 4, name: 'low', label: 'Low' }
] as const;

export type Priority = (typeof PRIORITIES)[number]['value'];
export type PriorityName = (typeof PRIORITIES)[number]['name'];

export const DEFAULT_PRIORITY: Priority = 3;

export function isPriority(value: unknown): value is Priority {
	return PRIORITIES.some((p) => p.value === value);
}

/**
 * Accepts 1..4 as a number or a numeric string (form bodies), or a name such as 'urgent'
 * (any case). Returns null for anything else so callers choose their own error.
 */
export function parsePriority(input: unknown): Priority | null {
	if (typeof input === 'number') return isPriority(input) ? input : null;
	if (typeof input !== 'string') return null;
	const text = input.trim().toLowerCase();
	const match = PRIORITIES.find((p) => p.name === text || String(p.value) === text);
	return match ? match.value : null;
}

export function priorityName(priority: Priority): PriorityName {
	return priorityEntry(priority).name;
}

export function formatPriority(priority: Priority): string {
	return priorityEntry(priority).label;
}

function priorityEntry(priority: Priority): (typeof PRIORITIES)[number] {
	const entry = PRIORITIES.find((p) => p.value === priority);
	// The Priority type makes a miss impossible; fall back to normal rather than crash on bad data.
	return entry ?? PRIORITIES[2];
}
