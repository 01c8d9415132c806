import { describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_NAME } from '$lib/client/db/schema';
import { crewDatabaseName } from './crew-db-name';

describe('a crew member database name', () => {
	it('is the store default name followed by the user, one database per person', () => {
		expect(crewDatabaseName('u-1')).toBe(`${DEFAULT_DATABASE_NAME}-user-u-1`);
		expect(crewDatabaseName('u-2')).not.toBe(crewDatabaseName('u-1'));
	});
});
