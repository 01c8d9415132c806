// @mapbox/vector-tile 1.x and pbf 3.x ship no types; tests read tiles back with them.
declare module 'pbf' {
	export default class Pbf {
		constructor(buffer?: Uint8Array);
	}
}

declare module '@mapbox/vector-tile' {
	import type Pbf from 'pbf';

	export class VectorTileFeature {
		/** 1 point, 2 line, 3 polygon. */
		type: 1 | 2 | 3;
		extent: number;
		properties: Record<string, string | number | boolean>;
		loadGeometry(): { x: number; y: number }[][];
	}

	export class VectorTileLayer {
		name: string;
		version: number;
		extent: number;
		length: number;
		feature(index: number): VectorTileFeature;
	}

	export class VectorTile {
		constructor(pbf: Pbf);
		layers: Record<string, VectorTileLayer>;
	}
}
