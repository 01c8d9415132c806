import { describe, expect, it } from 'vitest';
import {
	addDays,
	isoWeekOf,
	isoWeekOfDate,
	localDayOf,
	startOfLocalDay,
	weeksCovering,
	dateMs
} from './weeks';

describe('ISO weeks', () => {
	it('puts the first days of January in the week of their Thursday', () => {
		// 2026-01-01 is a Thursday: week 1 starts Monday 2025-12-29.
		expect(isoWeekOfDate(dateMs('2026-01-01'))).toEqual({ key: '2026-W01', monday: '2025-12-29' });
		// 2027-01-01 is a Friday: it still belongs to 2026's 53rd week.
		expect(isoWeekOfDate(dateMs('2027-01-01'))).toEqual({ key: '2026-W53', monday: '2026-12-28' });
	});

	it('buckets by the city wall clock, not UTC', () => {
		// Sunday 1 November 2026, 23:30 EST is already Monday in UTC.
		const lateSunday = new Date('2026-11-02T04:30:00Z');
		expect(isoWeekOf(lateSunday, 'UTC').key).toBe('2026-W45');
		expect(isoWeekOf(lateSunday, 'America/Detroit')).toEqual({ key: '2026-W44', monday: '2026-10-26' });
	});

	it('lists every week touching a period', () => {
		expect(weeksCovering('2026-10-28', '2026-11-10').map((w) => w.key)).toEqual([
			'2026-W44',
			'2026-W45',
			'2026-W46'
		]);
	});

	it('finds local midnight across a daylight-saving change', () => {
		expect(startOfLocalDay('2026-11-01', 'America/Detroit').toISOString()).toBe('2026-11-01T04:00:00.000Z');
		expect(startOfLocalDay('2026-11-02', 'America/Detroit').toISOString()).toBe('2026-11-02T05:00:00.000Z');
		expect(localDayOf(new Date('2026-11-02T04:59:00Z'), 'America/Detroit')).toBe('2026-11-01');
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
	});
});
