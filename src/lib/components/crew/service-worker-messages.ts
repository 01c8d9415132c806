/**
 * The one message the service worker sends the crew pages, and the Background Sync tag it answers.
 * Shared by src/service-worker.ts and the crew layout so both sides agree on the shape.
 */

/** Registered by the page (`registration.sync.register`) when a write could not be sent. */
export const BACKGROUND_SYNC_TAG = 'curbside-sync';

/** The browser fired Background Sync: an open crew page should run the sync engine now. */
export interface BackgroundSyncMessage {
	type: 'curbside:background-sync';
}

export const BACKGROUND_SYNC_MESSAGE: BackgroundSyncMessage = { type: 'curbside:background-sync' };

export function isBackgroundSyncMessage(data: unknown): data is BackgroundSyncMessage {
	return (
		typeof data === 'object' &&
		data !== null &&
		(data as { type?: unknown }).type === BACKGROUND_SYNC_MESSAGE.type
	);
}
