import { lateDecisionInput } from '$lib/domain/review';
import { serverContext } from '$lib/server/context';
import { decisionEndpoint } from '$lib/server/services/review-http';
import { ReviewService } from '$lib/server/services/review';
import type { RequestHandler } from './$types';

/** Accepts or dismisses an order's late field report items, clearing them from needs_review. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const { database } = await serverContext();
	return decisionEndpoint(
		request,
		locals.user,
		lateDecisionInput,
		'The decision is not valid.',
		(actor, input) => new ReviewService(database.db).decideLateReport(actor, input, new Date())
	);
};
