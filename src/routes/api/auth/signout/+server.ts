import { clearSessionCookie } from '$lib/server/auth/cookies';
import { serverContext } from '$lib/server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.sessionId) {
		const { auth } = await serverContext();
		await auth.signOut(locals.sessionId, new Date());
	}
	clearSessionCookie(cookies, url);
	return new Response(null, { status: 204 });
};
