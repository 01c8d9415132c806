import type { Kysely } from 'kysely';
import type { ApiKeyRow, Database } from '../db/schema';

export class ApiKeyRepository {
	constructor(private readonly db: Kysely<Database>) {}

	async insert(key: {
		id: string;
		keyHash: string;
		keyPrefix: string;
		label: string;
		createdByUserId: string | null;
		createdAt: string;
	}): Promise<void> {
		await this.db
			.insertInto('api_keys')
			.values({
				id: key.id,
				key_hash: key.keyHash,
				key_prefix: key.keyPrefix,
				label: key.label,
				created_by_user_id: key.createdByUserId,
				created_at: key.createdAt
			})
			.execute();
	}

	findActiveByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
		return this.db
			.selectFrom('api_keys')
			.selectAll()
			.where('key_hash', '=', keyHash)
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
	}

	list(): Promise<ApiKeyRow[]> {
		return this.db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').execute();
	}

	/** Returns false when there was no such live key. */
	async revoke(id: string, at: string): Promise<boolean> {
		const result = await this.db
			.updateTable('api_keys')
			.set({ revoked_at: at })
			.where('id', '=', id)
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
		return Number(result.numUpdatedRows) > 0;
	}

	async touch(id: string, at: string): Promise<void> {
		await this.db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
	}
}
