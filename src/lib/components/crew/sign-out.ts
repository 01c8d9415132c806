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

/** "2 changes and 1 photo", or null when nothing is waiting. */
function describePending({ actions, photos }: PendingWork): string | null {
	if (actions === 0 && photos === 0) return null;
	return [
		actions > 0 ? `${actions} ${actions === 1 ? 'change' : 'changes'}` : '',
		photos > 0 ? `${photos} ${photos === 1 ? 'photo' : 'photos'}` : ''
	]
		.filter(Boolean)
		.join(' and ');
}

/** The sentence the crew sees before signing out, or null when nothing is waiting. */
export function pendingWarning(pending: PendingWork): string | null {
	const what = describePending(pending);
	return what && `${what} not sent yet. Sync now before signing out; nothing was deleted.`;
}

/**
 * What someone who now signs in with another role (a crew member made supervisor) reads when this
 * device still holds work they recorded as crew: the server refuses sync to anyone not on a crew
 * (S17), so it waits here until an administrator gives them crew access again. Null when none.
 */
export function strandedWarning(pending: PendingWork): string | null {
	const what = describePending(pending);
	return (
		what &&
		`This device still holds ${what} you recorded as a crew member, never sent. They stay here; nothing was deleted. To send them, ask an administrator to give you crew access again, then sign in and open this app with signal.`
	);
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
