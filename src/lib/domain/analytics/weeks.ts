/**
 * ISO weeks (Monday to Sunday) on the city's wall clock: a request filed late on Sunday evening
 * belongs to the week the supervisor lived it in, not to the UTC week.
 */
import { instantFromWallClock, localDateKey, zonedParts } from '../time-zone';

const DAY_MS = 86_400_000;

export interface IsoWeek {
	/** '2026-W45' */
	key: string;
	/** The Monday that starts the week, 'YYYY-MM-DD' (local). */
	monday: string;
}

/** The ISO week of an instant, as the clock on the wall in `timeZone` reads it. */
export function isoWeekOf(instant: Date, timeZone: string): IsoWeek {
	const p = zonedParts(instant, timeZone);
	return isoWeekOfDate(Date.UTC(p.year, p.month - 1, p.day));
}

/** The ISO week of a calendar date given as midnight UTC milliseconds. */
export function isoWeekOfDate(dateMs: number): IsoWeek {
	const date = new Date(dateMs);
	// ISO weekday 1 (Monday) .. 7 (Sunday).
	const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
	const monday = new Date(dateMs - (weekday - 1) * DAY_MS);
	// The week belongs to the year of its Thursday.
	const thursday = new Date(monday.getTime() + 3 * DAY_MS);
	const year = thursday.getUTCFullYear();
	const firstThursdayOfYear = firstThursday(year);
	const week = 1 + Math.round((thursday.getTime() - firstThursdayOfYear) / (7 * DAY_MS));
	return {
		key: `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`,
		monday: dayKey(monday.getTime())
	};
}

function firstThursday(year: number): number {
	const jan1 = new Date(0);
	jan1.setUTCFullYear(year, 0, 1);
	const weekday = jan1.getUTCDay();
	return jan1.getTime() + ((4 - weekday + 7) % 7) * DAY_MS;
}

function dayKey(ms: number): string {
	const d = new Date(ms);
	return localDateKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Every ISO week that has at least one day in [firstDay, lastDay] (dates 'YYYY-MM-DD'), in order. */
export function weeksCovering(firstDay: string, lastDay: string): IsoWeek[] {
	const weeks: IsoWeek[] = [];
	const end = dateMs(lastDay);
	let cursor = dateMs(isoWeekOfDate(dateMs(firstDay)).monday);
	while (cursor <= end) {
		weeks.push(isoWeekOfDate(cursor));
		cursor += 7 * DAY_MS;
	}
	return weeks;
}

/** 'YYYY-MM-DD' as midnight UTC milliseconds. */
export function dateMs(day: string): number {
	const [year, month, date] = day.split('-').map(Number) as [number, number, number];
	const at = new Date(0);
	at.setUTCFullYear(year, month - 1, date);
	return at.getTime();
}

/** The instant local midnight begins on `day` in `timeZone`. */
export function startOfLocalDay(day: string, timeZone: string): Date {
	return instantFromWallClock(dateMs(day), timeZone);
}

/** The local calendar date of an instant, 'YYYY-MM-DD'. */
export function localDayOf(instant: Date, timeZone: string): string {
	const p = zonedParts(instant, timeZone);
	return localDateKey(p.year, p.month, p.day);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
	return dayKey(dateMs(day) + days * DAY_MS);
}
