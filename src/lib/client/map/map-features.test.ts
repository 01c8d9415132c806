import { describe, expect, it } from 'vitest';
import { haversineMeters } from '$lib/domain/geo';
import {
	accuracyFeatures,
	boundsOf,
	circlePolygon,
	pinFeatures,
	routeLineFeatures,
	routeStopFeatures,
	statusColour,
	trailFeatures
} from './map-features';

describe('map features', () => {
	it('rings pins by priority: urgent thick dark red, high orange, normal and low plain white', () => {
		const rings = pinFeatures(
			[1, 2, 3, 4].map((priority) => ({
				id: `CS-${priority}`,
				lat: 41.94,
				long: -85.63,
				status: 'assigned',
				priority,
				label: 'Pothole'
			}))
		).features.map((feature) => [feature.properties.ring, feature.properties.ringWidth]);
		expect(rings).toEqual([
			['#a4000f', 4],
			['#e8590c', 3],
			['#ffffff', 2],
			['#ffffff', 2]
		]);
		expect(new Set(rings.map(([colour]) => colour)).size).toBe(3);
	});

	it('draws pins as points, longitude first, coloured by status, urgent ones flagged', () => {
		const pins = pinFeatures(
			[
				{ id: 'CS-1', lat: 41.94, long: -85.63, status: 'assigned', priority: 1, label: 'Pothole' },
				{ id: 'CS-2', lat: 41.95, long: -85.64, status: 'weird', priority: 3, label: 'Graffiti' }
			],
			'CS-2'
		);
		expect(pins.features[0]?.geometry.coordinates).toEqual([-85.63, 41.94]);
		expect(pins.features[0]?.properties).toMatchObject({ id: 'CS-1', urgent: true, selected: false });
		expect(pins.features[0]?.properties.colour).toBe(statusColour('assigned'));
		expect(pins.features[1]?.properties).toMatchObject({ urgent: false, selected: true, colour: '#4b5563' });
	});

	it('numbers route stops in order and joins them from the start', () => {
		const route = {
			from: { lat: 41.9, long: -85.6 },
			stops: [
				{ id: 'b', lat: 41.91, long: -85.61 },
				{ id: 'a', lat: 41.92, long: -85.62 }
			]
		};
		expect(routeStopFeatures(route).features.map((f) => f.properties)).toEqual([
			{ id: 'b', number: '1' },
			{ id: 'a', number: '2' }
		]);
		expect(routeLineFeatures(route).features[0]?.geometry.coordinates).toHaveLength(3);
		expect(routeLineFeatures({ stops: [route.stops[0]!] }).features).toHaveLength(0);
		expect(routeLineFeatures(null).features).toHaveLength(0);
	});

	it('draws an accuracy circle of the right radius, and none without an accuracy', () => {
		const ring = circlePolygon(41.94, -85.63, 100).coordinates[0]!;
		expect(ring[0]).toEqual(ring.at(-1));
		for (const [long, lat] of ring) {
			expect(haversineMeters({ lat: 41.94, long: -85.63 }, { lat: lat!, long: long! })).toBeCloseTo(
				100,
				-0.5
			);
		}
		expect(
			accuracyFeatures([
				{ id: 'me', lat: 41.94, long: -85.63, label: 'You', accuracyM: 30 },
				{ id: 'x', lat: 41.94, long: -85.63, label: 'X', accuracyM: null }
			]).features
		).toHaveLength(1);
	});

	it('skips trails of one point and bounds every point', () => {
		expect(trailFeatures([{ id: 't', points: [{ lat: 1, long: 2 }] }]).features).toHaveLength(0);
		expect(boundsOf([])).toBeNull();
		expect(
			boundsOf([
				{ lat: 41.9, long: -85.7 },
				{ lat: 42, long: -85.6 }
			])
		).toEqual([
			[-85.7, 41.9],
			[-85.6, 42]
		]);
	});
});
