import { jsonError } from '$lib/server/http/json';
import { infoResponse } from '$lib/server/tiles/http';
import type { RequestHandler } from './$types';

/** The basemap's extent, zooms, credit and URLs. */
export const GET: RequestHandler = ({ url, locals }) => {
	if (!locals.user) return jsonError(401, 'Sign in first.');
	return infoResponse(url);
};
