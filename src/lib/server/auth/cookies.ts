import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'curbside_session';

/** HttpOnly (scripts cannot read it), SameSite=Lax (not sent on cross-site posts), Secure over HTTPS. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}
