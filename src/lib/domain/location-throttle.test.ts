import { describe, expect, it } from 'vitest';
import { shouldReportPosition } from './location-throttle';

const start = { lat: 41.9436, long: -85.6325, at: 0 };
/** About 111 m north per 0.001 degree of latitude. */
const north = (degrees: number, at: number) => ({ lat: start.lat + degrees, long: start.long, at });

describe('shouldReportPosition', () => {
	it('reports the first position', () => {
		expect(shouldReportPosition(null, start)).toBe(true);
	});

	it('reports a move of more than 50 m once 30 s have passed', () => {
		expect(shouldReportPosition(start, north(0.001, 31_000))).toBe(true);
		expect(shouldReportPosition(start, north(0.001, 10_000))).toBe(false);
	});

	it('ignores small moves and standing still until five minutes have passed', () => {
		expect(shouldReportPosition(start, north(0.0002, 60_000))).toBe(false);
		expect(shouldReportPosition(start, north(0, 4 * 60_000))).toBe(false);
		expect(shouldReportPosition(start, north(0, 5 * 60_000))).toBe(true);
	});
});
