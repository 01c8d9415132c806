/**
 * Time for the demo generator: one `now`, the city's UTC offset, and the habit of putting work
 * inside a crew's shift. Never reads the system clock.
 */
import type { SeededRandom } from './random';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Two months of history, as the console's default range. */
export const WINDOW_DAYS = 60;

/** The seeded random source and the clock every part of the generator shares. */
export interface SeedContext {
	random: SeededRandom;
	now: number;
	/** The city's UTC offset, taken once at `now`: an hour off across a DST change is fine here. */
	localOffset: number;
}

export function localHour(ctx: SeedContext, time: number): number {
	return new Date(time + ctx.localOffset).getUTCHours();
}

/** `time` moved into a crew's shift (7:00-16:00 local) when that fits within [earliest, latest]. */
export function duringShift(ctx: SeedContext, time: number, earliest: number, latest: number): number {
	const hour = localHour(ctx, time);
	if (hour >= 7 && hour < 16) return time;
	const dayStart = Math.floor((time + ctx.localOffset) / DAY) * DAY - ctx.localOffset;
	const nextMorning = dayStart + (hour >= 16 ? DAY : 0) + ctx.random.float(7, 9) * HOUR;
	if (nextMorning <= latest) return nextMorning;
	const lastAfternoon = dayStart - (hour < 7 ? DAY : 0) + ctx.random.float(13, 15.5) * HOUR;
	return lastAfternoon >= earliest ? lastAfternoon : time;
}

/** Whole seconds, rounded down: keeps every timestamp in order and never after `now`. */
export function iso(time: number): string {
	return new Date(Math.floor(time / 1000) * 1000).toISOString();
}

export function isoOrNull(time: number | null): string | null {
	return time === null ? null : iso(time);
}
