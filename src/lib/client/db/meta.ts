/** The one sync metadata row: device id, mutation counters, pull cursor, last successful sync. */
import type { CurbsideDb, SyncMeta } from './schema';

/** Reads the metadata, creating it (with a fresh device id) on first use. Call inside a 'rw' transaction. */
export async function loadMeta(
	db: CurbsideDb,
	newDeviceId: () => string = randomDeviceId
): Promise<SyncMeta> {
	const row = await db.meta.get('sync');
	if (row) return row.value;
	const value: SyncMeta = {
		deviceId: newDeviceId(),
		lastMutationId: 0,
		serverLastMutationId: 0,
		cursor: null,
		lastSyncAt: null
	};
	await db.meta.put({ key: 'sync', value });
	return value;
}

export async function updateMeta(db: CurbsideDb, changes: Partial<SyncMeta>): Promise<SyncMeta> {
	return db.transaction('rw', db.meta, async () => {
		const value = { ...(await loadMeta(db)), ...changes };
		await db.meta.put({ key: 'sync', value });
		return value;
	});
}

function randomDeviceId(): string {
	return crypto.randomUUID();
}
