/**
 * The name of a crew member's own local database (see crew-db.ts), apart from the store's code so
 * that the start of the app can name it before Dexie is loaded.
 */

/** schema.ts's DEFAULT_DATABASE_NAME (a test holds the two together). */
const DATABASE_PREFIX = 'curbside';

export function crewDatabaseName(userId: string): string {
	return `${DATABASE_PREFIX}-user-${userId}`;
}
