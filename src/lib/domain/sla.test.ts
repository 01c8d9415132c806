import { describe, expect, it } from 'vitest';
import {
	computeDueAt,
	isOverdue,
	priorityAdjustedSlaHours,
	slaBreached,
	timeToCloseHours,
	type BusinessCalendar
} from './sla';

const DETROIT: BusinessCalendar = {
	timeZone: 'America/Detroit',
	workdays: [1, 2, 3, 4, 5],
	startHour: 8,
	endHour: 17,
	holidays: ['2026-11-26', '2026-12-25']
};
const business = (calendar: BusinessCalendar = DETROIT) => ({ clock: 'business' as const, calendar });
const due = (requestedAt: string, hours: number, calendar: BusinessCalendar = DETROIT): string =>
	computeDueAt(new Date(requestedAt), hours, business(calendar)).toISOString();

describe('computeDueAt on the calendar clock', () => {
	it('adds real hours, whatever the wall clock does', () => {
		// 24 h across the spring-forward night: the wall clock shows 13:00, one hour "later".
		expect(computeDueAt(new Date('2026-03-07T12:00:00-05:00'), 24).toISOString()).toBe(
			'2026-03-08T17:00:00.000Z'
		);
		expect(computeDueAt(new Date('2026-03-07T12:00:00Z'), 1.5, { clock: 'calendar' }).toISOString()).toBe(
			'2026-03-07T13:30:00.000Z'
		);
	});

	it('refuses negative or non-finite hours', () => {
		expect(() => computeDueAt(new Date(0), -1)).toThrow(RangeError);
		expect(() => computeDueAt(new Date(0), Number.NaN)).toThrow(RangeError);
	});
});

describe('computeDueAt on business hours (America/Detroit)', () => {
	it('counts within one working day', () => {
		expect(due('2026-03-10T09:00:00-04:00', 3)).toBe('2026-03-10T16:00:00.000Z');
	});

	it('skips the weekend, across the spring-forward Sunday (2026-03-08)', () => {
		// Friday 16:00 EST: 1 h on Friday, then Monday opens at 08:00 EDT (12:00Z).
		expect(due('2026-03-06T16:00:00-05:00', 2)).toBe('2026-03-09T13:00:00.000Z');
	});

	it('skips the weekend, across the fall-back Sunday (2026-11-01)', () => {
		// Friday 16:00 EDT: 1 h on Friday, then Monday opens at 08:00 EST (13:00Z).
		expect(due('2026-10-30T16:00:00-04:00', 3)).toBe('2026-11-02T15:00:00.000Z');
	});

	it('keeps 08:00-17:00 local on the DST days themselves when they are workdays', () => {
		const everyDay = { ...DETROIT, workdays: [0, 1, 2, 3, 4, 5, 6] };
		expect(due('2026-03-08T08:00:00-04:00', 9, everyDay)).toBe('2026-03-08T21:00:00.000Z');
		expect(due('2026-11-01T08:00:00-05:00', 9, everyDay)).toBe('2026-11-01T22:00:00.000Z');
	});

	it('counts the real length of a day when the window spans the clock change', () => {
		const roundTheClock = {
			...DETROIT,
			workdays: [0, 1, 2, 3, 4, 5, 6],
			startHour: 0,
			endHour: 24,
			holidays: []
		};
		// 8 March has 23 hours and 1 November has 25: business time equals real time.
		expect(due('2026-03-08T00:00:00-05:00', 24, roundTheClock)).toBe('2026-03-09T05:00:00.000Z');
		expect(due('2026-11-01T00:00:00-04:00', 24, roundTheClock)).toBe('2026-11-02T04:00:00.000Z');
		expect(due('2026-03-07T12:00:00-05:00', 24, roundTheClock)).toBe(
			computeDueAt(new Date('2026-03-07T12:00:00-05:00'), 24).toISOString()
		);
	});

	it('starts the clock at the next opening for a request filed outside hours', () => {
		// Tuesday 20:00 EDT -> Wednesday 08:00 + 4 h = 12:00 EDT.
		expect(due('2026-03-10T20:00:00-04:00', 4)).toBe('2026-03-11T16:00:00.000Z');
		// Wednesday 06:00, before opening.
		expect(due('2026-03-11T06:00:00-04:00', 4)).toBe('2026-03-11T16:00:00.000Z');
		// Saturday.
		expect(due('2026-03-14T10:00:00-04:00', 1)).toBe('2026-03-16T13:00:00.000Z');
		// Exactly at closing time.
		expect(due('2026-03-10T17:00:00-04:00', 1)).toBe('2026-03-11T13:00:00.000Z');
	});

	it('skips holidays, and is due at closing time when the hours run out exactly then', () => {
		// Wednesday before Thanksgiving 16:00 EST: 1 h Wednesday, Thursday is a holiday, 9 h Friday.
		expect(due('2026-11-25T16:00:00-05:00', 10)).toBe('2026-11-27T22:00:00.000Z');
		expect(due('2026-11-25T16:00:00-05:00', 10.5)).toBe('2026-11-30T13:30:00.000Z');
	});

	it('uses the local date for holidays, not the UTC date', () => {
		// 23:00 on 24 Dec local is already 25 Dec in UTC; the 24th is a workday, the 25th is not.
		expect(due('2026-12-24T16:00:00-05:00', 2)).toBe('2026-12-28T14:00:00.000Z');
	});

	it('supports half hours and other zones', () => {
		expect(due('2026-03-10T07:00:00-04:00', 1, { ...DETROIT, startHour: 8.5 })).toBe(
			'2026-03-10T13:30:00.000Z'
		);
		const montevideo = { ...DETROIT, timeZone: 'America/Montevideo', holidays: [] };
		expect(due('2026-03-10T07:00:00-03:00', 1, montevideo)).toBe('2026-03-10T12:00:00.000Z');
	});

	it('starts a zero-hour SLA at the next opening', () => {
		expect(due('2026-03-14T10:00:00-04:00', 0)).toBe('2026-03-16T12:00:00.000Z');
	});

	it('refuses unusable calendars', () => {
		expect(() => due('2026-03-10T09:00:00Z', 1, { ...DETROIT, workdays: [] })).toThrow(RangeError);
		expect(() => due('2026-03-10T09:00:00Z', 1, { ...DETROIT, startHour: 17, endHour: 8 })).toThrow(
			RangeError
		);
		expect(() => due('2026-03-10T09:00:00Z', 1, { ...DETROIT, timeZone: 'Mars/Olympus' })).toThrow(
			RangeError
		);
	});
});

describe('priorityAdjustedSlaHours', () => {
	it('quarters urgent, halves high, keeps normal and doubles low', () => {
		expect([1, 2, 3, 4].map((p) => priorityAdjustedSlaHours(48, p as 1 | 2 | 3 | 4))).toEqual([
			12, 24, 48, 96
		]);
		expect(priorityAdjustedSlaHours(2, 1)).toBe(0.5);
	});
});

describe('overdue and breach', () => {
	const dueAt = new Date('2026-03-10T17:00:00Z');
	const after = new Date('2026-03-10T17:00:01Z');

	it('is overdue only after the due time and only while open', () => {
		expect(isOverdue(dueAt, after, 'in_progress')).toBe(true);
		expect(isOverdue(dueAt, dueAt, 'in_progress')).toBe(false);
		expect(isOverdue(dueAt, after, 'reopened')).toBe(true);
		expect(isOverdue(dueAt, after, 'closed')).toBe(false);
		expect(isOverdue(dueAt, after, 'cancelled')).toBe(false);
		expect(isOverdue(null, after, 'new')).toBe(false);
	});

	it('judges a breach by the close time', () => {
		expect(slaBreached(dueAt, after)).toBe(true);
		expect(slaBreached(dueAt, dueAt)).toBe(false);
		expect(slaBreached(dueAt, null)).toBe(false);
		expect(slaBreached(null, after)).toBe(false);
	});

	it('measures time to close in hours, never negative', () => {
		expect(timeToCloseHours(new Date('2026-03-10T08:00:00Z'), new Date('2026-03-10T09:30:00Z'))).toBe(1.5);
		expect(timeToCloseHours(new Date('2026-03-10T08:00:00Z'), new Date('2026-03-10T07:00:00Z'))).toBe(0);
	});
});
