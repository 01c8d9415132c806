/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The crew app's service worker. SvelteKit bundles this file (src/service-worker/index.ts: a folder,
 * so that it has its own tsconfig with the webworker lib); @vite-pwa/sveltekit then replaces
 * `self.__WB_MANIFEST` with the list of built assets and the prerendered crew shell.
 *
 * - Every precached asset is served from the cache.
 * - Navigations to /crew and below get the precached shell, so any crew URL opens offline
 *   (reload, cold start, deep link). Every other navigation goes to the network untouched.
 * - A new version waits until the page's update prompt says SKIP_WAITING: it never takes over
 *   in the middle of someone's work.
 * - Background Sync (Chromium): an open crew page's sync worker is woken; with no page open, the
 *   queue is flushed here, so work saved offline reaches the server even after the app was closed.
 */
import { clientsClaim } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute,
	type PrecacheEntry
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { databaseFromTag, handleBackgroundSync } from '$lib/client/sync/background-sync';
import { BACKGROUND_SYNC_MESSAGE } from '$lib/components/crew/service-worker-messages';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

/** The Background Sync event (Chromium only; other browsers sync from the page's own triggers). */
interface BackgroundSyncEvent extends ExtendableEvent {
	readonly tag: string;
	readonly lastChance: boolean;
}

const CREW_SHELL = '/crew';
const CREW_PAGES = /^\/crew(\/|$)/;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install has no page to interrupt: take control at once so the app works offline
// from its first visit. Later versions only activate after SKIP_WAITING (below).
clientsClaim();

registerRoute(new NavigationRoute(createHandlerBoundToURL(CREW_SHELL), { allowlist: [CREW_PAGES] }));

self.addEventListener('message', (event) => {
	if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('sync', (event) => {
	const syncEvent = event as BackgroundSyncEvent;
	const databaseName = databaseFromTag(syncEvent.tag);
	if (!databaseName) return;
	syncEvent.waitUntil(flush(databaseName, syncEvent.lastChance));
});

/**
 * Wakes the open crew pages, or syncs the queue here when none is open. A failure makes the
 * browser retry the event later with its own back-off, except on its last chance.
 */
async function flush(databaseName: string, lastChance: boolean): Promise<void> {
	try {
		await handleBackgroundSync(self, databaseName, BACKGROUND_SYNC_MESSAGE);
	} catch (cause) {
		if (!lastChance) throw cause;
	}
}
