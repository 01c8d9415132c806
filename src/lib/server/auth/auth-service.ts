import crypto from 'node:crypto';
import type { UserRow } from '../db/schema';
import type { Repositories } from '../repositories';
import { decoyPasswordHash, verifyPassword } from './password';
import type { SignInThrottle } from './throttle';
import { isRole, type SessionUser } from './types';

/** Crews sign in once and work a whole shift offline, so sessions are long and slide with use. */
export const SESSION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;
/** Refresh the stored expiry at most this often, not on every request. */
const SLIDE_AFTER_MS = 60 * 60 * 1000;

export interface SignInMeta {
	userAgent: string;
	ip: string;
	now: Date;
}

export type SignInResult =
	| { ok: true; token: string; user: SessionUser; expiresAt: Date }
	| { ok: false; message: string; retryAfterSeconds?: number };

/** One message for an unknown user, a wrong password and a disabled account: no user enumeration. */
export const BAD_CREDENTIALS = 'Wrong username or password.';

export class AuthService {
	constructor(
		private readonly repos: Repositories,
		private readonly throttle: SignInThrottle
	) {}

	async signIn(username: string, password: string, meta: SignInMeta): Promise<SignInResult> {
		const throttled = await this.throttle.check(username, meta.ip, meta.now);
		if (!throttled.allowed) {
			const minutes = Math.ceil(throttled.retryAfterSeconds / 60);
			return {
				ok: false,
				message: `Too many failed sign-ins. Try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`,
				retryAfterSeconds: throttled.retryAfterSeconds
			};
		}
		const user = await this.repos.users.getByUsername(username.trim());
		const hash = user?.password_hash ?? (await decoyPasswordHash());
		const passwordMatches = await verifyPassword(password, hash);
		if (!user || !passwordMatches || user.disabled_at || !isRole(user.role)) {
			await this.throttle.recordFailure(username, meta.ip, meta.now);
			return { ok: false, message: BAD_CREDENTIALS };
		}
		await this.throttle.recordSuccess(username);
		const token = crypto.randomBytes(32).toString('base64url');
		const expiresAt = new Date(meta.now.getTime() + SESSION_LIFETIME_MS);
		await this.repos.sessions.insert({
			id: sessionIdFor(token),
			userId: user.id,
			deviceId: null,
			createdAt: meta.now.toISOString(),
			expiresAt: expiresAt.toISOString(),
			userAgent: meta.userAgent.slice(0, 400),
			ip: meta.ip
		});
		return { ok: true, token, user: toSessionUser(user), expiresAt };
	}

	/** The user behind a session cookie, or null. Extends the session when it is in use. */
	async authenticate(
		token: string,
		now: Date
	): Promise<{ user: SessionUser; sessionId: string; expiresAt: Date } | null> {
		const sessionId = sessionIdFor(token);
		const found = await this.repos.sessions.findActive(sessionId, now.toISOString());
		if (!found || !isRole(found.user.role)) return null;
		let expiresAt = new Date(found.session.expires_at);
		if (now.getTime() - new Date(found.session.last_seen_at).getTime() > SLIDE_AFTER_MS) {
			expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
			await this.repos.sessions.touch(sessionId, now.toISOString(), expiresAt.toISOString());
		}
		return { user: toSessionUser(found.user), sessionId, expiresAt };
	}

	async signOut(sessionId: string, now: Date): Promise<void> {
		await this.repos.sessions.revoke(sessionId, now.toISOString());
	}
}

/** Only a hash of the cookie token is stored: a copy of the database does not hand out sessions. */
export function sessionIdFor(token: string): string {
	return crypto.createHash('sha256').update(token).digest('hex');
}

function toSessionUser(user: UserRow): SessionUser {
	if (!isRole(user.role)) throw new Error(`User ${user.id} has an unknown role`);
	return {
		id: user.id,
		username: user.username,
		displayName: user.display_name,
		role: user.role,
		crewId: user.crew_id,
		department: user.department
	};
}
