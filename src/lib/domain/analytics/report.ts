/**
 * The analytics figures, computed from plain rows so the rules live in one tested place and the
 * database only has to fetch. Definitions (also shown on the page):
 * - filed: requested in the period; closed: closed in the period (whenever it was filed);
 * - time to close: hours from request to close, over the orders closed in the period;
 * - SLA breach: of the orders filed in the period that have a due time and whose outcome is known
 *   at the end of the period (or now, if sooner): closed after the due time, or still open past it.
 *   Orders still open and not yet due are "pending" and left out of the rate;
 * - hot spots and repeat places: over the orders filed in the period.
 */
import type { LatLong } from '../geo';
import { timeToCloseHours } from '../sla';
import { hexGrid } from './hex';
import { spreadOf } from './percentile';
import { repeatPlaces, type RepeatPlace } from './places';
import { isoWeekOf, weeksCovering } from './weeks';
import type { Period } from './period';

export interface AnalyticsOrder {
	id: string;
	serviceCode: string;
	requestedAt: Date;
	/** Set only for orders that are closed now. */
	closedAt: Date | null;
	dueAt: Date | null;
	lat: number;
	long: number;
	address: string | null;
}

export interface WeekFigures {
	week: string;
	monday: string;
	filed: number;
	closed: number;
}

export interface SlaFigures {
	/** Orders whose outcome against their due time is known. */
	judged: number;
	breached: number;
	/** breached / judged, or null when nothing was judged. */
	rate: number | null;
	/** Open, not yet due. */
	pending: number;
}

export interface ServiceFigures {
	code: string;
	name: string;
	filed: number;
	closed: number;
	medianHours: number | null;
	p90Hours: number | null;
	sla: SlaFigures;
}

export interface HotSpot {
	cell: string;
	center: LatLong;
	ring: [number, number][];
	count: number;
	/** How many different weeks had a request here: 2 or more makes it a recurring hot spot. */
	weeks: number;
}

export interface AnalyticsReport {
	period: Period;
	timeZone: string;
	cellMeters: number;
	totals: {
		filed: number;
		closed: number;
		medianHours: number | null;
		p90Hours: number | null;
		sla: SlaFigures;
	};
	weeks: WeekFigures[];
	services: ServiceFigures[];
	hotSpots: HotSpot[];
	repeatPlaces: RepeatPlace[];
}

export interface ReportInput {
	orders: readonly AnalyticsOrder[];
	services: readonly { code: string; name: string }[];
	period: Period;
	/** [start, end) of the period as instants. */
	bounds: { start: Date; end: Date };
	now: Date;
	timeZone: string;
	cellMeters: number;
	/** Where the hex grid is anchored (the city's centre), so cells stay put from one period to the next. */
	origin: LatLong;
}

export function analyticsReport(input: ReportInput): AnalyticsReport {
	const { bounds } = input;
	const weekOf = weekFinder(input.timeZone);
	const inPeriod = (at: Date | null) => at !== null && at >= bounds.start && at < bounds.end;
	const asOf = input.now < bounds.end ? input.now : bounds.end;
	const filed = input.orders.filter((o) => inPeriod(o.requestedAt));
	const closed = input.orders.filter((o) => inPeriod(o.closedAt));

	const weeks = new Map(
		weeksCovering(input.period.from, input.period.to).map((w) => [
			w.key,
			{ week: w.key, monday: w.monday, filed: 0, closed: 0 }
		])
	);
	for (const o of filed) {
		const week = weeks.get(weekOf(o.requestedAt));
		if (week) week.filed++;
	}
	for (const o of closed) {
		const week = weeks.get(weekOf(o.closedAt as Date));
		if (week) week.closed++;
	}

	const hours = (orders: readonly AnalyticsOrder[]) =>
		orders.map((o) => timeToCloseHours(o.requestedAt, o.closedAt as Date));
	const names = new Map(input.services.map((s) => [s.code, s.name]));
	const codes = [...new Set([...filed, ...closed].map((o) => o.serviceCode))].sort((a, b) =>
		(names.get(a) ?? a).localeCompare(names.get(b) ?? b)
	);
	const services = codes.map((code): ServiceFigures => {
		const closedHere = closed.filter((o) => o.serviceCode === code);
		const filedHere = filed.filter((o) => o.serviceCode === code);
		const spread = spreadOf(hours(closedHere));
		return {
			code,
			name: names.get(code) ?? code,
			filed: filedHere.length,
			closed: closedHere.length,
			medianHours: spread.median,
			p90Hours: spread.p90,
			sla: slaFigures(filedHere, asOf)
		};
	});
	const overall = spreadOf(hours(closed));

	return {
		period: input.period,
		timeZone: input.timeZone,
		cellMeters: input.cellMeters,
		totals: {
			filed: filed.length,
			closed: closed.length,
			medianHours: overall.median,
			p90Hours: overall.p90,
			sla: slaFigures(filed, asOf)
		},
		weeks: [...weeks.values()],
		services,
		hotSpots: hotSpots(filed, input, weekOf),
		repeatPlaces: repeatPlaces(filed)
	};
}

/** See the module comment for what counts as judged, breached and pending. */
export function slaFigures(orders: readonly AnalyticsOrder[], asOf: Date): SlaFigures {
	let judged = 0;
	let breached = 0;
	let pending = 0;
	for (const o of orders) {
		if (o.dueAt === null) continue;
		const closedBy = o.closedAt !== null && o.closedAt <= asOf ? o.closedAt : null;
		if (closedBy !== null) {
			judged++;
			if (closedBy > o.dueAt) breached++;
		} else if (o.dueAt < asOf) {
			judged++;
			breached++;
		} else {
			pending++;
		}
	}
	return { judged, breached, rate: judged === 0 ? null : breached / judged, pending };
}

function hotSpots(
	orders: readonly AnalyticsOrder[],
	input: ReportInput,
	weekOf: (at: Date) => string
): HotSpot[] {
	const grid = hexGrid(input.origin, input.cellMeters);
	const cells = new Map<string, { count: number; weeks: Set<string> }>();
	for (const o of orders) {
		const cell = grid.cellOf(o);
		const entry = cells.get(cell) ?? { count: 0, weeks: new Set<string>() };
		entry.count++;
		entry.weeks.add(weekOf(o.requestedAt));
		cells.set(cell, entry);
	}
	return [...cells.entries()]
		.map(([cell, { count, weeks }]) => ({
			cell,
			center: grid.centerOf(cell),
			ring: grid.ringOf(cell),
			count,
			weeks: weeks.size
		}))
		.sort((a, b) => b.count - a.count || b.weeks - a.weeks || a.cell.localeCompare(b.cell));
}

/**
 * isoWeekOf through a memo of quarter hours: every time zone's offset is a multiple of 15 minutes,
 * so instants in one quarter hour share a week, and a city's 20,000 requests cost a few thousand
 * calendar look-ups (Intl is slow) instead of 60,000.
 */
function weekFinder(timeZone: string): (at: Date) => string {
	const memo = new Map<number, string>();
	return (at) => {
		const quarter = Math.floor(at.getTime() / 900_000);
		let week = memo.get(quarter);
		if (week === undefined) {
			week = isoWeekOf(new Date(quarter * 900_000), timeZone).key;
			memo.set(quarter, week);
		}
		return week;
	};
}
