import type { Kysely, Migration } from 'kysely';

/**
 * Failed sign-ins per username and per address, in the database so that every server process
 * behind a load balancer counts the same attempts.
 */
export function signInThrottle(): Migration {
	return {
		async up(db: Kysely<unknown>) {
			await db.schema
				.createTable('sign_in_failures')
				.addColumn('key', 'text', (col) => col.primaryKey())
				.addColumn('failures', 'integer', (col) => col.notNull())
				.addColumn('first_failed_at', 'text', (col) => col.notNull())
				.addColumn('last_failed_at', 'text', (col) => col.notNull())
				.execute();
		},
		async down(db: Kysely<unknown>) {
			await db.schema.dropTable('sign_in_failures').execute();
		}
	};
}
