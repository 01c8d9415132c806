/**
 * Every route in src/routes, read from the source tree the way SvelteKit reads it, so a test can
 * fail on a route nobody has written expectations for.
 */
import fs from 'node:fs';
import path from 'node:path';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export interface SourceRoute {
	/** SvelteKit's route id without (groups): `/api/photos/[sha256]`. */
	id: string;
	/** Endpoints (+server.ts) answer their exported methods; pages answer GET, and POST with actions. */
	kind: 'endpoint' | 'page';
	methods: Method[];
	/** A page's form actions (`default`, or the names posted as `?/name`); each needs its own probe. */
	actions: string[];
}

const ROUTES_DIR = path.resolve('src/routes');
const EXPORTED_METHOD =
	/export\s+(?:const|let|async\s+function|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|fallback)\b/g;

export function sourceRoutes(root = ROUTES_DIR): SourceRoute[] {
	const routes: SourceRoute[] = [];
	walk(root, (dir, files) => {
		const id = routeId(root, dir);
		const endpoint = files.find((file) => /^\+server\.(ts|js)$/.test(file));
		if (endpoint) {
			const source = fs.readFileSync(path.join(dir, endpoint), 'utf8');
			const methods = [...source.matchAll(EXPORTED_METHOD)].map((match) => match[1] as Method);
			routes.push({ id, kind: 'endpoint', methods: [...new Set(methods)].sort(), actions: [] });
		}
		const hasPage = files.some((file) => /^\+page(@.*)?\.(svelte|server\.ts|ts|server\.js|js)$/.test(file));
		if (hasPage) {
			const server = files.find((file) => /^\+page\.server\.(ts|js)$/.test(file));
			const source = server ? fs.readFileSync(path.join(dir, server), 'utf8') : '';
			const actions = actionNames(source);
			const methods: Method[] = actions.length > 0 ? ['GET', 'POST'] : ['GET'];
			routes.push({ id, kind: 'page', methods, actions });
		}
	});
	return routes.sort((a, b) => `${a.id} ${a.kind}`.localeCompare(`${b.id} ${b.kind}`));
}

/**
 * The names in `export const actions = { create: ..., update, ... }`: the keys one tab in, as
 * prettier lays them out. An actions object this cannot read yields a name nobody probes, or
 * none at all, and the matrix then fails rather than passing silently.
 */
export function actionNames(source: string): string[] {
	const start = source.search(/export\s+const\s+actions\b/);
	if (start < 0) return [];
	const block = source.slice(start).split(/\n\};?\s*(?:\n|$)/)[0] ?? '';
	const names = [...block.matchAll(/^\t(?:async\s+)?([A-Za-z_$][\w$]*)\s*(?=[:(,]|$)/gm)].map(
		(match) => match[1]!
	);
	return names.length > 0 ? [...new Set(names)].sort() : ['(unreadable actions)'];
}

/** `endpoint /api/photos/[sha256]`: the key the expectation table uses. */
export function routeKey(route: Pick<SourceRoute, 'id' | 'kind'>): string {
	return `${route.kind} ${route.id}`;
}

function routeId(root: string, dir: string): string {
	const parts = path
		.relative(root, dir)
		.split(path.sep)
		.filter((part) => part && !/^\(.*\)$/.test(part));
	return `/${parts.join('/')}`;
}

function walk(dir: string, visit: (dir: string, files: string[]) => void): void {
	const entries = fs.readdirSync(dir, { withFileTypes: true });
	visit(
		dir,
		entries.filter((entry) => entry.isFile()).map((entry) => entry.name)
	);
	for (const entry of entries) if (entry.isDirectory()) walk(path.join(dir, entry.name), visit);
}
