import { reopenInput } from '$lib/domain/review';
import { serverContext } from '$lib/server/context';
import { decisionEndpoint } from '$lib/server/services/review-http';
import { ReopenService } from '$lib/server/services/reopen';
import type { RequestHandler } from './$types';

/** Reopens a closed or unable-to-complete order with a reason, back to its crew or another. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const { database } = await serverContext();
	return decisionEndpoint(
		request,
		locals.user,
		reopenInput,
		'The reopen is not valid.',
		async (actor, input) => {
			const result = await new ReopenService(database.db).reopen(actor, input, new Date());
			return result.ok
				? {
						ok: true,
						value: {
							orderId: result.value.id,
							status: result.value.field_status,
							crewId: result.value.crew_id
						}
					}
				: result;
		}
	);
};
