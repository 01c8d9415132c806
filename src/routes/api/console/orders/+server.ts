import { json } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { jsonError } from '$lib/server/http/json';
import { ConsolePages, parseListQuery } from '$lib/server/services/console-pages';
import { scopeFor } from '$lib/server/services/department-scope';
import { duplicateDistanceFromEnv } from '$lib/server/services/duplicates';
import { staffOnly } from '$lib/server/services/review-http';
import type { RequestHandler } from './$types';

/**
 * GET /api/console/orders?list=queue|orders&crew=&service=&status=&olderThanDays=&overdue=1
 * &finishedSince=&after=<cursor>&limit=: one page of a console list in the caller's departments,
 * most urgent first, each row marked when it has a possible duplicate; `next` is the cursor of
 * the following page (null on the last).
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const actor = staffOnly(locals.user);
	if (actor instanceof Response) return actor;
	const now = new Date();
	const parsed = parseListQuery(url.searchParams, now);
	if (!parsed.ok) return jsonError(400, parsed.error);
	const { database } = await serverContext();
	const pages = new ConsolePages(database.db, scopeFor(actor), duplicateDistanceFromEnv());
	return json(await pages.page(parsed.query, now));
};
