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

	/**
	 * The session and its user, if the session is live and the user still enabled. One query: it
	 * runs on every signed-in request.
	 */
	async findActive(id: string, now: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
		const row = await this.db
			.selectFrom('sessions')
			.innerJoin('users', 'users.id', 'sessions.user_id')
			.selectAll('users')
			.select([
				'sessions.id as session_id',
				'sessions.device_id as session_device_id',
				'sessions.created_at as session_created_at',
				'sessions.expires_at as session_expires_at',
				'sessions.last_seen_at as session_last_seen_at',
				'sessions.revoked_at as session_revoked_at',
				'sessions.user_agent as session_user_agent',
				'sessions.ip as session_ip'
			])
			.where('sessions.id', '=', id)
			.where('sessions.revoked_at', 'is', null)
			.where('sessions.expires_at', '>', now)
			.where('users.disabled_at', 'is', null)
			.executeTakeFirst();
		if (!row) return undefined;
		const {
			session_id,
			session_device_id,
			session_created_at,
			session_expires_at,
			session_last_seen_at,
			session_revoked_at,
			session_user_agent,
			session_ip,
			...user
		} = row;
		const session: SessionRow = {
			id: session_id,
			user_id: user.id,
			device_id: session_device_id,
			created_at: session_created_at,
			expires_at: session_expires_at,
			last_seen_at: session_last_seen_at,
			revoked_at: session_revoked_at,
			user_agent: session_user_agent,
			ip: session_ip
		};
		return { session, user };
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
