/**
 * One local database per signed-in user. When someone else signs in on a shared tablet they get
 * their own, empty store and never see the previous person's orders, while that person's unsent
 * work stays on the device until they sign in again and it syncs (nothing is deleted).
 *
 * Whatever else opens the store (the sync worker, the service worker) must use the same name
 * (crewDatabaseName). This module brings Dexie: the crew app imports it with import(), so that
 * Today's first rows paint before Dexie loads (see CrewApp.loadStore).
 */
import { CurbsideDb } from '$lib/client/db/schema';

/** The store by its name (crewDatabaseName), as the crew app knows it before Dexie loads. */
export function openCrewDbNamed(databaseName: string): CurbsideDb {
	return new CurbsideDb(databaseName);
}
