import type { Migration } from 'kysely';
import type { DialectName } from '../connect';
import { initialSchema } from './0001-initial-schema';
import { photoUploads } from './0002-photo-uploads';
import { open311Schema } from './0003-open311';
import { syncIndexes } from './0004-sync';
import { signInThrottle } from './0005-sign-in-throttle';
import { reviewDecisions } from './0007-review-decisions';
import { securityEvents } from './0009-security-events';

/**
 * Every migration, in order. Listed by hand (not read from a folder) because the production
 * server is one bundled file. Names never change once released.
 */
export function migrationsFor(dialect: DialectName): Record<string, Migration> {
	return {
		'0001-initial-schema': initialSchema(dialect),
		'0002-photo-uploads': photoUploads(dialect),
		'0003-open311': open311Schema(dialect),
		'0004-sync': syncIndexes(dialect),
		'0005-sign-in-throttle': signInThrottle(),
		'0007-review-decisions': reviewDecisions(),
		'0009-security-events': securityEvents(dialect)
	};
}
