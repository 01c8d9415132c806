/**
 * Who may reach what: one row per route in src/routes. Adding a route means adding its row here
 * (the matrix fails on a route it does not know). `allow` lists the callers the route lets through;
 * everyone else must be refused: 401 JSON (API) or a redirect to /signin (page) when signed out,
 * 403 when signed in with the wrong role. Samples are chosen so an allowed call changes nothing
 * (empty or invalid bodies), except where a row says the call ends the caller's own session.
 */
import type { Method } from './routes';
import { EVERYONE, type Who } from './roles';

const CREW: readonly Who[] = ['crewA', 'crewB'];
const STAFF: readonly Who[] = ['supervisor', 'admin'];
const SIGNED_IN: readonly Who[] = [...CREW, ...STAFF];
const ADMIN: readonly Who[] = ['admin'];

/** A concrete request for a route; `{device}` in a path or body becomes the caller's own device id. */
export interface Probe {
	/** `OTHER` probes a method the route does not export (SvelteKit's `fallback`). */
	method: Method | 'OTHER';
	path: string;
	json?: unknown;
	form?: Record<string, string>;
	allow: readonly Who[];
	/** What an allowed caller gets, when a specific status is part of the expectation. */
	allowedStatus?: Partial<Record<Who, number>>;
	/** Signing out ends the caller's session: such probes run on a fresh one. */
	endsSession?: boolean;
	/** Answers in Open311's own error format rather than JSON {error}. */
	open311?: boolean;
	/** An endless response (Server-Sent Events): judged by its status line, then cut off. */
	stream?: boolean;
}

export const ZERO_SHA = '0'.repeat(64);

export const ROUTE_EXPECTATIONS: Record<string, Probe[]> = {
	// Everyone lands somewhere: the sign-in page, or their own start page.
	'page /': [{ method: 'GET', path: '/', allow: EVERYONE }],
	'page /signin': [
		{ method: 'GET', path: '/signin', allow: EVERYONE },
		// An empty form is refused by validation before any password check (no throttle count).
		{ method: 'POST', path: '/signin', form: { username: '' }, allow: EVERYONE }
	],
	'page /signout': [
		{ method: 'GET', path: '/signout', allow: EVERYONE },
		{ method: 'POST', path: '/signout', form: {}, allow: EVERYONE, endsSession: true }
	],
	'endpoint /api/auth/signin': [
		{ method: 'POST', path: '/api/auth/signin', json: {}, allow: EVERYONE, allowedStatus: allStatus(400) }
	],
	'endpoint /api/auth/signout': [
		{ method: 'POST', path: '/api/auth/signout', allow: EVERYONE, endsSession: true }
	],
	'endpoint /api/auth/me': [{ method: 'GET', path: '/api/auth/me', allow: SIGNED_IN }],

	// Sync is the crew's alone; each caller uses a device of its own.
	'endpoint /api/sync/pull': [
		{
			method: 'GET',
			path: '/api/sync/pull?deviceId={device}&limit=1',
			allow: CREW,
			allowedStatus: allStatus(200)
		}
	],
	'endpoint /api/sync/push': [
		{ method: 'POST', path: '/api/sync/push', json: {}, allow: CREW, allowedStatus: allStatus(400) }
	],
	'endpoint /api/photos/[sha256]': [
		{ method: 'GET', path: `/api/photos/${ZERO_SHA}`, allow: SIGNED_IN, allowedStatus: allStatus(404) },
		{ method: 'HEAD', path: `/api/photos/${ZERO_SHA}`, allow: SIGNED_IN, allowedStatus: allStatus(404) },
		{
			method: 'PUT',
			path: `/api/photos/${ZERO_SHA}`,
			json: {},
			allow: SIGNED_IN,
			allowedStatus: allStatus(415)
		}
	],
	'endpoint /api/dispatch/assign': [{ method: 'POST', path: '/api/dispatch/assign', json: {}, allow: STAFF }],
	'endpoint /api/dispatch/unassign': [
		{ method: 'POST', path: '/api/dispatch/unassign', json: {}, allow: STAFF }
	],
	'endpoint /api/dispatch/update': [{ method: 'POST', path: '/api/dispatch/update', json: {}, allow: STAFF }],

	// The supervisor console and its analytics.
	'endpoint /api/live': [
		{ method: 'GET', path: '/api/live', allow: STAFF, stream: true, allowedStatus: allStatus(200) }
	],
	'endpoint /api/console/orders': [{ method: 'GET', path: '/api/console/orders', allow: STAFF }],
	'endpoint /api/analytics': [{ method: 'GET', path: '/api/analytics', allow: STAFF }],
	'endpoint /api/analytics.csv': [{ method: 'GET', path: '/api/analytics.csv', allow: STAFF }],
	'page /supervisor/analytics': [{ method: 'GET', path: '/supervisor/analytics', allow: STAFF }],

	// The basemap: every signed-in person sees the city's streets; nobody else.
	'endpoint /api/tiles/info': [{ method: 'GET', path: '/api/tiles/info', allow: SIGNED_IN }],
	'endpoint /api/tiles/pack': [{ method: 'POST', path: '/api/tiles/pack', json: {}, allow: SIGNED_IN }],
	'endpoint /tiles/[z]/[x]/[y].pbf': [{ method: 'GET', path: '/tiles/14/4400/6100.pbf', allow: SIGNED_IN }],
	'endpoint /tiles/style.json': [{ method: 'GET', path: '/tiles/style.json', allow: SIGNED_IN }],

	// The prerendered crew shell is a static file with no data in it (docs/security.md): anyone
	// may fetch it, as with any app's JavaScript. Its data comes only from /api/sync (crew only).
	'page /crew': [{ method: 'GET', path: '/crew', allow: EVERYONE }],
	'page /crew/attention': [{ method: 'GET', path: '/crew/attention', allow: CREW }],
	'page /crew/orders/[id]': [{ method: 'GET', path: '/crew/orders/CS-000001', allow: CREW }],
	'page /crew/report': [{ method: 'GET', path: '/crew/report', allow: CREW }],
	'page /crew/map': [{ method: 'GET', path: '/crew/map', allow: CREW }],

	'page /supervisor': [{ method: 'GET', path: '/supervisor', allow: STAFF }],
	'page /supervisor/review': [{ method: 'GET', path: '/supervisor/review', allow: STAFF }],
	'endpoint /api/review': [{ method: 'GET', path: '/api/review', allow: STAFF }],
	'endpoint /api/review/closures': [{ method: 'POST', path: '/api/review/closures', json: {}, allow: STAFF }],
	'endpoint /api/review/late-reports': [
		{ method: 'POST', path: '/api/review/late-reports', json: {}, allow: STAFF }
	],
	'endpoint /api/review/refusals': [{ method: 'POST', path: '/api/review/refusals', json: {}, allow: STAFF }],
	'endpoint /api/review/reopen': [{ method: 'POST', path: '/api/review/reopen', json: {}, allow: STAFF }],
	'endpoint /api/duplicates': [{ method: 'GET', path: '/api/duplicates', allow: STAFF }],
	'endpoint /api/duplicates/merge': [
		{ method: 'POST', path: '/api/duplicates/merge', json: {}, allow: STAFF }
	],
	'page /admin': [{ method: 'GET', path: '/admin', allow: ADMIN }],
	// Every form action is probed (the matrix fails on one without a probe); the empty forms fail
	// validation, so the admin's own calls change nothing.
	'page /admin/users': [
		{ method: 'GET', path: '/admin/users', allow: ADMIN },
		...adminActions('/admin/users', { create: 400, password: 400, access: 400, disable: 400, enable: 400 })
	],
	'page /admin/devices': [
		{ method: 'GET', path: '/admin/devices', allow: ADMIN },
		...adminActions('/admin/devices', { revoke: 400, restore: 400 })
	],
	'page /admin/crews': [
		{ method: 'GET', path: '/admin/crews', allow: ADMIN },
		...adminActions('/admin/crews', { create: 400, update: 400 })
	],
	'page /admin/services': [
		{ method: 'GET', path: '/admin/services', allow: ADMIN },
		...adminActions('/admin/services', { create: 400, update: 400 })
	],
	'page /admin/api-keys': [
		{ method: 'GET', path: '/admin/api-keys', allow: ADMIN },
		// Revoking no key is 'not found'.
		...adminActions('/admin/api-keys', { create: 400, revoke: 404 })
	],

	// Open311 is public to read; writing needs an api_key, and a session cookie is not one.
	'endpoint /open311/[...path]': [
		{ method: 'GET', path: '/open311/v2/discovery.json', allow: EVERYONE, open311: true },
		{ method: 'GET', path: '/open311/v2/services.xml', allow: EVERYONE, open311: true },
		{ method: 'GET', path: '/open311/v2/requests.json?page_size=1', allow: EVERYONE, open311: true },
		{
			method: 'POST',
			path: '/open311/v2/requests.json',
			form: {},
			allow: ['apiKey'],
			allowedStatus: { apiKey: 400 },
			open311: true
		},
		{ method: 'OTHER', path: '/open311/v2/requests.json', allow: [], open311: true }
	]
};

/** One POST per named form action, each with an empty form: the admin gets the given refusal. */
function adminActions(page: string, actions: Record<string, number>): Probe[] {
	return Object.entries(actions).map(([action, status]): Probe => ({
		method: 'POST',
		path: `${page}?/${action}`,
		form: {},
		allow: ADMIN,
		allowedStatus: { admin: status }
	}));
}

function allStatus(status: number): Partial<Record<Who, number>> {
	return Object.fromEntries(EVERYONE.map((who) => [who, status]));
}
