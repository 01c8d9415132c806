// Order ids are endless: this page is not prerendered. Offline, the service worker answers a deep
// link with the prerendered /crew shell, and this page renders from the local store.
export const prerender = false;
