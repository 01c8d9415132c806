import { jsonError } from '$lib/server/http/json';
import { tileResponse } from '$lib/server/tiles/http';
import type { RequestHandler } from './$types';

/** One basemap tile (Mapbox Vector Tile), or 204 when nothing is there. */
export const GET: RequestHandler = ({ params, request, locals }) => {
	if (!locals.user) return jsonError(401, 'Sign in first.');
	return tileResponse(params, request);
};
