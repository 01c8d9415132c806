/**
 * One local database per signed-in user. When someone else signs in on a shared tablet they get
 * their own, empty store and never see the previous person's orders, while that person's unsent
 * work stays on the device until they sign in again and it syncs (nothing is deleted).
 *
 * Whatever else opens the store (the sync worker, the service worker) must use the same name.
 */
import { CurbsideDb } from '$lib/client/db/schema';
import { crewDatabaseName } from './crew-db-name';

export { crewDatabaseName };

export function openCrewDb(userId: string): CurbsideDb {
	return new CurbsideDb(crewDatabaseName(userId));
}
