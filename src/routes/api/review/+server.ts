import { json } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { jsonError } from '$lib/server/http/json';
import { staffOnly } from '$lib/server/services/review-http';
import { ReviewService } from '$lib/server/services/review';
import type { RequestHandler } from './$types';

/** The review queue of the supervisor's department: closures, late field reports, refused changes. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const actor = staffOnly(locals.user);
	if (actor instanceof Response) return actor;
	const daysText = url.searchParams.get('days');
	const days = daysText === null ? 7 : Number(daysText);
	if (!Number.isInteger(days) || days < 1 || days > 90) {
		return jsonError(400, 'days must be a whole number from 1 to 90.');
	}
	const { database } = await serverContext();
	return json(await new ReviewService(database.db).queue(actor, new Date(), { closedWithinDays: days }));
};
