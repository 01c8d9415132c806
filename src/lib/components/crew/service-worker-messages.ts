/**
 * The one message the service worker sends the crew pages (the Background Sync tag itself lives in
 * src/lib/client/sync/background-sync.ts). Shared by the service worker and the crew layout so both
 * sides agree on the shape.
 */

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
