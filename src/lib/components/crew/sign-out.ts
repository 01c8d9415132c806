/**
 * What signing out leaves on the device (issue 8, data at rest). The crew's cached orders and
 * photos go with the person, unless work is still waiting to reach the server: then nothing is
 * deleted and the crew is told what is pending, so "sync now" comes first.
 *
 * CrewApp.signOut uses it after stopping the sync worker, which holds the database open.
 */
import type { CurbsideDb } from '$lib/client/db/schema';

export interface PendingWork {
	/** Actions in the outbox that the server has not settled. */
	actions: number;
	/** Photos taken here and not fully uploaded. */
	photos: number;
}

export async function pendingWork(db: CurbsideDb): Promise<PendingWork> {
	const actions = await db.outbox.where('state').equals('pending').count();
	const photos = await db.photos.where('uploaded').equals(0).count();
	return { actions, photos };
}

/** The sentence the crew sees before signing out, or null when nothing is waiting. */
export function pendingWarning({ actions, photos }: PendingWork): string | null {
	if (actions === 0 && photos === 0) return null;
	const parts = [
		actions > 0 ? `${actions} ${actions === 1 ? 'change' : 'changes'}` : '',
		photos > 0 ? `${photos} ${photos === 1 ? 'photo' : 'photos'}` : ''
	].filter(Boolean);
	return `${parts.join(' and ')} not sent yet. Sync now before signing out; nothing was deleted.`;
}

/** Deletes the user's local database if nothing is pending; returns what was pending otherwise. */
export async function clearIfSynced(
	db: CurbsideDb
): Promise<{ cleared: true } | { cleared: false; pending: PendingWork }> {
	const pending = await pendingWork(db);
	if (pendingWarning(pending) !== null) return { cleared: false, pending };
	db.close();
	await db.delete();
	return { cleared: true };
}
