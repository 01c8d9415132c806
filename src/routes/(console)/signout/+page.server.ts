import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { serverContext } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST (covered by SvelteKit's origin check); a GET just goes home.
export const load: PageServerLoad = () => {
	redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.sessionId) {
			const { auth } = await serverContext();
			await auth.signOut(locals.sessionId, new Date());
		}
		clearSessionCookie(cookies, url);
		redirect(303, '/signin?signedout');
	}
};
