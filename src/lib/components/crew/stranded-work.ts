/**
 * Work left on this device by someone who was a crew member and now signs in with another role
 * (see strandedWarning). Read from their own store (crew-db.ts), which is opened only if this
 * device has one: opening a store that does not exist would create it.
 */
import { crewDatabaseName } from './crew-db-name';
import { pendingWork, strandedWarning } from './sign-out';

export async function strandedWorkWarning(userId: string): Promise<string | null> {
	const name = crewDatabaseName(userId);
	const stores = await indexedDB.databases();
	if (!stores.some((store) => store.name === name)) return null;
	const { openCrewDbNamed } = await import('./crew-db');
	const db = openCrewDbNamed(name);
	try {
		return strandedWarning(await pendingWork(db));
	} finally {
		db.close();
	}
}
