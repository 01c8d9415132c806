import { describe, expect, it } from 'vitest';
import { haversineMeters } from '$lib/domain/geo';
import {
	directionText,
	directionTo,
	mapsFallbackLink,
	metersBetween,
	navigationLink,
	platformOf
} from './navigate';

const site = { lat: 41.9437215, long: -85.6324821, label: 'CS-000123 Pothole (N Main St)' };

describe('navigationLink', () => {
	it('gives Android a geo: URI with the position and a label', () => {
		expect(navigationLink(site, 'android')).toBe(
			'geo:41.943722,-85.632482?q=41.943722,-85.632482(CS-000123%20Pothole%20%20N%20Main%20St)'
		);
	});

	it('gives iOS Apple Maps directions and others a universal maps URL', () => {
		expect(navigationLink(site, 'ios')).toBe(
			'https://maps.apple.com/?daddr=41.943722,-85.632482&q=CS-000123%20Pothole%20(N%20Main%20St)'
		);
		expect(navigationLink(site, 'other')).toBe(mapsFallbackLink(site));
		expect(mapsFallbackLink(site)).toBe(
			'https://www.google.com/maps/dir/?api=1&destination=41.943722,-85.632482'
		);
	});

	it('tells platforms apart by user agent', () => {
		expect(platformOf('Mozilla/5.0 (Linux; Android 14; SM-T220) AppleWebKit/537.36')).toBe('android');
		expect(platformOf('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)')).toBe('ios');
		expect(platformOf('Mozilla/5.0 (X11; Linux x86_64) Chrome/120')).toBe('other');
	});
});

describe('directionTo', () => {
	it('measures distance and bearing between two points', () => {
		const north = directionTo({ lat: 41.94, long: -85.63 }, { lat: 41.95, long: -85.63 });
		expect(north.meters).toBeCloseTo(1112, 0);
		expect(north.bearingDeg).toBeCloseTo(0, 5);
		expect(north.compass).toBe('N');
		const southWest = directionTo({ lat: 41.95, long: -85.62 }, { lat: 41.94, long: -85.6334 });
		expect(southWest.compass).toBe('SW');
		expect(directionText(north)).toBe('1.1 km N');
		expect(directionText({ meters: 347, bearingDeg: 90, compass: 'E' })).toBe('350 m E');
		expect(directionText({ meters: 2, bearingDeg: 90, compass: 'E' })).toBe('You are there');
	});
});

describe('metersBetween', () => {
	it("is turf's great-circle distance, which the route planner and the card share", () => {
		const a = { lat: 41.94, long: -85.63 };
		const b = { lat: 41.9612, long: -85.6011 };
		expect(metersBetween(a, b)).toBeCloseTo(haversineMeters(a, b), 3);
		expect(metersBetween(a, b)).toBeCloseTo(directionTo(a, b).meters, 9);
	});
});
