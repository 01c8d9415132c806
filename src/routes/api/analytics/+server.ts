import { json } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { issuesError, jsonError } from '$lib/server/http/json';
import { analyticsFor } from '$lib/server/services/analytics';
import type { RequestHandler } from './$types';

/** The analytics report as JSON: GET /api/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD&cell=metres. */
export const GET: RequestHandler = async ({ url, locals }) => {
	if (!locals.user) return jsonError(401, 'Sign in first.');
	const { database } = await serverContext();
	const result = await analyticsFor(database.db, locals.user, url.searchParams, new Date());
	if (!result.ok) return issuesError('The period is not valid', result.issues);
	return json(result.report);
};
