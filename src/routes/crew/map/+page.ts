// Rendered from the local store like every crew page; offline, the service worker answers this URL
// with the prerendered /crew shell, so nothing of its own needs prerendering.
export const prerender = false;
