import { fail, redirect } from '@sveltejs/kit';
import { signIn, v } from '$lib/domain';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { clientAddress } from '$lib/server/auth/client-address';
import { authorize, homeFor } from '$lib/server/auth/policy';
import type { SessionUser } from '$lib/server/auth/types';
import { serverContext } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, homeFor(locals.user));
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const input = { username: form.get('username'), password: form.get('password') };
		const username = typeof input.username === 'string' ? input.username.slice(0, 64) : '';
		const checked = v.validate(signIn, input);
		if (!checked.ok) {
			return fail(400, { username, message: 'Enter your username and password.' });
		}
		const { auth } = await serverContext();
		const result = await auth.signIn(checked.value.username, checked.value.password, {
			userAgent: event.request.headers.get('user-agent') ?? '',
			ip: clientAddress(event),
			now: new Date()
		});
		if (!result.ok) return fail(result.retryAfterSeconds ? 429 : 400, { username, message: result.message });
		setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
		redirect(303, safeNext(form.get('next'), result.user));
	}
};

/** Only same-site paths the user may open; anything else sends them to their start page. */
function safeNext(next: FormDataEntryValue | null, user: SessionUser): string {
	if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
		return homeFor(user);
	}
	const path = new URL(next, 'http://x').pathname;
	return path !== '/' && authorize(path, user) === 'allow' ? next : homeFor(user);
}
