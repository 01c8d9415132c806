/**
 * Cross-site request forgery protection: the same rule as SvelteKit's built-in origin check
 * (a state-changing request with a form content type must come from our own origin), with one
 * exception the built-in check cannot express. Open311 clients (other 311 systems, residents'
 * apps, curl) POST form bodies without an Origin header; they authenticate with an api_key, never
 * with our session cookie, so a forged cross-site form post to /open311/ gains nothing.
 */
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const COOKIELESS_PREFIXES = ['/open311/'];

export function isForgedFormRequest(request: Request, url: URL): boolean {
	if (SAFE_METHODS.has(request.method)) return false;
	if (COOKIELESS_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) return false;
	// As in SvelteKit's own check: only form content types, the ones a cross-site page can send
	// without a CORS preflight. (A bodiless cross-site POST carries no SameSite=Lax cookie.)
	const type = request.headers.get('content-type');
	if (type === null || !FORM_TYPES.test(type)) return false;
	return request.headers.get('origin') !== url.origin;
}
