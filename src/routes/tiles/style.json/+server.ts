import { jsonError } from '$lib/server/http/json';
import { styleResponse } from '$lib/server/tiles/http';
import type { RequestHandler } from './$types';

/** The basemap's maplibre style; every URL in it is this server's. */
export const GET: RequestHandler = ({ url, request, locals }) => {
	if (!locals.user) return jsonError(401, 'Sign in first.');
	return styleResponse(url, request);
};
