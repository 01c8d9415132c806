/**
 * The period an analytics view covers: whole local days `from`..`to`, both included. Checked like
 * any other input, because it arrives in a query string.
 */
import * as v from '../validate';
import { addDays, dateMs, startOfLocalDay } from './weeks';

export const DEFAULT_WEEKS = 8;
/** Two years and a day of slack for a leap year: enough for year-on-year, bounded for the server. */
export const MAX_PERIOD_DAYS = 731;
export const DEFAULT_CELL_METERS = 250;
export const MIN_CELL_METERS = 50;
export const MAX_CELL_METERS = 2000;
export const EXPORT_KINDS = ['weekly', 'services', 'hotspots', 'addresses'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written 'YYYY-MM-DD' that exists (no 2026-02-30). */
export function calendarDate(): v.Schema<string> {
	return v.custom((input, label) => {
		const text = typeof input === 'string' ? input.trim() : '';
		const m = DAY.exec(text);
		const bad = { ok: false as const, code: 'date', message: `${label} must be a date such as 2026-03-08` };
		if (!m) return bad;
		const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
		const at = new Date(dateMs(text));
		if (at.getUTCFullYear() !== year || at.getUTCMonth() + 1 !== month || at.getUTCDate() !== day) return bad;
		return { ok: true, value: text };
	});
}

export interface Period {
	/** First day, 'YYYY-MM-DD', local. */
	from: string;
	/** Last day, included. */
	to: string;
}

const periodQuery = v.object(
	{
		from: v.optional(calendarDate()),
		to: v.optional(calendarDate()),
		cell: v.withDefault(
			v.number({ integer: true, min: MIN_CELL_METERS, max: MAX_CELL_METERS }),
			DEFAULT_CELL_METERS
		)
	},
	{
		rules: [
			({ from, to }) => {
				if (!from || !to) return [];
				if (from > to) return [v.issue('to', 'order', 'to must be on or after from')];
				const days = (dateMs(to) - dateMs(from)) / 86_400_000 + 1;
				return days > MAX_PERIOD_DAYS
					? [v.issue('to', 'range', `the period must be at most ${MAX_PERIOD_DAYS} days (two years)`)]
					: [];
			}
		]
	}
);

export interface AnalyticsQuery {
	period: Period;
	cellMeters: number;
}

/**
 * Reads `from`, `to` and `cell` from a query string. Missing dates default to the last
 * DEFAULT_WEEKS weeks ending `today`; a lone `from` runs to `today` (or for two years, if sooner),
 * a lone `to` starts eight weeks before it.
 */
export function parseAnalyticsQuery(
	params: { from?: string | null; to?: string | null; cell?: string | null },
	today: string
): v.Result<AnalyticsQuery> {
	const checked = v.validate(periodQuery, params);
	if (!checked.ok) return checked;
	const { from, to, cell } = checked.value;
	const span = DEFAULT_WEEKS * 7 - 1;
	let period: Period;
	if (from && to) period = { from, to };
	else if (from) {
		const twoYears = addDays(from, MAX_PERIOD_DAYS - 1);
		period = { from, to: today < from ? from : today > twoYears ? twoYears : today };
	} else if (to) period = { from: addDays(to, -span), to };
	else period = { from: addDays(today, -span), to: today };
	return { ok: true, value: { period, cellMeters: cell } };
}

/** The period as instants: [start, end), local midnights in `timeZone`. */
export function periodBounds(period: Period, timeZone: string): { start: Date; end: Date } {
	return {
		start: startOfLocalDay(period.from, timeZone),
		end: startOfLocalDay(addDays(period.to, 1), timeZone)
	};
}

export const exportKind = v.oneOf(EXPORT_KINDS);
