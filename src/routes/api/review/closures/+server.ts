import { closureDecisionInput } from '$lib/domain/review';
import { serverContext } from '$lib/server/context';
import { decisionEndpoint } from '$lib/server/services/review-http';
import { ReviewService } from '$lib/server/services/review';
import type { RequestHandler } from './$types';

/** Marks a closure reviewed (accepted). Repeating it changes nothing: `changed: false`. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const { database } = await serverContext();
	return decisionEndpoint(
		request,
		locals.user,
		closureDecisionInput,
		'The review is not valid.',
		(actor, input) => new ReviewService(database.db).acceptClosure(actor, input, new Date())
	);
};
