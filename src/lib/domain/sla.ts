/**
 * Service-level agreements: when an order is due, and whether it was late.
 * A service's SLA is a number of hours, counted on the calendar (round the clock) or only
 * within a business calendar's working hours, in the city's own time zone.
 */
import { isFinalStatus, type FieldStatus } from './lifecycle';
import type { Priority } from './priority';
import { instantFromWallClock, localDateKey, zonedParts } from './time-zone';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** More than ten years of days without a working hour means the calendar is broken. */
const MAX_DAYS_SEARCHED = 3660;

export interface BusinessCalendar {
	/** IANA zone, e.g. 'America/Detroit'. */
	timeZone: string;
	/** Working days, 0 = Sunday ... 6 = Saturday. */
	workdays: number[];
	/** Working hours in local time, 0..24; fractions allowed (8.5 = 08:30). */
	startHour: number;
	endHour: number;
	/** Local dates 'YYYY-MM-DD' with no working hours. */
	holidays: string[];
}

export type SlaClock = { clock: 'calendar' } | { clock: 'business'; calendar: BusinessCalendar };

export function computeDueAt(
	requestedAt: Date,
	slaHours: number,
	options: SlaClock = { clock: 'calendar' }
): Date {
	if (!Number.isFinite(slaHours) || slaHours < 0) throw new RangeError('slaHours must be zero or more');
	if (options.clock === 'calendar') return new Date(requestedAt.getTime() + slaHours * HOUR_MS);
	return addBusinessHours(requestedAt, slaHours, options.calendar);
}

function assertUsableCalendar(calendar: BusinessCalendar): void {
	const { startHour, endHour, workdays } = calendar;
	if (!(startHour >= 0 && endHour <= 24 && startHour < endHour)) {
		throw new RangeError('A business calendar needs 0 <= startHour < endHour <= 24');
	}
	if (!workdays.some((day) => Number.isInteger(day) && day >= 0 && day <= 6)) {
		throw new RangeError('A business calendar needs at least one workday between 0 and 6');
	}
}

/**
 * Walks local days from the request onward, spending the remaining hours inside each day's
 * working window. Window edges are converted to real instants per day, so a window that spans a
 * DST change holds its true length, and 08:00 stays 08:00 local on both sides of the change.
 */
function addBusinessHours(requestedAt: Date, slaHours: number, calendar: BusinessCalendar): Date {
	assertUsableCalendar(calendar);
	let remaining = slaHours * HOUR_MS;
	const local = zonedParts(requestedAt, calendar.timeZone);
	// Local midnight of the current day, written as if it were UTC: plain day arithmetic, no DST.
	let dayWall = Date.UTC(local.year, local.month - 1, local.day);
	for (let i = 0; i < MAX_DAYS_SEARCHED; i++, dayWall += DAY_MS) {
		const day = new Date(dayWall);
		const key = localDateKey(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
		if (!calendar.workdays.includes(day.getUTCDay()) || calendar.holidays.includes(key)) continue;
		const opens = instantFromWallClock(dayWall + calendar.startHour * HOUR_MS, calendar.timeZone).getTime();
		const closes = instantFromWallClock(dayWall + calendar.endHour * HOUR_MS, calendar.timeZone).getTime();
		const from = Math.max(opens, requestedAt.getTime());
		if (from >= closes) continue;
		// Ending exactly at closing time is due at closing time, not at the next opening.
		if (remaining <= closes - from) return new Date(from + remaining);
		remaining -= closes - from;
	}
	throw new RangeError('The business calendar has no working hours in the next ten years');
}

const PRIORITY_SLA_FACTOR: Readonly<Record<Priority, number>> = {
	1: 0.25,
	2: 0.5,
	3: 1,
	4: 2
};

/**
 * The SLA for a given priority: urgent gets a quarter of the service's hours, high half,
 * normal the service's hours as they are, low double. Fractions are kept (a 2-hour SLA made
 * urgent is 30 minutes), since rounding would hide short SLAs.
 */
export function priorityAdjustedSlaHours(slaHours: number, priority: Priority): number {
	return slaHours * PRIORITY_SLA_FACTOR[priority];
}

/** Closed and cancelled orders are never overdue, however late they were. */
export function isOverdue(dueAt: Date | null, now: Date, fieldStatus: FieldStatus): boolean {
	if (dueAt === null || isFinalStatus(fieldStatus)) return false;
	return now.getTime() > dueAt.getTime();
}

/** Whether an order that was closed missed its due time; an order without either is not judged. */
export function slaBreached(dueAt: Date | null, closedAt: Date | null): boolean {
	if (dueAt === null || closedAt === null) return false;
	return closedAt.getTime() > dueAt.getTime();
}

/** Hours from request to close; never negative (device clocks can disagree with the server's). */
export function timeToCloseHours(requestedAt: Date, closedAt: Date): number {
	return Math.max(0, (closedAt.getTime() - requestedAt.getTime()) / HOUR_MS);
}
