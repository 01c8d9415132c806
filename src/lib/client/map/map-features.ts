/**
 * What the map draws, as plain GeoJSON built from plain data: pins, positions with their accuracy
 * circles, trails, the day's route and heat points. Pure (no maplibre), so MapView stays thin and
 * this is tested in Node. GeoJSON coordinates are [longitude, latitude].
 */
import type { FieldStatus } from '$lib/domain/lifecycle';

/** A work order (or any site) on the map. */
export interface MapPin {
	id: string;
	lat: number;
	long: number;
	/** A FieldStatus; unknown strings are drawn grey. */
	status: FieldStatus | string;
	/** 1 urgent .. 4 low: the ring says it (pinRing): urgent thick dark red, high orange. */
	priority: number;
	/** Short text for the pin's card and the list beside the map. */
	label: string;
}

/** Someone's last known position (a crew, or this device), with its accuracy circle. */
export interface MapPosition {
	id: string;
	lat: number;
	long: number;
	label: string;
	/** Metres; drawn as a translucent circle when given. */
	accuracyM?: number | null;
}

/** A path already travelled (e.g. a crew's breadcrumbs), oldest point first. */
export interface MapTrail {
	id: string;
	points: { lat: number; long: number }[];
}

/** The day's route: stops numbered 1, 2, 3... in order, joined by a line from `from` when given. */
export interface MapRoute {
	from?: { lat: number; long: number } | null;
	stops: { id: string; lat: number; long: number }[];
}

/** One point of a heatmap (e.g. requests of a period); weight defaults to 1. */
export interface HeatPoint {
	lat: number;
	long: number;
	weight?: number;
}

type Position = [number, number];

interface Feature<G, P> {
	type: 'Feature';
	id?: number;
	geometry: G;
	properties: P;
}

export interface FeatureCollection<G = unknown, P = Record<string, unknown>> {
	type: 'FeatureCollection';
	features: Feature<G, P>[];
}

type Point = { type: 'Point'; coordinates: Position };
type Line = { type: 'LineString'; coordinates: Position[] };
type Polygon = { type: 'Polygon'; coordinates: Position[][] };

/** Status colours: dark enough for white text and a white ring on a light basemap. */
export const STATUS_COLOURS: Readonly<Record<string, string>> = {
	new: '#6a1b9a',
	assigned: '#0b57d0',
	reopened: '#0b57d0',
	in_progress: '#b45309',
	closed: '#0a5c2f',
	unable_to_complete: '#4b5563',
	cancelled: '#4b5563'
};
export const UNKNOWN_STATUS_COLOUR = '#4b5563';

export function statusColour(status: string): string {
	return STATUS_COLOURS[status] ?? UNKNOWN_STATUS_COLOUR;
}

/**
 * A pin's ring by priority, so the fill can say the status: urgent (1) a thick dark-red ring,
 * high (2) an orange one, normal and low a thin white one (it only parts the pin from the map).
 */
export const PRIORITY_RINGS: Readonly<Record<number, { colour: string; width: number }>> = {
	1: { colour: '#a4000f', width: 4 },
	2: { colour: '#e8590c', width: 3 }
};
const PLAIN_RING = { colour: '#ffffff', width: 2 };

export function pinRing(priority: number): { colour: string; width: number } {
	return PRIORITY_RINGS[priority] ?? PLAIN_RING;
}

const point = (lat: number, long: number): Point => ({ type: 'Point', coordinates: [long, lat] });

export function pinFeatures(pins: readonly MapPin[], selectedId: string | null = null) {
	return collection(
		pins.map((pin) => ({
			type: 'Feature' as const,
			geometry: point(pin.lat, pin.long),
			properties: {
				id: pin.id,
				label: pin.label,
				colour: statusColour(pin.status),
				ring: pinRing(pin.priority).colour,
				ringWidth: pinRing(pin.priority).width,
				priority: pin.priority,
				urgent: pin.priority <= 1,
				selected: pin.id === selectedId
			}
		}))
	);
}

export function positionFeatures(positions: readonly MapPosition[]) {
	return collection(
		positions.map((position) => ({
			type: 'Feature' as const,
			geometry: point(position.lat, position.long),
			properties: { id: position.id, label: position.label }
		}))
	);
}

export function accuracyFeatures(positions: readonly MapPosition[]) {
	return collection(
		positions
			.filter((position) => (position.accuracyM ?? 0) > 0)
			.map((position) => ({
				type: 'Feature' as const,
				geometry: circlePolygon(position.lat, position.long, position.accuracyM ?? 0),
				properties: { id: position.id }
			}))
	);
}

export function trailFeatures(trails: readonly MapTrail[]) {
	return collection(
		trails
			.filter((trail) => trail.points.length >= 2)
			.map((trail) => ({
				type: 'Feature' as const,
				geometry: { type: 'LineString', coordinates: trail.points.map((p) => [p.long, p.lat]) } as Line,
				properties: { id: trail.id }
			}))
	);
}

export function routeLineFeatures(route: MapRoute | null | undefined) {
	if (!route) return collection<Line>([]);
	const path = [...(route.from ? [route.from] : []), ...route.stops];
	if (path.length < 2) return collection<Line>([]);
	return collection([
		{
			type: 'Feature' as const,
			geometry: { type: 'LineString', coordinates: path.map((p) => [p.long, p.lat]) } as Line,
			properties: {}
		}
	]);
}

export function routeStopFeatures(route: MapRoute | null | undefined) {
	return collection(
		(route?.stops ?? []).map((stop, index) => ({
			type: 'Feature' as const,
			geometry: point(stop.lat, stop.long),
			properties: { id: stop.id, number: String(index + 1) }
		}))
	);
}

export function heatFeatures(points: readonly HeatPoint[]) {
	return collection(
		points.map((p) => ({
			type: 'Feature' as const,
			geometry: point(p.lat, p.long),
			properties: { weight: p.weight ?? 1 }
		}))
	);
}

/** [[west, south], [east, north]] around every given point, or null when there are none. */
export function boundsOf(points: readonly { lat: number; long: number }[]): [Position, Position] | null {
	if (points.length === 0) return null;
	let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const { lat, long } of points) {
		west = Math.min(west, long);
		east = Math.max(east, long);
		south = Math.min(south, lat);
		north = Math.max(north, lat);
	}
	return [
		[west, south],
		[east, north]
	];
}

const EARTH_RADIUS_M = 6_371_008.8;
const CIRCLE_STEPS = 48;

/** A circle of `radiusM` metres as a polygon (flat-earth offsets: exact enough below a few km). */
export function circlePolygon(lat: number, long: number, radiusM: number): Polygon {
	const dLat = (radiusM / EARTH_RADIUS_M) * (180 / Math.PI);
	const dLong = dLat / Math.cos((lat * Math.PI) / 180);
	const ring: Position[] = [];
	for (let i = 0; i <= CIRCLE_STEPS; i += 1) {
		const angle = (2 * Math.PI * (i % CIRCLE_STEPS)) / CIRCLE_STEPS;
		ring.push([long + dLong * Math.cos(angle), lat + dLat * Math.sin(angle)]);
	}
	return { type: 'Polygon', coordinates: [ring] };
}

function collection<G, P = Record<string, unknown>>(features: Feature<G, P>[]): FeatureCollection<G, P> {
	return { type: 'FeatureCollection', features };
}
