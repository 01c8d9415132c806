import { describe, expect, it } from 'vitest';
import { instantFromWallClock, localDateKey, zonedParts, zoneOffsetMs } from './time-zone';

const HOUR = 3_600_000;
const wall = (iso: string): number => Date.parse(`${iso}Z`);

describe('time zone arithmetic', () => {
	it('finds the offset on both sides of the Detroit DST changes', () => {
		expect(zoneOffsetMs(new Date('2026-03-08T06:59:59Z'), 'America/Detroit')).toBe(-5 * HOUR);
		expect(zoneOffsetMs(new Date('2026-03-08T07:00:00Z'), 'America/Detroit')).toBe(-4 * HOUR);
		expect(zoneOffsetMs(new Date('2026-11-01T05:59:59Z'), 'America/Detroit')).toBe(-4 * HOUR);
		expect(zoneOffsetMs(new Date('2026-11-01T06:00:00Z'), 'America/Detroit')).toBe(-5 * HOUR);
		expect(zoneOffsetMs(new Date('2026-06-01T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
	});

	it('reads the local wall clock, with midnight as hour 0', () => {
		expect(zonedParts(new Date('2026-03-09T04:00:00Z'), 'America/Detroit')).toEqual({
			year: 2026,
			month: 3,
			day: 9,
			hour: 0,
			minute: 0,
			second: 0
		});
	});

	it('turns a local wall-clock time into the right instant', () => {
		expect(instantFromWallClock(wall('2026-03-08T08:00:00'), 'America/Detroit').toISOString()).toBe(
			'2026-03-08T12:00:00.000Z'
		);
		expect(instantFromWallClock(wall('2026-03-08T01:00:00'), 'America/Detroit').toISOString()).toBe(
			'2026-03-08T06:00:00.000Z'
		);
		expect(instantFromWallClock(wall('2026-11-01T08:00:00'), 'America/Detroit').toISOString()).toBe(
			'2026-11-01T13:00:00.000Z'
		);
	});

	it('lands next to the gap for a time that does not exist', () => {
		const instant = instantFromWallClock(wall('2026-03-08T02:30:00'), 'America/Detroit').getTime();
		expect([Date.parse('2026-03-08T06:30:00Z'), Date.parse('2026-03-08T07:30:00Z')]).toContain(instant);
	});

	it('formats local date keys', () => {
		expect(localDateKey(2026, 3, 8)).toBe('2026-03-08');
	});
});
