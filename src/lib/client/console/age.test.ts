import { describe, expect, it } from 'vitest';
import { ageText } from './age';

const now = new Date('2026-11-10T12:00:00.000Z');

describe('age of a request', () => {
	it('says it in the largest whole unit', () => {
		expect(ageText('2026-11-10T11:59:30.000Z', now)).toBe('just filed');
		expect(ageText('2026-11-10T11:59:00.000Z', now)).toBe('1 minute old');
		expect(ageText('2026-11-10T09:30:00.000Z', now)).toBe('2 hours old');
		expect(ageText('2026-11-07T11:00:00.000Z', now)).toBe('3 days old');
	});

	it('never goes negative when a clock runs ahead', () => {
		expect(ageText('2026-11-10T12:05:00.000Z', now)).toBe('just filed');
	});
});
