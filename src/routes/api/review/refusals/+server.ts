import { refusalAckInput } from '$lib/domain/review';
import { serverContext } from '$lib/server/context';
import { decisionEndpoint } from '$lib/server/services/review-http';
import { ReviewService } from '$lib/server/services/review';
import type { RequestHandler } from './$types';

/** Acknowledges a refused change from a crew's device (by device id and mutation id). */
export const POST: RequestHandler = async ({ request, locals }) => {
	const { database } = await serverContext();
	return decisionEndpoint(
		request,
		locals.user,
		refusalAckInput,
		'The acknowledgement is not valid.',
		(actor, input) => new ReviewService(database.db).acknowledgeRefusal(actor, input, new Date())
	);
};
