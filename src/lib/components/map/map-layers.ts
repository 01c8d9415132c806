/**
 * MapView's own sources and layers, drawn over the basemap: empty at first, filled by setData as
 * the props change. Type-only import of maplibre: this file adds nothing to any bundle by itself.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { UNKNOWN_STATUS_COLOUR } from '$lib/client/map/map-features';

export const MAP_ATTRIBUTION = '© OpenStreetMap contributors';
/** Layers a tap can land on, first match wins. */
export const TAPPABLE_LAYERS = ['route-stops', 'pins', 'pins-clusters'];

/** Labels use the device's fonts: the style has no glyph server (see stack.md). */
const FONT = ['sans-serif'];
const EMPTY = { type: 'FeatureCollection' as const, features: [] };
const DARK_RED = '#a4000f';
const WHITE = '#ffffff';
const INK = '#0d1b16';
const ROUTE = '#0f3a94';
const YOU = '#0b3d2e';

export function addMapLayers(map: MaplibreMap): void {
	for (const id of ['heat', 'trails', 'accuracy', 'route-line', 'route-stops', 'positions', 'marker']) {
		map.addSource(id, { type: 'geojson', data: EMPTY });
	}
	map.addSource('pins', {
		type: 'geojson',
		data: EMPTY,
		cluster: true,
		clusterRadius: 44,
		// From street level down the crew sees every pin.
		clusterMaxZoom: 15
	});

	map.addLayer({
		id: 'heat',
		type: 'heatmap',
		source: 'heat',
		paint: {
			'heatmap-weight': ['get', 'weight'],
			'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 11, 12, 16, 30],
			'heatmap-opacity': 0.75
		}
	});
	map.addLayer({
		id: 'trails',
		type: 'line',
		source: 'trails',
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: { 'line-color': '#6a1b9a', 'line-width': 3, 'line-opacity': 0.7 }
	});
	map.addLayer({
		id: 'accuracy',
		type: 'fill',
		source: 'accuracy',
		paint: { 'fill-color': ROUTE, 'fill-opacity': 0.15, 'fill-outline-color': ROUTE }
	});
	map.addLayer({
		id: 'route-line',
		type: 'line',
		source: 'route-line',
		layout: { 'line-cap': 'round', 'line-join': 'round' },
		paint: { 'line-color': ROUTE, 'line-width': 4, 'line-dasharray': [2, 1] }
	});
	map.addLayer({
		id: 'pins-clusters',
		type: 'circle',
		source: 'pins',
		filter: ['has', 'point_count'],
		paint: {
			'circle-color': INK,
			'circle-radius': ['step', ['get', 'point_count'], 16, 10, 20, 50, 26],
			'circle-stroke-color': WHITE,
			'circle-stroke-width': 3
		}
	});
	map.addLayer({
		id: 'pins-cluster-count',
		type: 'symbol',
		source: 'pins',
		filter: ['has', 'point_count'],
		layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': FONT, 'text-size': 14 },
		paint: { 'text-color': WHITE }
	});
	map.addLayer({
		id: 'pins',
		type: 'circle',
		source: 'pins',
		filter: ['!', ['has', 'point_count']],
		paint: {
			'circle-color': ['coalesce', ['get', 'colour'], UNKNOWN_STATUS_COLOUR],
			'circle-radius': ['case', ['get', 'selected'], 14, 10],
			// By priority (map-features.ts pinRing): urgent thick dark red, high orange, others white.
			'circle-stroke-color': ['coalesce', ['get', 'ring'], WHITE],
			'circle-stroke-width': ['coalesce', ['get', 'ringWidth'], 2]
		}
	});
	map.addLayer({
		id: 'pins-selected',
		type: 'circle',
		source: 'pins',
		filter: ['all', ['!', ['has', 'point_count']], ['==', ['get', 'selected'], true]],
		paint: {
			'circle-radius': 19,
			'circle-color': 'rgba(0,0,0,0)',
			'circle-stroke-color': INK,
			'circle-stroke-width': 3
		}
	});
	map.addLayer({
		id: 'route-stops',
		type: 'circle',
		source: 'route-stops',
		paint: {
			'circle-color': ROUTE,
			'circle-radius': 12,
			'circle-stroke-color': WHITE,
			'circle-stroke-width': 2
		}
	});
	map.addLayer({
		id: 'route-numbers',
		type: 'symbol',
		source: 'route-stops',
		layout: {
			'text-field': ['get', 'number'],
			'text-font': FONT,
			'text-size': 14,
			'text-allow-overlap': true,
			'text-ignore-placement': true
		},
		paint: { 'text-color': WHITE }
	});
	map.addLayer({
		id: 'positions',
		type: 'circle',
		source: 'positions',
		paint: { 'circle-color': YOU, 'circle-radius': 8, 'circle-stroke-color': WHITE, 'circle-stroke-width': 3 }
	});
	map.addLayer({
		id: 'marker',
		type: 'circle',
		source: 'marker',
		paint: {
			'circle-color': DARK_RED,
			'circle-radius': 10,
			'circle-stroke-color': WHITE,
			'circle-stroke-width': 3
		}
	});
}
