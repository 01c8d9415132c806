/**
 * Changing what a person may do: their role (crew, supervisor, admin), their crew, and a
 * supervisor's department. Guard rails: an admin cannot take away their own admin role (they would
 * lock themselves out mid-task), and the last enabled admin cannot be demoted (nobody could
 * administer the city any more).
 *
 * Any change ends every session of the person, in the same transaction, like disabling does in
 * `auth/revocation.ts`: the crew app keeps the signed-in profile on the tablet and the console keeps
 * a live stream open with the scope it started with, so a cookie from before must not carry on with
 * the old powers. Their devices stay registered: after signing in again the same tablet syncs on.
 * Each change is written to `security_events` (action `user-access-changed`) with before and after.
 */
import type { Kysely } from 'kysely';
import { v } from '$lib/domain';
import { otherEnabledAdmins } from '../auth/revocation';
import { ROLES } from '../auth/types';
import type { Database, UserRow } from '../db/schema';
import { repositories } from '../repositories';
import { inTransaction } from '../repositories/transaction';
import { adminText, type AdminResult } from './admin-support';

export const userAccessForm = v.object(
	{
		user_id: v.string({ trim: true, min: 1, max: 64 }),
		role: v.oneOf(ROLES),
		crew_id: v.optional(v.string({ trim: true, max: 64 })),
		department: v.optional(adminText(60))
	},
	{
		rules: [
			({ role, crew_id }) =>
				role === 'crew' && !crew_id
					? [v.issue('crew_id', 'required', 'A crew member needs a crew: choose one.')]
					: []
		]
	}
);
export type UserAccessForm = v.Infer<typeof userAccessForm>;

export interface AccessChange {
	user: UserRow;
	/** False when the form asked for what the person already had (nothing written). */
	changed: boolean;
	sessionsEnded: number;
}

type Access = Pick<UserRow, 'role' | 'crew_id' | 'department'>;

export async function changeUserAccess(
	db: Kysely<Database>,
	input: UserAccessForm,
	actorId: string | null,
	now: Date
): Promise<AdminResult<AccessChange>> {
	if (actorId !== null && actorId === input.user_id && input.role !== 'admin')
		return refuse('role', 'self', 'You cannot remove your own admin role; ask another admin to do it.');
	const at = now.toISOString();
	return inTransaction(db, async (trx) => {
		const repos = repositories(trx);
		const user = await repos.users.get(input.user_id);
		if (!user) return refuse('user_id', 'not_found', 'There is no such person.');
		const next: Access = { role: input.role, crew_id: null, department: input.department ?? null };
		if (input.role === 'crew') {
			const crew = input.crew_id ? await repos.crews.get(input.crew_id) : undefined;
			if (!crew || crew.active !== 1) return refuse('crew_id', 'not_found', 'Choose an active crew.');
			// A crew member works in their crew's department whatever was typed (as when created).
			next.crew_id = crew.id;
			next.department = crew.department;
		}
		if (user.role === 'admin' && next.role !== 'admin' && (await otherEnabledAdmins(trx, user.id)) === 0)
			return refuse(
				'role',
				'last_admin',
				`${user.username} is the last admin; make someone else an admin first.`
			);
		const before: Access = { role: user.role, crew_id: user.crew_id, department: user.department };
		if (sameAccess(before, next)) return { ok: true, value: { user, changed: false, sessionsEnded: 0 } };

		const updated = await trx
			.updateTable('users')
			.set(next)
			.where('id', '=', user.id)
			.returningAll()
			.executeTakeFirstOrThrow();
		const sessionsEnded = await repos.sessions.revokeAllForUser(user.id, at);
		await trx
			.insertInto('security_events')
			.values({
				at,
				actor_user_id: actorId,
				action: 'user-access-changed',
				subject_user_id: user.id,
				subject_device_id: null,
				detail: JSON.stringify({ before, after: next, sessionsEnded })
			})
			.execute();
		return { ok: true, value: { user: updated, changed: true, sessionsEnded } };
	});
}

function sameAccess(a: Access, b: Access): boolean {
	return a.role === b.role && a.crew_id === b.crew_id && a.department === b.department;
}

function refuse(path: string, code: string, message: string): { ok: false; issues: v.Issue[] } {
	return { ok: false, issues: [v.issue(path, code, message)] };
}
