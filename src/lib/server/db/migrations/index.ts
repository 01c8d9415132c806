import type { Migration } from 'kysely';
import type { DialectName } from '../connect';
import { initialSchema } from './0001-initial-schema';

/**
 * Every migration, in order. Listed by hand (not read from a folder) because the production
 * server is one bundled file. Names never change once released.
 */
export function migrationsFor(dialect: DialectName): Record<string, Migration> {
	return {
		'0001-initial-schema': initialSchema(dialect)
	};
}
