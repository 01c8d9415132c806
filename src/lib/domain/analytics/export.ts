/** The report as CSV tables, one per kind, for supervisors who take the figures into a spreadsheet. */
import { toCsv, type Cell } from './csv';
import type { ExportKind } from './period';
import type { AnalyticsReport } from './report';

/** Two decimals: hours to the nearest 36 seconds, rates to a hundredth of a percent. */
export const round2 = (value: number | null): number | null =>
	value === null ? null : Math.round(value * 100) / 100;

const percent = (rate: number | null) => (rate === null ? null : round2(rate * 100));

export function reportCsv(report: AnalyticsReport, kind: ExportKind): string {
	switch (kind) {
		case 'weekly':
			return toCsv(
				['week', 'week_starts', 'filed', 'closed'],
				report.weeks.map((w) => [w.week, w.monday, w.filed, w.closed])
			);
		case 'services': {
			const rows: Cell[][] = report.services.map((s) => [
				s.code,
				s.name,
				s.filed,
				s.closed,
				round2(s.medianHours),
				round2(s.p90Hours),
				s.sla.judged,
				s.sla.breached,
				percent(s.sla.rate),
				s.sla.pending
			]);
			const t = report.totals;
			rows.push([
				'ALL',
				'All services',
				t.filed,
				t.closed,
				round2(t.medianHours),
				round2(t.p90Hours),
				t.sla.judged,
				t.sla.breached,
				percent(t.sla.rate),
				t.sla.pending
			]);
			return toCsv(
				[
					'service_code',
					'service_name',
					'filed',
					'closed',
					'median_hours_to_close',
					'p90_hours_to_close',
					'sla_judged',
					'sla_breached',
					'sla_breach_percent',
					'sla_pending'
				],
				rows
			);
		}
		case 'hotspots':
			return toCsv(
				['cell', 'center_lat', 'center_long', 'requests', 'weeks_with_requests'],
				report.hotSpots.map((h) => [h.cell, round6(h.center.lat), round6(h.center.long), h.count, h.weeks])
			);
		case 'addresses':
			return toCsv(
				['address', 'center_lat', 'center_long', 'requests', 'service_codes', 'request_ids'],
				report.repeatPlaces.map((p) => [
					p.address,
					round6(p.center.lat),
					round6(p.center.long),
					p.count,
					p.serviceCodes.join(' '),
					p.requestIds.join(' ')
				])
			);
	}
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

export function exportFileName(report: AnalyticsReport, kind: ExportKind): string {
	return `curbside-${kind}-${report.period.from}-to-${report.period.to}.csv`;
}
