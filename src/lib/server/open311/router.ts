/**
 * The /open311/v2/ endpoint: one dispatcher for every path and method, so every answer (including
 * unknown paths, wrong methods and unexpected failures) comes back as an Open311 error document.
 */
import type { DocValue } from './document';
import type { Open311Call, Open311Deps } from './deps';
import { createRequest } from './create-request';
import { discovery } from './discovery';
import { badRequest, notFound, Open311Error } from './errors';
import { checkJurisdiction } from './key-check';
import { formatFromAccept, splitFormat, type Format } from './format';
import { serveMedia } from './media-route';
import { getRequest, getToken, searchRequests } from './query-requests';
import { errorResponse, respond } from './render';
import { listServices, serviceDefinition } from './services-api';
import { listUpdates } from './updates-get';
import { postUpdate } from './updates-post';

type Handler = (deps: Open311Deps, call: Open311Call, param: string) => Promise<DocValue> | DocValue;

interface Route {
	/** The path without its format suffix; `*` stands for one segment. */
	pattern: RegExp;
	root: string;
	GET?: Handler;
	POST?: Handler;
}

const ROUTES: readonly Route[] = [
	{ pattern: /^discovery$/, root: 'discovery', GET: discovery },
	{ pattern: /^services$/, root: 'services', GET: listServices },
	{
		pattern: /^services\/([^/]+)$/,
		root: 'service_definition',
		GET: (d, _c, code) => serviceDefinition(d, code)
	},
	{ pattern: /^requests$/, root: 'service_requests', GET: searchRequests, POST: createRequest },
	{ pattern: /^requests\/([^/]+)$/, root: 'service_requests', GET: (d, c, id) => getRequest(d, c, id) },
	{ pattern: /^tokens\/([^/]+)$/, root: 'service_requests', GET: (d, c, token) => getToken(d, c, token) },
	{ pattern: /^servicerequestupdates$/, root: 'service_request_updates', GET: listUpdates, POST: postUpdate }
];

/** `path` is what follows /open311/v2/, e.g. 'requests/CS-100001.json'. */
export async function handleOpen311(deps: Open311Deps, call: Open311Call, path: string): Promise<Response> {
	const method = call.request.method === 'HEAD' ? 'GET' : call.request.method;
	if (path.startsWith('media/') && method === 'GET') return serveMedia(deps, path.slice('media/'.length));
	const split = splitFormat(path);
	const format: Format = split?.format ?? formatFromAccept(call.request.headers.get('accept'));
	try {
		if (!split) throw notFound(`Not an Open311 resource: /open311/v2/${path}. Paths end in .xml or .json.`);
		const route = ROUTES.find((candidate) => candidate.pattern.test(split.stem));
		if (!route) throw notFound(`Not an Open311 resource: /open311/v2/${path}.`);
		const handler = method === 'GET' ? route.GET : method === 'POST' ? route.POST : undefined;
		if (!handler) {
			const allowed = ['GET', 'POST'].filter((name) => route[name as 'GET' | 'POST']).join(', ');
			throw new Open311Error(405, `${call.request.method} is not supported here; use ${allowed}.`, {
				allow: allowed
			});
		}
		if (method === 'GET') checkJurisdiction(deps, call.url.searchParams.get('jurisdiction_id') ?? undefined);
		const param = decodeParam(route.pattern.exec(split.stem)?.[1]);
		return respond(format, route.root, await handler(deps, call, param));
	} catch (cause) {
		if (cause instanceof Open311Error) return errorResponse(format, cause);
		console.error('[curbside] Open311 request failed:', cause);
		return errorResponse(
			format,
			new Open311Error(500, 'Something went wrong on our side. Please try again.')
		);
	}
}

function decodeParam(raw: string | undefined): string {
	if (raw === undefined) return '';
	let decoded: string;
	try {
		decoded = decodeURIComponent(raw);
	} catch {
		throw badRequest('The path is not correctly percent-encoded.');
	}
	// Control characters are never part of a code, id or token (and PostgreSQL refuses NUL outright).
	// eslint-disable-next-line no-control-regex -- refusing control characters is the point
	if (/[\u0000-\u001f]/.test(decoded) || decoded.length > 200)
		throw notFound(`Not an Open311 resource: ${raw}.`);
	return decoded;
}
