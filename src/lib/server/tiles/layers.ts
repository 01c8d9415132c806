/**
 * What the basemap shows at each zoom. Low zooms carry only what can be seen at that scale (main
 * roads, water, large green areas), so a z12 tile of the whole city stays small; detail arrives
 * as the crew zooms in. Style and tiles agree on these layer names and properties.
 */
import type { CityFeature } from '$lib/server/city';

export type TileLayerName = 'water' | 'parks' | 'buildings' | 'streets';

/** Drawing order, bottom to top. */
export const TILE_LAYERS: readonly TileLayerName[] = ['water', 'parks', 'buildings', 'streets'];

/** Properties a tile feature carries: only what the style reads, never undefined. */
export type TileProperties = { name?: string; class?: string };

const MAJOR_STREETS = [
	'motorway',
	'motorway_link',
	'trunk',
	'trunk_link',
	'primary',
	'primary_link',
	'secondary',
	'secondary_link',
	'tertiary',
	'tertiary_link'
];
const MINOR_STREETS = ['residential', 'unclassified', 'living_street', 'road'];
const SERVICE_STREETS = ['service'];
const PATHS = ['footway', 'path', 'steps', 'cycleway', 'pedestrian', 'track', 'bridleway'];

/** The smallest zoom at which a street of this OSM highway class appears. */
const STREET_MIN_ZOOM = new Map<string, number>([
	...MAJOR_STREETS.map((c) => [c, 0] as const),
	...MINOR_STREETS.map((c) => [c, 14] as const),
	...SERVICE_STREETS.map((c) => [c, 15] as const),
	...PATHS.map((c) => [c, 16] as const)
]);
const OTHER_STREET_MIN_ZOOM = 15;

/** Green areas you can see from afar; small ones (pitches, playgrounds) wait for z15. */
const LARGE_PARK_CLASSES = new Set([
	'park',
	'cemetery',
	'recreation_ground',
	'wood',
	'forest',
	'wetland',
	'scrub',
	'grass',
	'meadow',
	'nature_reserve'
]);
const SMALL_PARK_MIN_ZOOM = 15;
export const BUILDINGS_MIN_ZOOM = 15;

/** Street classes the style draws as major roads (wider, labelled first). */
export const MAJOR_STREET_CLASSES: readonly string[] = MAJOR_STREETS;
export const MINOR_STREET_CLASSES: readonly string[] = MINOR_STREETS;
export const PATH_CLASSES: readonly string[] = PATHS;

export function layerOf(feature: CityFeature): TileLayerName {
	const kind = feature.properties.kind;
	if (kind === 'street') return 'streets';
	if (kind === 'building') return 'buildings';
	if (kind === 'park') return 'parks';
	return 'water';
}

/** The smallest zoom at which the feature is drawn. */
export function minZoomOf(layer: TileLayerName, properties: TileProperties): number {
	if (layer === 'water') return 0;
	if (layer === 'buildings') return BUILDINGS_MIN_ZOOM;
	if (layer === 'parks') return LARGE_PARK_CLASSES.has(properties.class ?? '') ? 0 : SMALL_PARK_MIN_ZOOM;
	return STREET_MIN_ZOOM.get(properties.class ?? '') ?? OTHER_STREET_MIN_ZOOM;
}

export function tilePropertiesOf(feature: CityFeature): TileProperties {
	const { name, class: featureClass } = feature.properties;
	const properties: TileProperties = {};
	if (name) properties.name = name;
	if (featureClass) properties.class = featureClass;
	return properties;
}
