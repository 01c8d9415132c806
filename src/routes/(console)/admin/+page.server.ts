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
	return {
		people: users.length,
		disabledPeople: users.filter((user) => user.disabled_at !== null).length,
		crews: crews.filter((crew) => crew.active === 1).length,
		services: services.filter((service) => service.active === 1).length,
		liveApiKeys: keys.filter((key) => key.revoked_at === null).length
	};
};
