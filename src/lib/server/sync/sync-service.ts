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
import { syncTurns } from './turn-budget';
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

	async push(user: SessionUser, body: unknown, now: Date): Promise<SyncAnswer<PushResponse>> {
		await syncTurns.pace();
		return pushMutations(this.db, this.photos, user, body, now);
	}

	async pull(user: SessionUser, query: PullQuery, now: Date): Promise<SyncAnswer<PullResponse>> {
		await syncTurns.pace();
		return pullChanges(this.db, user, query, now);
	}
}
