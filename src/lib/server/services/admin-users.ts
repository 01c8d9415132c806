/**
 * Administering the people who sign in: create with a role, crew and department and a first
 * password; reset a password; disable and enable. Disabling goes through the security module's
 * `disableUser`, which ends every session and signs out every device in the same transaction.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { v } from '$lib/domain';
import { hashPassword } from '../auth/password';
import { disableUser, enableUser } from '../auth/revocation';
import { ROLES } from '../auth/types';
import type { Database, UserRow } from '../db/schema';
import { repositories } from '../repositories';
import { inTransaction } from '../repositories/transaction';
import { adminText, type AdminResult } from './admin-support';

/** Long enough to resist guessing at our sign-in rate limits; passphrases are welcome. */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

const password = v.string({ min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH });

export const newUserForm = v.object(
	{
		username: v.string({
			trim: true,
			pattern: /^[A-Za-z0-9._-]{3,64}$/,
			patternMessage: 'must be 3 to 64 letters, digits, dots, dashes or underscores'
		}),
		display_name: adminText(100),
		role: v.oneOf(ROLES),
		crew_id: v.optional(v.string({ trim: true, max: 64 })),
		department: v.optional(adminText(60)),
		password
	},
	{
		rules: [
			({ role, crew_id }) =>
				role === 'crew' && !crew_id
					? [v.issue('crew_id', 'required', 'crew_id is required for a crew member: choose their crew')]
					: []
		]
	}
);
export type NewUserForm = v.Infer<typeof newUserForm>;

export const passwordForm = v.object({ user_id: v.string({ trim: true, min: 1, max: 64 }), password });

export class AdminUsersService {
	constructor(private readonly db: Kysely<Database>) {}

	async create(input: NewUserForm, now: Date): Promise<AdminResult<UserRow>> {
		const passwordHash = await hashPassword(input.password);
		return inTransaction(this.db, async (trx) => {
			const repos = repositories(trx);
			if (await repos.users.getByUsername(input.username))
				return refuse('username', 'taken', `The username ${input.username} is already in use.`);
			let crewId: string | null = null;
			let department = input.department ?? null;
			if (input.role === 'crew') {
				const crew = input.crew_id ? await repos.crews.get(input.crew_id) : undefined;
				if (!crew || crew.active !== 1) return refuse('crew_id', 'not_found', 'Choose an active crew.');
				crewId = crew.id;
				// A crew member works in their crew's department whatever was typed.
				department = crew.department;
			}
			const user = await repos.users.insert({
				id: crypto.randomUUID(),
				username: input.username,
				display_name: input.display_name,
				password_hash: passwordHash,
				role: input.role,
				crew_id: crewId,
				department,
				disabled_at: null,
				created_at: now.toISOString()
			});
			return { ok: true, value: user };
		});
	}

	/** Sets a new password and ends the person's sessions, so a leaked password stops working at once. */
	async resetPassword(userId: string, newPassword: string, now: Date): Promise<AdminResult<UserRow>> {
		const passwordHash = await hashPassword(newPassword);
		return inTransaction(this.db, async (trx) => {
			const repos = repositories(trx);
			const user = await repos.users.get(userId);
			if (!user) return refuse('user_id', 'not_found', 'There is no such user.');
			await repos.users.setPasswordHash(userId, passwordHash);
			await repos.sessions.revokeAllForUser(userId, now.toISOString());
			return { ok: true, value: user };
		});
	}

	async setDisabled(
		userId: string,
		disabled: boolean,
		actorId: string,
		now: Date
	): Promise<AdminResult<null>> {
		const result = disabled
			? await disableUser(this.db, userId, actorId, now)
			: await enableUser(this.db, userId, actorId, now);
		return result.ok ? { ok: true, value: null } : refuse('user_id', String(result.status), result.message);
	}
}

function refuse(path: string, code: string, message: string): { ok: false; issues: v.Issue[] } {
	return { ok: false, issues: [v.issue(path, code, message)] };
}
