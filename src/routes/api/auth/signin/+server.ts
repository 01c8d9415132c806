import { json } from '@sveltejs/kit';
import { signIn, v } from '$lib/domain';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { clientAddress } from '$lib/server/auth/client-address';
import { serverContext } from '$lib/server/context';
import { jsonError, readJsonBody } from '$lib/server/http/json';
import type { RequestHandler } from './$types';

/** Sign-in for the crew app, which talks JSON: sets the same HttpOnly session cookie as the form. */
export const POST: RequestHandler = async (event) => {
	const body = await readJsonBody(event.request, 10_000);
	if (!body.ok) return body.response;
	const checked = v.validate(signIn, body.value);
	if (!checked.ok) return jsonError(400, 'Enter your username and password.', checked.issues);
	const { auth } = await serverContext();
	const result = await auth.signIn(checked.value.username, checked.value.password, {
		userAgent: event.request.headers.get('user-agent') ?? '',
		ip: clientAddress(event),
		now: new Date()
	});
	if (!result.ok && result.retryAfterSeconds) {
		const response = jsonError(429, result.message);
		response.headers.set('Retry-After', String(result.retryAfterSeconds));
		return response;
	}
	if (!result.ok) return jsonError(401, result.message);
	setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
	return json({ user: result.user, expiresAt: result.expiresAt.toISOString() });
};
