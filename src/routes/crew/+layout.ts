import { browser } from '$app/environment';
import { crewDatabaseName } from '$lib/components/crew/crew-db-name';
import { loadProfile } from '$lib/components/crew/profile';
import { askServerEarly } from '$lib/components/crew/session.svelte';
import { startFirstPageRead } from '$lib/components/crew/today-first-page';

// The crew app is a client-rendered shell: prerendered once with no data in it, precached by the
// service worker, and filled from the device's own store, so every crew URL opens offline.
export const ssr = false;
export const prerender = true;

// This module is among the first of the crew's to run: who is signed in is asked now, while the
// rest of the app's code is still loading (the session takes that answer).
if (browser) askServerEarly();

// Opening on Today: the remembered first rows are read from IndexedDB at the same time. Today shows
// them only once the session has said who is signed in, and only from that person's own database.
if (browser && location.pathname === '/crew') {
	try {
		const remembered = loadProfile();
		if (remembered) startFirstPageRead(localStorage, crewDatabaseName(remembered.id));
	} catch {
		// No storage to read (blocked): Today reads everything as usual.
	}
}
