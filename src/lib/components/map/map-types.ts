/**
 * MapView's data types, importable without loading maplibre (a type import is erased).
 * See MapView.svelte for the props.
 */
export type { HeatPoint, MapPin, MapPosition, MapRoute, MapTrail } from '$lib/client/map/map-features';
export type { TileLoader } from '$lib/client/map/offline-protocol';

/** A custom URL scheme the map reads tiles through (e.g. the device's offline store). */
export interface MapTileProtocol {
	/** The scheme, e.g. `curbside-tiles` for `curbside-tiles://z/x/y`. */
	name: string;
	load: import('$lib/client/map/offline-protocol').TileLoader;
}

/** GeoJSON position order. */
export type LngLat = [longitude: number, latitude: number];
