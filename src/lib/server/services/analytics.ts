/**
 * Analytics for the console: fetches the orders of a period (in the viewer's departments) with one
 * bounded query and hands them to the pure report in $lib/domain/analytics. Time arithmetic happens
 * in TypeScript on fetched rows, never in SQL, so SQLite and PostgreSQL give the same answers.
 */
import type { Kysely } from 'kysely';
import {
	analyticsReport,
	localDayOf,
	parseAnalyticsQuery,
	periodBounds,
	type AnalyticsOrder,
	type AnalyticsQuery,
	type AnalyticsReport
} from '$lib/domain/analytics';
import type { LatLong } from '$lib/domain/geo';
import type { Issue } from '$lib/domain/validate';
import type { SessionUser } from '../auth/types';
import { CITY_TIME_ZONE, cityCenter } from '../city';
import type { Database } from '../db/schema';
import { orderInScope, scopeFor, serviceInScope, type Scope } from './department-scope';

/**
 * More than a large city files in two years (the 20,000-request test city fits ten times over);
 * past it the report says it is partial rather than letting one request exhaust the server.
 */
export const MAX_ANALYTICS_ORDERS = 200_000;

export interface AnalyticsSettings {
	timeZone: string;
	/** Anchor of the hex grid: the city's centre. */
	origin: LatLong;
}

export interface ScopedReport extends AnalyticsReport {
	/** True when the period held more than MAX_ANALYTICS_ORDERS orders and only the first were used. */
	partial: boolean;
}

export class AnalyticsService {
	constructor(
		private readonly db: Kysely<Database>,
		private readonly settings: AnalyticsSettings,
		private readonly maxOrders = MAX_ANALYTICS_ORDERS
	) {}

	async report(scope: Scope, query: AnalyticsQuery, now: Date): Promise<ScopedReport> {
		const bounds = periodBounds(query.period, this.settings.timeZone);
		const [orders, services] = await Promise.all([this.ordersOf(scope, bounds), this.servicesOf(scope)]);
		const partial = orders.length > this.maxOrders;
		const report = analyticsReport({
			orders: partial ? orders.slice(0, this.maxOrders) : orders,
			services,
			period: query.period,
			bounds,
			now,
			timeZone: this.settings.timeZone,
			cellMeters: query.cellMeters,
			origin: this.settings.origin
		});
		return { ...report, partial };
	}

	/** Orders filed in the period, or closed in it (an order filed earlier and closed now counts as out). */
	private async ordersOf(scope: Scope, bounds: { start: Date; end: Date }): Promise<AnalyticsOrder[]> {
		const start = bounds.start.toISOString();
		const end = bounds.end.toISOString();
		const rows = await this.db
			.selectFrom('work_orders')
			.select([
				'id',
				'service_code',
				'requested_at',
				'closed_at',
				'field_status',
				'due_at',
				'lat',
				'long',
				'address'
			])
			.where(orderInScope(scope))
			.where((eb) =>
				eb.or([
					eb.and([eb('requested_at', '>=', start), eb('requested_at', '<', end)]),
					eb.and([eb('field_status', '=', 'closed'), eb('closed_at', '>=', start), eb('closed_at', '<', end)])
				])
			)
			.orderBy('requested_at')
			.orderBy('id')
			.limit(this.maxOrders + 1)
			.execute();
		return rows.map((row) => ({
			id: row.id,
			serviceCode: row.service_code,
			requestedAt: new Date(row.requested_at),
			// A reopened order clears its close time; a stale one on another status must not count.
			closedAt: row.field_status === 'closed' && row.closed_at ? new Date(row.closed_at) : null,
			dueAt: row.due_at ? new Date(row.due_at) : null,
			lat: Number(row.lat),
			long: Number(row.long),
			address: row.address
		}));
	}

	private servicesOf(scope: Scope): Promise<{ code: string; name: string }[]> {
		return this.db
			.selectFrom('services')
			.select(['service_code as code', 'service_name as name'])
			.where(serviceInScope(scope))
			.execute();
	}
}

/** The demo city's clock and centre; one place to change when Curbside serves another city. */
export function cityAnalyticsSettings(): AnalyticsSettings {
	return { timeZone: CITY_TIME_ZONE, origin: cityCenter() };
}

export type AnalyticsRequest =
	{ ok: true; query: AnalyticsQuery; report: ScopedReport } | { ok: false; issues: Issue[] };

/** Reads `from`, `to` and `cell` from a URL and builds the report the user may see. */
export async function analyticsFor(
	db: Kysely<Database>,
	user: Pick<SessionUser, 'role' | 'department'>,
	params: URLSearchParams,
	now: Date
): Promise<AnalyticsRequest> {
	const settings = cityAnalyticsSettings();
	const parsed = parseAnalyticsQuery(
		{ from: params.get('from'), to: params.get('to'), cell: params.get('cell') },
		localDayOf(now, settings.timeZone)
	);
	if (!parsed.ok) return { ok: false, issues: parsed.issues };
	const report = await new AnalyticsService(db, settings).report(scopeFor(user), parsed.value, now);
	return { ok: true, query: parsed.value, report };
}
