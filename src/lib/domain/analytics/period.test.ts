import { describe, expect, it } from 'vitest';
import { parseAnalyticsQuery, periodBounds } from './period';

const today = '2026-11-27';

describe('analytics period', () => {
	it('defaults to the last eight weeks ending today, with 250 m cells', () => {
		expect(parseAnalyticsQuery({}, today)).toEqual({
			ok: true,
			value: { period: { from: '2026-10-03', to: '2026-11-27' }, cellMeters: 250 }
		});
	});

	it('takes an explicit period and cell size, and fills a missing end', () => {
		const both = parseAnalyticsQuery({ from: '2026-01-01', to: '2026-03-31', cell: '500' }, today);
		expect(both).toEqual({
			ok: true,
			value: { period: { from: '2026-01-01', to: '2026-03-31' }, cellMeters: 500 }
		});
		const onlyTo = parseAnalyticsQuery({ to: '2026-03-31' }, today);
		expect(onlyTo.ok && onlyTo.value.period).toEqual({ from: '2026-02-04', to: '2026-03-31' });
		const onlyFrom = parseAnalyticsQuery({ from: '2026-11-01' }, today);
		expect(onlyFrom.ok && onlyFrom.value.period).toEqual({ from: '2026-11-01', to: today });
	});

	it('refuses impossible dates, reversed and over-long periods, and odd cell sizes', () => {
		const paths = (params: Record<string, string>) => {
			const result = parseAnalyticsQuery(params, today);
			return result.ok ? [] : result.issues.map((i) => `${i.path}:${i.code}`);
		};
		expect(paths({ from: '2026-02-30' })).toEqual(['from:date']);
		expect(paths({ from: '26-1-1' })).toEqual(['from:date']);
		expect(paths({ from: '2026-05-01', to: '2026-04-01' })).toEqual(['to:order']);
		expect(paths({ from: '2024-01-01', to: '2026-01-02' })).toEqual(['to:range']);
		expect(paths({ from: '2024-01-01', to: '2025-12-31' })).toEqual([]);
		expect(paths({ cell: '10' })).toEqual(['cell:range']);
		expect(paths({ cell: 'big' })).toEqual(['cell:type']);
	});

	it('turns the days into local-midnight bounds', () => {
		const { start, end } = periodBounds({ from: '2026-11-01', to: '2026-11-01' }, 'America/Detroit');
		// The day clocks fall back is 25 hours long.
		expect(start.toISOString()).toBe('2026-11-01T04:00:00.000Z');
		expect(end.toISOString()).toBe('2026-11-02T05:00:00.000Z');
	});
});
