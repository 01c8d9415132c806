/** The review and duplicate endpoints' shared plumbing: role check, JSON body, schema, result. */
import { json } from '@sveltejs/kit';
import { v } from '$lib/domain';
import type { SessionUser } from '../auth/types';
import { jsonError, readJsonBody } from '../http/json';
import type { ServiceResult } from './review-support';

/** The signed-in supervisor or admin, or the JSON refusal to send instead. */
export function staffOnly(user: SessionUser | null): SessionUser | Response {
	if (!user) return jsonError(401, 'Sign in first.');
	if (user.role !== 'supervisor' && user.role !== 'admin') {
		return jsonError(403, 'Only supervisors and admins may review work.');
	}
	return user;
}

/**
 * Reads a JSON body, checks it against `schema`, runs the decision and answers with its value
 * (200) or its refusal ({ error }, 4xx).
 */
export async function decisionEndpoint<I, O>(
	request: Request,
	user: SessionUser | null,
	schema: v.Schema<I>,
	invalidMessage: string,
	run: (actor: SessionUser, input: I) => Promise<ServiceResult<O>>
): Promise<Response> {
	const actor = staffOnly(user);
	if (actor instanceof Response) return actor;
	const body = await readJsonBody(request, 20_000);
	if (!body.ok) return body.response;
	const checked = v.validate(schema, body.value);
	if (!checked.ok) return jsonError(400, invalidMessage, checked.issues);
	const result = await run(actor, checked.value);
	return result.ok ? json(result.value) : jsonError(result.status, result.error);
}
