/**
 * The sync server (docs/sync-spec.md): plain data in and out, so routes and the in-process
 * fault-injection harness call the same code.
 */
import type { Kysely } from 'kysely';
import type { PullResponse, PushResponse } from '$lib/domain';
import type { SessionUser } from '$lib/server/auth/types';
import type { Database } from '$lib/server/db/schema';
import { pullChanges, type PullQuery } from './pull';
import { pushMutations, type PhotoPresence } from './push';
import type { SyncAnswer } from './types';

export type { PhotoPresence } from './push';
export type { PullQuery } from './pull';
export type { SyncAnswer, SyncError } from './types';

export class SyncService {
	constructor(
		private readonly db: Kysely<Database>,
		/** The PhotoStore (only `has` is needed). */
		private readonly photos: PhotoPresence
	) {}

	push(user: SessionUser, body: unknown, now: Date): Promise<SyncAnswer<PushResponse>> {
		return pushMutations(this.db, this.photos, user, body, now);
	}

	pull(user: SessionUser, query: PullQuery, now: Date): Promise<SyncAnswer<PullResponse>> {
		return pullChanges(this.db, user, query, now);
	}
}
