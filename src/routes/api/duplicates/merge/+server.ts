import { mergeInput } from '$lib/domain/review';
import { serverContext } from '$lib/server/context';
import { DuplicateService } from '$lib/server/services/duplicates';
import { decisionEndpoint } from '$lib/server/services/review-http';
import type { RequestHandler } from './$types';

/** Closes `copyId` as a duplicate of `keptId` (same service, both open, both in scope). */
export const POST: RequestHandler = async ({ request, locals }) => {
	const { database } = await serverContext();
	return decisionEndpoint(
		request,
		locals.user,
		mergeInput,
		'The merge is not valid.',
		async (actor, input) => {
			const result = await new DuplicateService(database.db).merge(actor, input, new Date());
			return result.ok
				? {
						ok: true,
						value: {
							orderId: result.value.id,
							duplicateOf: result.value.duplicate_of,
							status: result.value.field_status
						}
					}
				: result;
		}
	);
};
