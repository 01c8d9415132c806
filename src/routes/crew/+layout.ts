// The crew app is a client-rendered shell: prerendered once with no data in it, precached by the
// service worker, and filled from the device's own store, so every crew URL opens offline.
export const ssr = false;
export const prerender = true;
