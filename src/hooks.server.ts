import { building } from '$app/environment';
import {
	error,
	redirect,
	type Handle,
	type HandleServerError,
	type RequestEvent,
	type ServerInit
} from '@sveltejs/kit';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '$lib/server/auth/cookies';
import { isForgedFormRequest } from '$lib/server/auth/origin-check';
import { authorize } from '$lib/server/auth/policy';
import { serverContext, startServerContext } from '$lib/server/context';
import { gzipJsonIfAccepted } from '$lib/server/http/compress';
import { jsonError } from '$lib/server/http/json';

export const init: ServerInit = async () => {
	if (!building) await startServerContext();
};

export const handle: Handle = async ({ event, resolve }) => {
	if (isForgedFormRequest(event.request, event.url)) {
		const message = `Cross-site ${event.request.method} form submissions are forbidden`;
		return withSecurityHeaders(
			event.url.pathname.startsWith('/api/')
				? jsonError(403, message)
				: new Response(message, { status: 403 })
		);
	}
	event.locals.user = null;
	event.locals.sessionId = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { auth } = await serverContext();
		const session = await auth.authenticate(token, new Date());
		if (session) {
			event.locals.user = session.user;
			event.locals.sessionId = session.sessionId;
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} else {
			clearSessionCookie(event.cookies, event.url);
		}
	}

	// An early answer below skips resolve(), so event.cookies would not reach it: clear a dead
	// session cookie by hand, or the browser keeps sending it.
	const staleCookie = token !== undefined && event.locals.user === null;
	const early = (response: Response) =>
		withSecurityHeaders(staleCookie ? withClearedSessionCookie(response, event) : response);

	const path = event.url.pathname;
	// Prerendering (the crew shell) has no user and must not be redirected; such pages carry no data.
	const decision = building ? 'allow' : authorize(path, event.locals.user);
	if (decision !== 'allow') {
		const isApi = path.startsWith('/api/');
		if (decision === 'sign-in') {
			if (isApi) return early(jsonError(401, 'Sign in first.'));
			redirect(303, `/signin?next=${encodeURIComponent(path + event.url.search)}`);
		}
		if (isApi) return early(jsonError(403, 'Your role does not allow this.'));
		// Refused here, before any layout loads, the page is src/error.html: the message is all it
		// shows, so it says who is signed in (a shared tablet) beside its Sign out button.
		const who = event.locals.user;
		error(
			403,
			who
				? `Signed in as ${who.displayName} (${who.role}): your role does not give access to this page.`
				: 'Your role does not give access to this page.'
		);
	}

	const response = await resolve(event);
	return withSecurityHeaders(
		path.startsWith('/api/') ? await gzipJsonIfAccepted(event.request, response) : response
	);
};

function withClearedSessionCookie(response: Response, event: RequestEvent): Response {
	const cleared = event.cookies.serialize(SESSION_COOKIE, '', {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		maxAge: 0
	});
	response.headers.append('set-cookie', cleared);
	return response;
}

/** Headers every response carries; the Content-Security-Policy comes from svelte.config.js. */
function withSecurityHeaders(response: Response): Response {
	const headers = response.headers;
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Permissions-Policy', 'geolocation=(self), camera=(self), microphone=()');
	return response;
}

export const handleError: HandleServerError = ({ error: cause, status, message }) => {
	// 404s and other client errors are expected; anything else is ours to fix and goes to the log.
	if (status >= 500) console.error('[curbside] Unhandled error:', cause);
	return { message: status >= 500 ? 'Something went wrong on our side. Please try again.' : message };
};
