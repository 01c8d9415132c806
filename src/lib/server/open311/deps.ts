/** What every Open311 handler works with: one explicit bundle, so tests can build their own. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { PhotoStore } from '../photos/store';
import type { Repositories } from '../repositories';
import type { Open311Config } from './config';

export interface Open311Deps {
	db: Kysely<Database>;
	repos: Repositories;
	photos: PhotoStore;
	config: Open311Config;
	now: () => Date;
}

/** One incoming call, already split into its parts. */
export interface Open311Call {
	request: Request;
	url: URL;
	/** The absolute origin clients reach us at, for media URLs and discovery. */
	baseUrl: string;
}
