import { json } from '@sveltejs/kit';
import { assignOrders, v } from '$lib/domain';
import { serverContext } from '$lib/server/context';
import { jsonError, readJsonBody } from '$lib/server/http/json';
import { DispatchService } from '$lib/server/services/dispatch';
import { dispatchedOrders } from '../dispatched';
import type { RequestHandler } from './$types';

/** Assign (crewId) or unassign (crewId null) up to 500 orders at once, all or nothing. */
export const POST: RequestHandler = async ({ request, locals }) => {
	if (!locals.user) return jsonError(401, 'Sign in first.');
	const body = await readJsonBody(request, 100_000);
	if (!body.ok) return body.response;
	const checked = v.validate(assignOrders, body.value);
	if (!checked.ok) return jsonError(400, 'The assignment is not valid.', checked.issues);
	const { database } = await serverContext();
	const result = await new DispatchService(database.db).assign(locals.user, checked.value, new Date());
	if (!result.ok) return jsonError(result.status, result.error, result.details);
	return json(dispatchedOrders(result.orders));
};
