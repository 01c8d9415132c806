import { json } from '@sveltejs/kit';
import { v } from '$lib/domain';
import { serverContext } from '$lib/server/context';
import { jsonError, readJsonBody } from '$lib/server/http/json';
import { unassignOrders } from '$lib/server/services/console-dispatch-input';
import { DispatchService } from '$lib/server/services/dispatch';
import { dispatchedOrders } from '../dispatched';
import type { RequestHandler } from './$types';

/** Send up to 500 orders back to the unassigned queue; all or nothing. */
export const POST: RequestHandler = async ({ request, locals }) => {
	if (!locals.user) return jsonError(401, 'Sign in first.');
	const body = await readJsonBody(request, 100_000);
	if (!body.ok) return body.response;
	const checked = v.validate(unassignOrders, body.value);
	if (!checked.ok) return jsonError(400, 'The request is not valid.', checked.issues);
	const { database } = await serverContext();
	const input = { orderIds: checked.value.orderIds, crewId: null };
	const result = await new DispatchService(database.db).assign(locals.user, input, new Date());
	if (!result.ok) return jsonError(result.status, result.error, result.details);
	return json(dispatchedOrders(result.orders));
};
