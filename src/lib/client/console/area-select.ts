/** The console's map selection test: turf's point-in-polygon, handed to the pure domain rule. */
import { booleanPointInPolygon, point, polygon } from '@turf/turf';
import { idsWithin, type AreaRing, type LngLatPair } from '$lib/domain/map/area-selection';

export function turfRingContains(at: LngLatPair, ring: AreaRing): boolean {
	return booleanPointInPolygon(point(at), polygon([ring]));
}

/** The ids of the orders drawn inside the area. */
export function ordersWithin<T extends { id: string; lat: number; long: number }>(
	orders: readonly T[],
	ring: AreaRing
): string[] {
	return idsWithin(orders, ring, turfRingContains);
}
