import type { Kysely } from 'kysely';
import type { Database, SessionRow, UserRow } from '../db/schema';

export interface NewSession {
	id: string;
	userId: string;
	deviceId: string | null;
	createdAt: string;
	expiresAt: string;
	userAgent: string;
	ip: string;
}

export class SessionRepository {
	constructor(private readonly db: Kysely<Database>) {}

	async insert(session: NewSession): Promise<void> {
		await this.db
			.insertInto('sessions')
			.values({
				id: session.id,
				user_id: session.userId,
				device_id: session.deviceId,
				created_at: session.createdAt,
				expires_at: session.expiresAt,
				last_seen_at: session.createdAt,
				user_agent: session.userAgent,
				ip: session.ip
			})
			.execute();
	}

	/** The session and its user, if the session is live and the user still enabled. */
	async findActive(id: string, now: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
		const session = await this.db
			.selectFrom('sessions')
			.selectAll()
			.where('id', '=', id)
			.where('revoked_at', 'is', null)
			.where('expires_at', '>', now)
			.executeTakeFirst();
		if (!session) return undefined;
		const user = await this.db
			.selectFrom('users')
			.selectAll()
			.where('id', '=', session.user_id)
			.where('disabled_at', 'is', null)
			.executeTakeFirst();
		return user ? { session, user } : undefined;
	}

	async touch(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
		await this.db
			.updateTable('sessions')
			.set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
			.where('id', '=', id)
			.execute();
	}

	async revoke(id: string, at: string): Promise<void> {
		await this.db
			.updateTable('sessions')
			.set({ revoked_at: at })
			.where('id', '=', id)
			.where('revoked_at', 'is', null)
			.execute();
	}

	/** Ends every session of a user (disabled account, changed password). Returns how many ended. */
	async revokeAllForUser(userId: string, at: string): Promise<number> {
		const result = await this.db
			.updateTable('sessions')
			.set({ revoked_at: at })
			.where('user_id', '=', userId)
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
		return Number(result.numUpdatedRows);
	}

	async deleteExpired(now: string): Promise<number> {
		const result = await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
		return Number(result.numDeletedRows);
	}
}
