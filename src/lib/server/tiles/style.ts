/**
 * The basemap's maplibre style (v8), served by us so every URL in it is ours: the tile URL is
 * built from the request's origin, there is no sprite, and no `glyphs` key, so maplibre (>= 5.11)
 * draws labels with the device's own fonts and needs no glyph server, online or off.
 */
import { cityBbox } from '$lib/server/city';
import { PACK_MIN_ZOOM, TILE_MAX_ZOOM } from '$lib/domain/map/tiles';
import { BUILDINGS_MIN_ZOOM, MAJOR_STREET_CLASSES, MINOR_STREET_CLASSES, PATH_CLASSES } from './layers';

export const MAP_ATTRIBUTION = '© OpenStreetMap contributors';
export const TILE_SOURCE = 'city';
/** The local font stack labels are drawn with (a CSS font family list, not a glyph set). */
export const LABEL_FONT = ['sans-serif'];

/** URL path of a tile, as the style's source template. */
export const TILE_PATH_TEMPLATE = '/tiles/{z}/{x}/{y}.pbf';
export const STYLE_PATH = '/tiles/style.json';

/** Colours with strong contrast on a light background, for outdoor screens in sunlight. */
const COLOURS = {
	background: '#f4f1ea',
	water: '#8fb8de',
	waterLine: '#5f95c8',
	park: '#c8e2b8',
	building: '#d6ccc2',
	buildingOutline: '#a89888',
	casing: '#8a8178',
	majorStreet: '#ffd27a',
	minorStreet: '#ffffff',
	path: '#7a6f66',
	label: '#1d1b19',
	labelHalo: '#ffffff'
};

type Expression = unknown[];

const classIn = (classes: readonly string[]): Expression => [
	'in',
	['get', 'class'],
	['literal', [...classes]]
];

/**
 * Line width growing with zoom from z12 to z18: `[px at z12, px at z18]`, or per class when
 * `wide` matches. Zoom must be the outermost expression (maplibre allows one zoom curve).
 */
const widthByZoom = (
	[low, high]: [number, number],
	wide?: { when: Expression; widths: [number, number] }
): Expression => [
	'interpolate',
	['exponential', 1.6],
	['zoom'],
	12,
	wide ? ['case', wide.when, wide.widths[0], low] : low,
	18,
	wide ? ['case', wide.when, wide.widths[1], high] : high
];

export function mapStyle(origin: string) {
	const [west, south, east, north] = cityBbox();
	const major = classIn(MAJOR_STREET_CLASSES);
	const minor = classIn(MINOR_STREET_CLASSES);
	const path = classIn(PATH_CLASSES);
	const other: Expression = ['!', ['any', major, minor, path]];
	return {
		version: 8,
		name: 'Curbside city basemap',
		center: [(west + east) / 2, (south + north) / 2],
		zoom: 14,
		sources: {
			[TILE_SOURCE]: {
				type: 'vector',
				tiles: [`${origin}${TILE_PATH_TEMPLATE}`],
				minzoom: PACK_MIN_ZOOM,
				// Tiles stop at z17; maplibre overzooms them above, so an offline pack needs no z18+.
				maxzoom: TILE_MAX_ZOOM,
				bounds: [west, south, east, north],
				attribution: MAP_ATTRIBUTION
			}
		},
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': COLOURS.background } },
			{
				id: 'water',
				type: 'fill',
				source: TILE_SOURCE,
				'source-layer': 'water',
				filter: ['==', ['geometry-type'], 'Polygon'],
				paint: { 'fill-color': COLOURS.water }
			},
			{
				id: 'waterways',
				type: 'line',
				source: TILE_SOURCE,
				'source-layer': 'water',
				filter: ['==', ['geometry-type'], 'LineString'],
				paint: { 'line-color': COLOURS.waterLine, 'line-width': widthByZoom([1, 6]) }
			},
			{
				id: 'parks',
				type: 'fill',
				source: TILE_SOURCE,
				'source-layer': 'parks',
				paint: { 'fill-color': COLOURS.park }
			},
			{
				id: 'buildings',
				type: 'fill',
				source: TILE_SOURCE,
				'source-layer': 'buildings',
				minzoom: BUILDINGS_MIN_ZOOM,
				paint: { 'fill-color': COLOURS.building, 'fill-outline-color': COLOURS.buildingOutline }
			},
			{
				id: 'streets-path',
				type: 'line',
				source: TILE_SOURCE,
				'source-layer': 'streets',
				filter: path,
				paint: { 'line-color': COLOURS.path, 'line-width': 1.2, 'line-dasharray': [2, 1.5] }
			},
			{
				id: 'streets-casing',
				type: 'line',
				source: TILE_SOURCE,
				'source-layer': 'streets',
				filter: ['!', path],
				layout: { 'line-cap': 'round', 'line-join': 'round' },
				paint: {
					'line-color': COLOURS.casing,
					'line-width': widthByZoom([1.5, 16], { when: major, widths: [3, 22] })
				}
			},
			{
				id: 'streets-minor',
				type: 'line',
				source: TILE_SOURCE,
				'source-layer': 'streets',
				filter: ['any', minor, other],
				layout: { 'line-cap': 'round', 'line-join': 'round' },
				paint: {
					'line-color': COLOURS.minorStreet,
					'line-width': widthByZoom([0.5, 8], { when: minor, widths: [0.8, 13] })
				}
			},
			{
				id: 'streets-major',
				type: 'line',
				source: TILE_SOURCE,
				'source-layer': 'streets',
				filter: major,
				layout: { 'line-cap': 'round', 'line-join': 'round' },
				paint: { 'line-color': COLOURS.majorStreet, 'line-width': widthByZoom([2, 19]) }
			},
			{
				id: 'street-labels',
				type: 'symbol',
				source: TILE_SOURCE,
				'source-layer': 'streets',
				filter: ['has', 'name'],
				layout: {
					'symbol-placement': 'line',
					'text-field': ['get', 'name'],
					'text-font': LABEL_FONT,
					'text-size': ['interpolate', ['linear'], ['zoom'], 13, 11, 18, 16],
					'text-max-angle': 30
				},
				paint: {
					'text-color': COLOURS.label,
					'text-halo-color': COLOURS.labelHalo,
					'text-halo-width': 1.5
				}
			}
		]
	};
}
