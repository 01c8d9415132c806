/**
 * When a crew device should report its position: battery- and queue-friendly. A position is worth
 * sending when the crew has moved more than `minMoveM` since the last one sent (but not more often
 * than every `minIntervalMs`, so a drive across town is a handful of points, not hundreds), or when
 * `heartbeatMs` has passed (so the console's "last seen" stays fresh while the crew works on site).
 */
import { haversineMeters } from './geo';

export interface SentPosition {
	lat: number;
	long: number;
	/** Milliseconds since the epoch. */
	at: number;
}

export interface LocationThrottle {
	minMoveM: number;
	minIntervalMs: number;
	heartbeatMs: number;
}

export const DEFAULT_LOCATION_THROTTLE: LocationThrottle = {
	minMoveM: 50,
	minIntervalMs: 30_000,
	heartbeatMs: 5 * 60_000
};

export function shouldReportPosition(
	last: SentPosition | null,
	next: SentPosition,
	throttle: LocationThrottle = DEFAULT_LOCATION_THROTTLE
): boolean {
	if (last === null) return true;
	const elapsed = next.at - last.at;
	if (elapsed >= throttle.heartbeatMs) return true;
	if (elapsed < throttle.minIntervalMs) return false;
	return haversineMeters(last, next) > throttle.minMoveM;
}
