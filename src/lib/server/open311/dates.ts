/** Open311 dates: ISO 8601 with the zone's offset, e.g. 2026-11-02T09:00:00-05:00. */
import { zoneOffsetMs } from '$lib/domain/time-zone';

export function formatDateTime(iso: string, timeZone: string): string {
	const instant = new Date(iso);
	if (Number.isNaN(instant.getTime())) return iso;
	const offset = zoneOffsetMs(instant, timeZone);
	// The wall clock written as if it were UTC, then the real offset instead of the Z.
	const wall = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offset).toISOString().slice(0, 19);
	const sign = offset < 0 ? '-' : '+';
	const minutes = Math.abs(offset) / 60_000;
	const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
	const mm = String(minutes % 60).padStart(2, '0');
	return `${wall}${sign}${hh}:${mm}`;
}

export function formatDateTimeOrNull(iso: string | null, timeZone: string): string | null {
	return iso === null ? null : formatDateTime(iso, timeZone);
}
