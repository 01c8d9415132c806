import { serverContext } from '$lib/server/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { repos } = await serverContext();
	const [users, crews, services, keys] = await Promise.all([
		repos.users.list(),
		repos.crews.list(),
		repos.services.list({ includeInactive: true }),
		repos.apiKeys.list()
	]);
	const crewNames = new Map(crews.map((crew) => [crew.id, crew.name]));
	return {
		users: users.map((user) => ({
			id: user.id,
			username: user.username,
			displayName: user.display_name,
			role: user.role,
			crew: user.crew_id ? (crewNames.get(user.crew_id) ?? user.crew_id) : null,
			disabled: user.disabled_at !== null
		})),
		services: services.map((service) => ({
			code: service.service_code,
			name: service.service_name,
			group: service.group_name,
			slaHours: service.sla_hours,
			active: service.active === 1
		})),
		liveApiKeys: keys.filter((key) => key.revoked_at === null).length
	};
};
