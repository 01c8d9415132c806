#!/usr/bin/env node
/**
 * Imports the demo city: real OpenStreetMap data of Three Rivers, Michigan, as shipped in iD's
 * walkthrough graph (`@openstreetmap/id`, file `data/intro_graph.json`).
 *
 *   node scripts/import-demo-city.js
 *
 * Writes src/lib/server/city/three-rivers.json (a compact GeoJSON FeatureCollection of streets,
 * buildings, parks and water) and its ATTRIBUTION.md. The package is fetched with `npm pack`, so
 * npm's own configured registry is used and nothing is added to package.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE_NAME = '@openstreetmap/id';
const GRAPH_PATH = 'package/data/intro_graph.json';
const OUTPUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../src/lib/server/city');

/** Leisure, landuse and natural values drawn as green space on the map. */
const PARK_TAGS = {
	leisure: ['park', 'playground', 'pitch', 'garden', 'recreation_ground', 'nature_reserve', 'golf_course'],
	landuse: ['grass', 'recreation_ground', 'village_green', 'meadow', 'cemetery', 'forest'],
	natural: ['wood', 'scrub', 'wetland', 'grassland']
};

/**
 * @typedef {{ id: string, loc?: [number, number], nodes?: string[], tags?: Record<string, string>,
 *   members?: { id: string, role: string, type: string }[] }} GraphEntity
 * @typedef {[number, number]} Position
 * @typedef {{ type: 'Feature', id: string, properties: Record<string, string>,
 *   geometry: { type: 'LineString', coordinates: Position[] } | { type: 'Polygon', coordinates: Position[][] } }} Feature
 */

/** 6 decimals is ~0.1 m: far finer than the data, and it keeps the file small. */
const round = (/** @type {number} */ value) => Math.round(value * 1e6) / 1e6;

/** @param {Record<string, string>} tags */
function classify(tags) {
	if (tags.highway) return { kind: 'street', class: tags.highway };
	if (tags.building) return { kind: 'building' };
	if (tags.natural === 'water' || tags.waterway) return { kind: 'water' };
	for (const [key, values] of Object.entries(PARK_TAGS)) {
		const value = tags[key];
		if (value && values.includes(value)) return { kind: 'park', class: value };
	}
	return null;
}

/**
 * Shoelace sum: positive when the ring runs counter-clockwise (with x east and y north).
 * @param {Position[]} ring
 */
function signedArea(ring) {
	let sum = 0;
	for (let i = 0; i + 1 < ring.length; i++) {
		const [x1, y1] = /** @type {Position} */ (ring[i]);
		const [x2, y2] = /** @type {Position} */ (ring[i + 1]);
		sum += x1 * y2 - x2 * y1;
	}
	return sum / 2;
}

/**
 * @param {string} id
 * @param {Position[]} coordinates
 * @param {Record<string, string>} properties
 * @param {boolean} area
 * @returns {Feature}
 */
function toFeature(id, coordinates, properties, area) {
	const closed = coordinates.length >= 4 && coordinates[0]?.join() === coordinates.at(-1)?.join();
	if (area && closed) {
		// RFC 7946: exterior rings are counter-clockwise.
		const ring = signedArea(coordinates) < 0 ? [...coordinates].reverse() : coordinates;
		return { type: 'Feature', id, properties, geometry: { type: 'Polygon', coordinates: [ring] } };
	}
	return { type: 'Feature', id, properties, geometry: { type: 'LineString', coordinates } };
}

/**
 * Converts iD's intro graph (entity id -> node/way/relation) into a GeoJSON FeatureCollection.
 * @param {Record<string, GraphEntity>} graph
 * @param {string} source package name and version, recorded in the output
 */
export function convertIntroGraph(graph, source) {
	/** @param {string} wayId @returns {Position[]} */
	const wayCoordinates = (wayId) =>
		(graph[wayId]?.nodes ?? []).flatMap((nodeId) => {
			const loc = graph[nodeId]?.loc;
			return loc ? [/** @type {Position} */ ([round(loc[0]), round(loc[1])])] : [];
		});

	/** @type {{ id: string, wayId: string, tags: Record<string, string> }[]} */
	const candidates = [];
	for (const entity of Object.values(graph)) {
		if (!entity.tags) continue;
		if (entity.nodes) candidates.push({ id: entity.id, wayId: entity.id, tags: entity.tags });
		// Multipolygons (here: the river) carry their tags on the relation, not on the outer ways.
		if (entity.members && entity.tags.type === 'multipolygon') {
			for (const member of entity.members) {
				if (member.type === 'way' && member.role === 'outer') {
					candidates.push({ id: `${entity.id}/${member.id}`, wayId: member.id, tags: entity.tags });
				}
			}
		}
	}

	/** @type {Feature[]} */
	const features = [];
	for (const { id, wayId, tags } of candidates) {
		const kind = classify(tags);
		const coordinates = wayCoordinates(wayId);
		if (!kind || coordinates.length < 2) continue;
		/** @type {Record<string, string>} */
		const properties = { kind: kind.kind };
		if (tags.name) properties.name = tags.name;
		if (kind.class) properties.class = kind.class;
		const area = kind.kind !== 'street' && !tags.waterway;
		features.push(toFeature(id, coordinates, properties, area));
	}
	// Streets first, then the rest: a stable order keeps the committed file's diffs readable.
	const order = ['street', 'water', 'park', 'building'];
	features.sort(
		(a, b) =>
			order.indexOf(a.properties.kind ?? '') - order.indexOf(b.properties.kind ?? '') ||
			a.id.localeCompare(b.id, 'en', { numeric: true })
	);

	const positions = features.flatMap((f) =>
		f.geometry.type === 'Polygon' ? f.geometry.coordinates.flat() : f.geometry.coordinates
	);
	const longs = positions.map((p) => p[0]);
	const lats = positions.map((p) => p[1]);
	return {
		type: 'FeatureCollection',
		attribution: '© OpenStreetMap contributors',
		license: 'ODbL-1.0',
		source,
		bbox: [Math.min(...longs), Math.min(...lats), Math.max(...longs), Math.max(...lats)],
		features
	};
}

/**
 * One feature per line: compact, yet a change to one street is a one-line diff.
 * @param {ReturnType<typeof convertIntroGraph>} collection
 */
function serialize(collection) {
	const { features, ...header } = collection;
	const head = JSON.stringify(header).slice(0, -1);
	return `${head},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

/** @param {string} source */
function attributionText(source) {
	return `# Demo city data: Three Rivers, Michigan

\`three-rivers.json\` holds streets, buildings, parks and water of Three Rivers, Michigan, taken
from OpenStreetMap as shipped in the iD editor's walkthrough data (\`${source}\`, file
\`data/intro_graph.json\`) and converted by \`scripts/import-demo-city.js\`. Regenerate it with
\`npm run city:import\`; do not edit it by hand.

**© OpenStreetMap contributors.** The data is available under the Open Database License
(ODbL 1.0): https://opendatacommons.org/licenses/odbl/1-0/ . See
https://www.openstreetmap.org/copyright .

What the licence asks of this project:

- **Credit**: every map that shows this data displays "© OpenStreetMap contributors" (the tile
  style's attribution does this), and this file travels with the data.
- **Share-alike**: \`three-rivers.json\` is a derived database; if it is shared publicly, it is
  shared under the ODbL. Maps and images made from it ("produced works") may use any licence
  as long as they carry the credit.
- **Keep open**: no technical restriction may be placed on the data when it is distributed.

Service requests, crews and people generated on these streets by the demo seed are fictitious.
`;
}

function main() {
	const workDir = mkdtempSync(join(tmpdir(), 'curbside-city-'));
	try {
		const packed = JSON.parse(
			execFileSync('npm', ['pack', PACKAGE_NAME, '--json', '--pack-destination', workDir], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'inherit']
			})
		);
		const { filename, name, version } = packed[0];
		execFileSync('tar', ['-xzf', join(workDir, filename), '-C', workDir, GRAPH_PATH]);
		const graph = JSON.parse(readFileSync(join(workDir, GRAPH_PATH), 'utf8'));
		const source = `${name}@${version}`;
		const collection = convertIntroGraph(graph, source);
		mkdirSync(OUTPUT_DIR, { recursive: true });
		writeFileSync(join(OUTPUT_DIR, 'three-rivers.json'), serialize(collection));
		writeFileSync(join(OUTPUT_DIR, 'ATTRIBUTION.md'), attributionText(source));
		/** @type {Record<string, number>} */
		const counts = {};
		for (const { properties } of collection.features) {
			const kind = properties.kind ?? '';
			counts[kind] = (counts[kind] ?? 0) + 1;
		}
		const summary = Object.entries(counts).map(([kind, count]) => `${count} ${kind}`);
		console.log(`Wrote three-rivers.json from ${source}: ${summary.join(', ')}`);
	} finally {
		rmSync(workDir, { recursive: true, force: true });
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
