/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl.DateTimeFormat: enough for
 * business-hours SLAs, without a date library in the domain.
 */

export interface ZonedParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		// Throws RangeError for an unknown zone, which is what a misconfigured calendar deserves.
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

export function zonedParts(instant: Date, timeZone: string): ZonedParts {
	const parts: Record<string, number> = {};
	for (const part of formatterFor(timeZone).formatToParts(instant)) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	return {
		year: parts['year'] ?? 0,
		month: parts['month'] ?? 1,
		day: parts['day'] ?? 1,
		// Some engines print midnight as 24 even with h23.
		hour: (parts['hour'] ?? 0) % 24,
		minute: parts['minute'] ?? 0,
		second: parts['second'] ?? 0
	};
}

/** Milliseconds to add to UTC to get the zone's wall clock at that instant (e.g. -4 h for EDT). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
	const p = zonedParts(instant, timeZone);
	const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
	const wholeSecond = Math.floor(instant.getTime() / 1000) * 1000;
	return wallAsUtc - wholeSecond;
}

/**
 * The instant at which the zone's clocks show `wallMs` (a wall-clock time written as if it were
 * UTC). When clocks spring forward and the time does not exist, the result lands an hour away on
 * one side of the gap; when they fall back and the time happens twice, the result is one of them.
 */
export function instantFromWallClock(wallMs: number, timeZone: string): Date {
	const firstGuess = wallMs - zoneOffsetMs(new Date(wallMs), timeZone);
	const offsetThen = zoneOffsetMs(new Date(firstGuess), timeZone);
	return new Date(wallMs - offsetThen);
}

/** 'YYYY-MM-DD' for a local date. */
export function localDateKey(year: number, month: number, day: number): string {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
