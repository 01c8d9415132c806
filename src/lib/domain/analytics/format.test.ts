import { describe, expect, it } from 'vitest';
import { formatHours, formatRate, shortDay } from './format';

describe('analytics formatting', () => {
	it('writes days, hours and rates as people read them', () => {
		expect(shortDay('2026-10-05')).toBe('Oct 5');
		expect(shortDay('2026-10-05', true)).toBe('Oct 5, 2026');
		expect(formatHours(36.2)).toBe('36.2');
		expect(formatHours(1234.4)).toBe('1,234');
		expect(formatHours(null)).toBe('—');
		expect(formatRate(3 / 13)).toBe('23.1%');
		expect(formatRate(1)).toBe('100%');
		expect(formatRate(null)).toBe('—');
	});
});
