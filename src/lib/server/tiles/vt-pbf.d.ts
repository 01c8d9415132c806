// vt-pbf ships no types; this covers the one function the tile builder calls.
declare module 'vt-pbf' {
	import type { LegacyTile } from 'geojson-vt';

	interface VtPbf {
		/** Serializes geojson-vt tiles, one per layer name, into one Mapbox Vector Tile. */
		fromGeojsonVt(
			layers: Record<string, LegacyTile>,
			options?: { version?: number; extent?: number }
		): Uint8Array;
	}

	const vtpbf: VtPbf;
	export default vtpbf;
}
