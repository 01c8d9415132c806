import { fail } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { AdminCrewsService, crewForm, crewUpdateForm } from '$lib/server/services/admin-crews';
import { readForm } from '$lib/server/services/admin-support';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { repos } = await serverContext();
	const [crews, users, services] = await Promise.all([
		repos.crews.list(),
		repos.users.list(),
		repos.services.list({ includeInactive: true })
	]);
	return {
		departments: [
			...new Set([...crews.map((c) => c.department), ...services.map((s) => s.department)])
		].sort(),
		crews: crews.map((crew) => ({
			id: crew.id,
			name: crew.name,
			department: crew.department,
			color: crew.color,
			active: crew.active === 1,
			members: users.filter((user) => user.crew_id === crew.id).length
		}))
	};
};

export const actions: Actions = {
	create: async ({ request }) => {
		const checked = await readForm(request, crewForm, ['active']);
		if (!checked.ok) return fail(400, { action: 'create', issues: checked.issues });
		const { database } = await serverContext();
		const created = await new AdminCrewsService(database.db).create(checked.value, new Date());
		if (!created.ok) return fail(400, { action: 'create', issues: created.issues });
		return { action: 'create', done: `${created.value.name} was created.` };
	},
	update: async ({ request }) => {
		const checked = await readForm(request, crewUpdateForm, ['active']);
		if (!checked.ok) return fail(400, { action: 'update', issues: checked.issues });
		const { crew_id, ...changes } = checked.value;
		const { database } = await serverContext();
		const updated = await new AdminCrewsService(database.db).update(crew_id, changes);
		if (!updated.ok) return fail(400, { action: 'update', issues: updated.issues });
		return { action: 'update', done: `${updated.value.name} was saved.` };
	}
};
