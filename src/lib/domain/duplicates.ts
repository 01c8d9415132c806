/**
 * Duplicate hints: two residents often report the same pothole. An open request of the same
 * service within a short distance of another is probably the same problem. Pure rules; the server
 * prefilters candidates with `bboxAround` in SQL and measures the rest with turf.
 */
import { haversineMeters, type BBox, type LatLong } from './geo';
import { isFinalStatus, isFieldStatus } from './lifecycle';

/** Close enough to be the same pothole or streetlight, far enough to miss the next one down the street. */
export const DEFAULT_DUPLICATE_DISTANCE_M = 50;
/** A hint farther than this is not a duplicate but a neighbourhood. */
export const MAX_DUPLICATE_DISTANCE_M = 1000;

export interface DuplicateSubject extends LatLong {
	id: string;
	serviceCode: string;
	fieldStatus: string;
}

export interface DuplicateCandidate<T extends DuplicateSubject> {
	order: T;
	distanceM: number;
}

export type DistanceMeters = (a: LatLong, b: LatLong) => number;

/** Only open requests can still be merged: a closed one already has its answer. */
export function isOpenForDuplicates(fieldStatus: string): boolean {
	return isFieldStatus(fieldStatus) && !isFinalStatus(fieldStatus);
}

/**
 * The other open requests of the same service within `maxDistanceM` of `order`, nearest first
 * (ties by id, so the list is stable). `distance` is injectable so the server can use turf while
 * the rule stays pure.
 */
export function duplicateCandidates<T extends DuplicateSubject>(
	order: DuplicateSubject,
	others: readonly T[],
	maxDistanceM: number = DEFAULT_DUPLICATE_DISTANCE_M,
	distance: DistanceMeters = haversineMeters
): DuplicateCandidate<T>[] {
	const found: DuplicateCandidate<T>[] = [];
	for (const other of others) {
		if (other.id === order.id || other.serviceCode !== order.serviceCode) continue;
		if (!isOpenForDuplicates(other.fieldStatus)) continue;
		const distanceM = distance(order, other);
		if (distanceM <= maxDistanceM) found.push({ order: other, distanceM });
	}
	return found.sort((a, b) => a.distanceM - b.distanceM || a.order.id.localeCompare(b.order.id));
}

const METERS_PER_DEGREE_LAT = 111_320;

/**
 * A box that surely contains every point within `meters` of `center` (a little larger, never
 * smaller), for an index-friendly SQL prefilter. Longitude degrees shrink with latitude; near the
 * poles the box simply widens to every longitude.
 */
export function bboxAround(center: LatLong, meters: number): BBox {
	// 1% margin covers the sphere-versus-ellipsoid difference of any distance function.
	const margin = meters * 1.01;
	const dLat = margin / METERS_PER_DEGREE_LAT;
	const cosLat = Math.cos((center.lat * Math.PI) / 180);
	const south = Math.max(-90, center.lat - dLat);
	const north = Math.min(90, center.lat + dLat);
	if (cosLat < 0.01 || north === 90 || south === -90) return { west: -180, south, east: 180, north };
	const dLong = Math.min(180, margin / (METERS_PER_DEGREE_LAT * cosLat));
	return { west: center.long - dLong, south, east: center.long + dLong, north };
}

export type MergeCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether `copy` may be closed as a duplicate of `kept`. Different services are refused: a dark
 * streetlight above a pothole is two jobs for two crews, and the kept order's crew would never
 * fix the other one.
 */
export function mergeProblem(copy: DuplicateSubject, kept: DuplicateSubject): MergeCheck {
	if (copy.id === kept.id) return { ok: false, reason: 'An order cannot be a duplicate of itself.' };
	if (!isOpenForDuplicates(copy.fieldStatus)) {
		return {
			ok: false,
			reason: `Order ${copy.id} is already closed or cancelled; only an open order can be merged.`
		};
	}
	if (!isOpenForDuplicates(kept.fieldStatus)) {
		return {
			ok: false,
			reason: `Order ${kept.id} is closed or cancelled; merge into an open order so the work still gets done.`
		};
	}
	if (copy.serviceCode !== kept.serviceCode) {
		return {
			ok: false,
			reason: `Order ${copy.id} is a different service (${copy.serviceCode}) from ${kept.id} (${kept.serviceCode}); only requests of the same service can be duplicates.`
		};
	}
	return { ok: true };
}

/** The public word on a merged copy (Open311 status_notes). */
export function duplicateStatusNotes(keptId: string): string {
	return `Duplicate of #${keptId}. The work is tracked on that request.`;
}
