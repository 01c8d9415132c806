/**
 * Analytics figures on a fixed, hand-built city with answers worked out by hand (below), on SQLite
 * and on PostgreSQL when TEST_DATABASE_URL is set.
 *
 * Period: Monday 5 to Sunday 18 October 2026, America/Detroit (EDT, UTC-4): ISO weeks 41 and 42,
 * [2026-10-05T04:00Z, 2026-10-19T04:00Z). "Now" is long after, so outcomes are judged at the end.
 *
 * POTHOLE (Public Works), all filed Tue 6 Oct 12:00Z, due 24 h later, closed after
 *   P1..P10 = 2, 4, 6, 8, 10, 12, 14, 16, 18, 200 hours (P10 closes Wed 14 Oct: week 42, late).
 *   median = (10 + 12) / 2 = 11; p90: h = 9 * 0.9 = 8.1 -> 18 + 0.1 * (200 - 18) = 36.2.
 *   SLA: 10 judged, 1 breached.
 * GRAFFITI (Public Works)
 *   G1 filed 13 Oct, open, due 14 Oct               -> open past due: breached
 *   G2 filed 13 Oct, open, due 30 Oct                -> pending (not yet due at the end)
 *   G3 filed 12 Oct, closed 6 h later, no due time   -> closed, not judged
 *   G4 filed 28 Sep (before), closed 5 Oct, 168 h    -> closed in the period, not filed in it
 *   G5 filed 14 Oct, due 15 Oct, closed 20 Oct       -> closed after the period: breached at the end
 *   G6 filed Sun 18 Oct 23:30 EDT (= Mon 19 Oct UTC)  -> in the period and in week 42; pending
 *   G7 filed Mon 19 Oct 01:00 EDT                     -> outside the period
 *   G8 filed 10 Oct, assigned, stale closed_at        -> filed, not closed
 *   filed 6, closed 2 (6 h, 168 h): median 87, p90 = 6 + 0.9 * 162 = 151.8; SLA 2 judged, 2 breached, 2 pending.
 * TREE (Parks): T1 filed 7 Oct, closed 4 h later, due next day: judged, on time.
 *
 * Weeks (everything): W41 filed 12 (P1-10, T1, G8), closed 11 (P1-9, G4, T1); W42 filed 5, closed 2.
 * Time to close, everything (13): 2,4,4,6,6,8,10,12,14,16,18,168,200: median x[6] = 10,
 *   p90: h = 10.8 -> 18 + 0.8 * 150 = 138. Public Works only (12): median (10 + 12) / 2 = 11,
 *   p90: h = 9.9 -> 18 + 0.9 * 150 = 153.
 * SLA, everything: 13 judged, 3 breached, 2 pending; Public Works: 12 judged, 3 breached (25%).
 * Places: P1-P5 share 101 N Main St at the origin (hex 0,0: 5 requests, 1 week); G1, G2 at 5 Elm St
 *   and G3 2 m away without an address make a repeat place of 3; G8 is 44 m away (its own place)
 *   but in the same hex, which so has 4 requests over 2 weeks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hexGrid, parseAnalyticsQuery, reportCsv, type AnalyticsQuery } from '../../src/lib/domain/analytics';
import type { NewWorkOrder } from '../../src/lib/server/db/schema';
import { repositories, type Repositories } from '../../src/lib/server/repositories';
import { AnalyticsService } from '../../src/lib/server/services/analytics';
import { EVERYTHING } from '../../src/lib/server/services/department-scope';
import { testBackends } from './backends';
import { audit, orderRow } from './fixtures';

const ZONE = 'America/Detroit';
const ORIGIN = { lat: 41.94, long: -85.63 };
const NOW = new Date('2026-11-27T12:00:00Z');
const PUBLIC_WORKS = { departments: ['Public Works'] };
const query: AnalyticsQuery = { period: { from: '2026-10-05', to: '2026-10-18' }, cellMeters: 250 };

const HOUR = 3_600_000;
const iso = (text: string, plusHours = 0) =>
	new Date(new Date(text).getTime() + plusHours * HOUR).toISOString();

const grid = hexGrid(ORIGIN, 250);
const ELM = grid.centerOf('2,5');
const north = (point: { lat: number; long: number }, meters: number) => ({
	lat: point.lat + meters / 111_195,
	long: point.long
});

async function givenServices(repos: Repositories) {
	const service = (code: string, name: string, department: string) =>
		repos.services.upsert({
			service_code: code,
			service_name: name,
			description: '',
			group_name: 'Streets',
			keywords: '',
			type: 'realtime',
			attributes: '[]',
			sla_hours: 24,
			close_requirements: '{}',
			department,
			active: 1,
			sort_order: 1
		});
	await service('POTHOLE', 'Pothole', 'Public Works');
	await service('GRAFFITI', 'Graffiti', 'Public Works');
	await service('TREE', 'Fallen tree', 'Parks');
}

async function givenOrders(repos: Repositories) {
	const add = (id: string, fields: Partial<NewWorkOrder>) =>
		repos.workOrders.insert(orderRow(id, { address: `${id} Far Away Rd`, ...fields }), audit('created'));
	const filedPotholes = '2026-10-06T12:00:00Z';
	const hours = [2, 4, 6, 8, 10, 12, 14, 16, 18, 200];
	for (const [index, h] of hours.entries()) {
		const onMain = index < 5;
		await add(`P${index + 1}`, {
			service_code: 'POTHOLE',
			requested_at: iso(filedPotholes),
			due_at: iso(filedPotholes, 24),
			closed_at: iso(filedPotholes, h),
			field_status: 'closed',
			lat: ORIGIN.lat,
			long: onMain ? ORIGIN.long : ORIGIN.long + 0.005 * (index - 4),
			address: onMain ? '101 N Main St' : `${index} Oak St`
		});
	}
	const graffiti = (id: string, fields: Partial<NewWorkOrder>) =>
		add(id, { service_code: 'GRAFFITI', lat: 41.9 - Number(id.slice(1)) * 0.01, long: -85.7, ...fields });
	await graffiti('G1', {
		requested_at: iso('2026-10-13T14:00:00Z'),
		due_at: iso('2026-10-14T14:00:00Z'),
		...ELM,
		address: '5 Elm St'
	});
	await graffiti('G2', {
		requested_at: iso('2026-10-13T15:00:00Z'),
		due_at: iso('2026-10-30T15:00:00Z'),
		...ELM,
		address: '5 ELM ST.'
	});
	await graffiti('G3', {
		requested_at: iso('2026-10-12T14:00:00Z'),
		closed_at: iso('2026-10-12T20:00:00Z'),
		field_status: 'closed',
		...north(ELM, 2),
		address: null
	});
	await graffiti('G4', {
		requested_at: iso('2026-09-28T14:00:00Z'),
		due_at: iso('2026-09-29T14:00:00Z'),
		closed_at: iso('2026-10-05T14:00:00Z'),
		field_status: 'closed'
	});
	await graffiti('G5', {
		requested_at: iso('2026-10-14T12:00:00Z'),
		due_at: iso('2026-10-15T12:00:00Z'),
		closed_at: iso('2026-10-20T12:00:00Z'),
		field_status: 'closed'
	});
	await graffiti('G6', { requested_at: iso('2026-10-19T03:30:00Z'), due_at: iso('2026-10-25T12:00:00Z') });
	await graffiti('G7', { requested_at: iso('2026-10-19T05:00:00Z') });
	await graffiti('G8', {
		requested_at: iso('2026-10-10T14:00:00Z'),
		closed_at: iso('2026-10-11T14:00:00Z'),
		field_status: 'assigned',
		...north(ELM, 44),
		address: '9 Elm St'
	});
	await add('T1', {
		service_code: 'TREE',
		requested_at: iso('2026-10-07T14:00:00Z'),
		due_at: iso('2026-10-08T14:00:00Z'),
		closed_at: iso('2026-10-07T18:00:00Z'),
		field_status: 'closed',
		lat: 41.8,
		long: -85.5
	});
}

describe.each(testBackends())('analytics on $name', (backend) => {
	let analytics: AnalyticsService;
	let drop: () => Promise<void>;

	beforeEach(async () => {
		const created = await backend.create();
		drop = created.drop;
		const repos = repositories(created.handle.db);
		await givenServices(repos);
		await givenOrders(repos);
		analytics = new AnalyticsService(created.handle.db, { timeZone: ZONE, origin: ORIGIN });
	});
	afterEach(async () => drop());

	it('counts requests in and out per ISO week on the city clock', async () => {
		const report = await analytics.report(EVERYTHING, query, NOW);
		expect(report.weeks).toEqual([
			{ week: '2026-W41', monday: '2026-10-05', filed: 12, closed: 11 },
			{ week: '2026-W42', monday: '2026-10-12', filed: 5, closed: 2 }
		]);
		expect(report.totals).toMatchObject({ filed: 17, closed: 13 });
		expect(report.partial).toBe(false);
	});

	it('gives the median and 90th percentile time to close by service and overall', async () => {
		const report = await analytics.report(EVERYTHING, query, NOW);
		const byCode = Object.fromEntries(report.services.map((s) => [s.code, s]));
		expect(byCode['POTHOLE']).toMatchObject({ filed: 10, closed: 10, medianHours: 11 });
		expect(byCode['POTHOLE']?.p90Hours).toBeCloseTo(36.2, 9);
		expect(byCode['GRAFFITI']).toMatchObject({ filed: 6, closed: 2, medianHours: 87 });
		expect(byCode['GRAFFITI']?.p90Hours).toBeCloseTo(151.8, 9);
		expect(byCode['TREE']).toMatchObject({
			name: 'Fallen tree',
			filed: 1,
			closed: 1,
			medianHours: 4,
			p90Hours: 4
		});
		expect(report.totals.medianHours).toBe(10);
		expect(report.totals.p90Hours).toBeCloseTo(138, 9);
	});

	it('rates SLA breaches: closed late or open past due, with not-yet-due orders pending', async () => {
		const report = await analytics.report(EVERYTHING, query, NOW);
		const byCode = Object.fromEntries(report.services.map((s) => [s.code, s.sla]));
		expect(byCode['POTHOLE']).toEqual({ judged: 10, breached: 1, rate: 0.1, pending: 0 });
		expect(byCode['GRAFFITI']).toEqual({ judged: 2, breached: 2, rate: 1, pending: 2 });
		expect(byCode['TREE']).toEqual({ judged: 1, breached: 0, rate: 0, pending: 0 });
		expect(report.totals.sla).toEqual({ judged: 13, breached: 3, rate: 3 / 13, pending: 2 });
	});

	it('judges open orders at "now" when the period has not ended yet', async () => {
		// At 14 Oct 20:00Z, G1 (due 14 Oct 14:00Z) is already late; G5 (due 15 Oct) is pending.
		const report = await analytics.report(EVERYTHING, query, new Date('2026-10-14T20:00:00Z'));
		const graffiti = report.services.find((s) => s.code === 'GRAFFITI');
		expect(graffiti?.sla).toEqual({ judged: 1, breached: 1, rate: 1, pending: 3 });
	});

	it('finds hot spots in hex bins and repeat places by address or a few metres', async () => {
		const report = await analytics.report(EVERYTHING, query, NOW);
		expect(report.hotSpots.slice(0, 2)).toMatchObject([
			{ cell: '0,0', count: 5, weeks: 1 },
			{ cell: '2,5', count: 4, weeks: 2 }
		]);
		expect(report.hotSpots.slice(2).every((h) => h.count === 1)).toBe(true);
		expect(report.repeatPlaces).toEqual([
			expect.objectContaining({
				address: '101 N Main St',
				count: 5,
				requestIds: ['P1', 'P2', 'P3', 'P4', 'P5']
			}),
			expect.objectContaining({ address: '5 Elm St', count: 3, requestIds: ['G3', 'G1', 'G2'] })
		]);
	});

	it('limits a supervisor to their department', async () => {
		const report = await analytics.report(PUBLIC_WORKS, query, NOW);
		expect(report.services.map((s) => s.code)).toEqual(['GRAFFITI', 'POTHOLE']);
		expect(report.weeks.map((w) => [w.filed, w.closed])).toEqual([
			[11, 10],
			[5, 2]
		]);
		expect(report.totals).toMatchObject({ filed: 16, closed: 12, medianHours: 11 });
		expect(report.totals.p90Hours).toBeCloseTo(153, 9);
		expect(report.totals.sla).toEqual({ judged: 12, breached: 3, rate: 0.25, pending: 2 });
		const none = await analytics.report({ departments: [] }, query, NOW);
		expect(none.totals.filed).toBe(0);
	});

	it('says the report is partial past its row limit instead of reading without bound', async () => {
		const created = await backend.create();
		try {
			const repos = repositories(created.handle.db);
			await givenServices(repos);
			await givenOrders(repos);
			const small = new AnalyticsService(created.handle.db, { timeZone: ZONE, origin: ORIGIN }, 5);
			const report = await small.report(EVERYTHING, query, NOW);
			expect(report.partial).toBe(true);
			expect(report.totals.filed).toBeLessThanOrEqual(5);
		} finally {
			await created.drop();
		}
	});

	it('exports the service table as CSV with rounded figures and a total row', async () => {
		const report = await analytics.report(PUBLIC_WORKS, query, NOW);
		const lines = reportCsv(report, 'services').trimEnd().split('\r\n');
		expect(lines[0]).toBe(
			'service_code,service_name,filed,closed,median_hours_to_close,p90_hours_to_close,sla_judged,sla_breached,sla_breach_percent,sla_pending'
		);
		expect(lines.slice(1)).toEqual([
			'GRAFFITI,Graffiti,6,2,87,151.8,2,2,100,2',
			'POTHOLE,Pothole,10,10,11,36.2,10,1,10,0',
			'ALL,All services,16,12,11,153,12,3,25,2'
		]);
	});
});

describe('analytics query defaults', () => {
	it('uses the last eight weeks when no period is given', () => {
		const parsed = parseAnalyticsQuery({}, '2026-10-18');
		expect(parsed.ok && parsed.value.period).toEqual({ from: '2026-08-24', to: '2026-10-18' });
	});
});
