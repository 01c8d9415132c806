/**
 * Mapbox Vector Tiles cut from the demo city's GeoJSON: geojson-vt slices and simplifies, vt-pbf
 * encodes. One geojson-vt index per layer, built on first use and kept for the process (the city
 * is small); each tile keeps only the features its zoom shows (layers.ts).
 */
import GeoJSONVT, { type LegacyTile } from 'geojson-vt';
import vtpbf from 'vt-pbf';
import type { CityFeature } from '$lib/server/city';
import { TILE_MAX_ZOOM } from '$lib/domain/map/tiles';
import {
	layerOf,
	minZoomOf,
	TILE_LAYERS,
	tilePropertiesOf,
	type TileLayerName,
	type TileProperties
} from './layers';

/** Tile coordinate units per tile side; the style and maplibre assume the MVT default. */
export const TILE_EXTENT = 4096;

/** The empty tile: nothing is there. Served as 204 and as a length-0 frame in packs. */
export const EMPTY_TILE = new Uint8Array(0);

export class TileBuilder {
	readonly #features: readonly CityFeature[];
	#indexes: Map<TileLayerName, GeoJSONVT> | undefined;

	constructor(features: readonly CityFeature[]) {
		this.#features = features;
	}

	/** The tile's MVT bytes, or EMPTY_TILE when no feature shows in it at its zoom. */
	build(z: number, x: number, y: number): Uint8Array {
		this.#indexes ??= this.#index();
		const layers: Record<string, LegacyTile> = {};
		let any = false;
		for (const name of TILE_LAYERS) {
			const tile = this.#indexes.get(name)?.getTile(z, x, y);
			if (!tile) continue;
			const features = tile.features.filter((f) => z >= minZoomOf(name, (f.tags ?? {}) as TileProperties));
			if (features.length === 0) continue;
			layers[name] = { features };
			any = true;
		}
		if (!any) return EMPTY_TILE;
		// pbf hands back a view of its larger growth buffer: copy so the cache holds only the tile.
		return vtpbf.fromGeojsonVt(layers, { version: 2, extent: TILE_EXTENT }).slice();
	}

	#index(): Map<TileLayerName, GeoJSONVT> {
		const byLayer = new Map<
			TileLayerName,
			{ type: 'Feature'; geometry: CityFeature['geometry']; properties: TileProperties }[]
		>(TILE_LAYERS.map((name) => [name, []]));
		for (const feature of this.#features) {
			// No ids: OSM ids are strings ("w123"), and MVT ids must be numbers; nothing reads them.
			byLayer.get(layerOf(feature))?.push({
				type: 'Feature',
				geometry: feature.geometry,
				properties: tilePropertiesOf(feature)
			});
		}
		const indexes = new Map<TileLayerName, GeoJSONVT>();
		for (const [name, features] of byLayer) {
			indexes.set(
				name,
				new GeoJSONVT(
					{ type: 'FeatureCollection', features },
					{ maxZoom: TILE_MAX_ZOOM, extent: TILE_EXTENT }
				)
			);
		}
		return indexes;
	}
}
