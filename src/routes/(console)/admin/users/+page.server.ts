import { fail } from '@sveltejs/kit';
import { v } from '$lib/domain';
import { ROLES } from '$lib/server/auth/types';
import { serverContext } from '$lib/server/context';
import { readForm } from '$lib/server/services/admin-support';
import { changeUserAccess, userAccessForm } from '$lib/server/services/admin-user-access';
import {
	AdminUsersService,
	MIN_PASSWORD_LENGTH,
	newUserForm,
	passwordForm
} from '$lib/server/services/admin-users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { repos } = await serverContext();
	const [users, crews] = await Promise.all([repos.users.list(), repos.crews.list()]);
	const crewNames = new Map(crews.map((crew) => [crew.id, crew.name]));
	return {
		me: locals.user?.id ?? null,
		roles: ROLES,
		minPasswordLength: MIN_PASSWORD_LENGTH,
		crews: crews.filter((crew) => crew.active === 1).map((crew) => ({ id: crew.id, name: crew.name })),
		departments: [...new Set(crews.map((crew) => crew.department))].sort(),
		users: users.map((user) => ({
			id: user.id,
			username: user.username,
			displayName: user.display_name,
			role: user.role,
			crew: user.crew_id ? (crewNames.get(user.crew_id) ?? user.crew_id) : null,
			crewId: user.crew_id,
			department: user.department,
			disabled: user.disabled_at !== null
		}))
	};
};

const userId = v.object({ user_id: v.string({ trim: true, min: 1, max: 64 }) });

export const actions: Actions = {
	create: async ({ request }) => {
		const checked = await readForm(request, newUserForm);
		if (!checked.ok) return fail(400, { action: 'create', issues: checked.issues });
		const { database } = await serverContext();
		const created = await new AdminUsersService(database.db).create(checked.value, new Date());
		if (!created.ok) return fail(400, { action: 'create', issues: created.issues });
		return {
			action: 'create',
			done: `${created.value.display_name} (${created.value.username}) can now sign in.`
		};
	},
	password: async ({ request }) => {
		const checked = await readForm(request, passwordForm);
		if (!checked.ok) return fail(400, { action: 'password', issues: checked.issues });
		const { database } = await serverContext();
		const reset = await new AdminUsersService(database.db).resetPassword(
			checked.value.user_id,
			checked.value.password,
			new Date()
		);
		if (!reset.ok) return fail(404, { action: 'password', issues: reset.issues });
		return {
			action: 'password',
			done: `The password of ${reset.value.username} was changed and their sessions ended.`
		};
	},
	access: async ({ request, locals }) => {
		const checked = await readForm(request, userAccessForm);
		if (!checked.ok) return fail(400, { action: 'access', issues: checked.issues });
		const { database } = await serverContext();
		const result = await changeUserAccess(database.db, checked.value, locals.user?.id ?? null, new Date());
		if (!result.ok) return fail(400, { action: 'access', issues: result.issues });
		const { user, changed, sessionsEnded } = result.value;
		if (!changed)
			return { action: 'access', done: `${user.username} already had that role, crew and department.` };
		const signedOut =
			sessionsEnded > 0 ? ' They were signed out everywhere and sign in again with the new access.' : '';
		return { action: 'access', done: `${user.username} is now ${await describeAccess(user)}.${signedOut}` };
	},
	disable: ({ request, locals }) => switchAccount(request, locals.user?.id ?? '', true),
	enable: ({ request, locals }) => switchAccount(request, locals.user?.id ?? '', false)
};

async function switchAccount(request: Request, actorId: string, disabled: boolean) {
	const action = disabled ? 'disable' : 'enable';
	const checked = await readForm(request, userId);
	if (!checked.ok) return fail(400, { action, issues: checked.issues });
	const { database } = await serverContext();
	const result = await new AdminUsersService(database.db).setDisabled(
		checked.value.user_id,
		disabled,
		actorId,
		new Date()
	);
	if (!result.ok) return fail(400, { action, issues: result.issues });
	return {
		action,
		done: disabled
			? 'The account is disabled: its sessions have ended and its devices can no longer sync.'
			: 'The account is enabled again.'
	};
}

/** "a crew member of Streets North", "a supervisor of Parks", "an admin": for the confirmation line. */
async function describeAccess(user: { role: string; crew_id: string | null; department: string | null }) {
	if (user.role === 'crew') {
		const { repos } = await serverContext();
		const crew = user.crew_id ? await repos.crews.get(user.crew_id) : undefined;
		return `a crew member of ${crew?.name ?? 'a crew'}`;
	}
	const where = user.department ? `of ${user.department}` : 'of every department';
	return user.role === 'admin' ? `an admin` : `a supervisor ${where}`;
}
