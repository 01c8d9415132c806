import { jsonError } from '$lib/server/http/json';
import { packResponse } from '$lib/server/tiles/http';
import type { RequestHandler } from './$types';

/** Many tiles in one streamed response, for the crew's offline area. */
export const POST: RequestHandler = ({ request, locals }) => {
	if (!locals.user) return jsonError(401, 'Sign in first.');
	return packResponse(request);
};
