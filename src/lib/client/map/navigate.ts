/**
 * Handing a site to the device's own maps app for turn-by-turn directions, and the straight-line
 * distance and bearing shown beside it. Built as plain functions so the links are tested.
 */
import turfBearing from '@turf/bearing';
import turfDistance from '@turf/distance';

export interface Site {
	lat: number;
	long: number;
	label: string;
}

export type Platform = 'android' | 'ios' | 'other';

export function platformOf(userAgent: string): Platform {
	if (/android/i.test(userAgent)) return 'android';
	if (/iphone|ipad|ipod/i.test(userAgent) || /macintosh.*mobile/i.test(userAgent)) return 'ios';
	return 'other';
}

const coordinate = (value: number) => String(Math.round(value * 1e6) / 1e6);

/**
 * The link that opens directions to the site. Android: a `geo:` URI, which every maps app
 * there answers (with a labelled pin). iOS: Apple Maps directions. Elsewhere (and as the
 * fallback link under the button): a universal maps URL that opens in the browser or the app.
 */
export function navigationLink(site: Site, platform: Platform): string {
	const lat = coordinate(site.lat);
	const long = coordinate(site.long);
	if (platform === 'android') {
		// Parentheses would end the label early; the label is only a hint, so drop them.
		const label = encodeURIComponent(site.label.replace(/[()]/g, ' ').trim());
		return `geo:${lat},${long}?q=${lat},${long}(${label})`;
	}
	if (platform === 'ios')
		return `https://maps.apple.com/?daddr=${lat},${long}&q=${encodeURIComponent(site.label)}`;
	return mapsFallbackLink(site);
}

export function mapsFallbackLink(site: Site): string {
	return `https://www.google.com/maps/dir/?api=1&destination=${coordinate(site.lat)},${coordinate(site.long)}`;
}

/** Straight-line metres between two positions (turf's great-circle distance). */
export function metersBetween(a: { lat: number; long: number }, b: { lat: number; long: number }): number {
	return turfDistance([a.long, a.lat], [b.long, b.lat], { units: 'meters' });
}

export interface Direction {
	meters: number;
	/** 0-359, clockwise from north. */
	bearingDeg: number;
	/** N, NE, E... */
	compass: string;
}

const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];

export function directionTo(
	from: { lat: number; long: number },
	to: { lat: number; long: number }
): Direction {
	const meters = metersBetween(from, to);
	const bearingDeg = (turfBearing([from.long, from.lat], [to.long, to.lat]) + 360) % 360;
	return { meters, bearingDeg, compass: COMPASS[Math.round(bearingDeg / 45) % 8] ?? 'N' };
}

/** "350 m NE", "2.4 km S": how a crew says it. */
export function directionText(direction: Direction): string {
	const { meters } = direction;
	const distance =
		meters < 1000
			? `${Math.max(1, Math.round(meters / 10) * 10)} m`
			: `${(meters / 1000).toFixed(meters < 10_000 ? 1 : 0)} km`;
	return meters < 5 ? 'You are there' : `${distance} ${direction.compass}`;
}
