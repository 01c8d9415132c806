import { serverContext } from '$lib/server/context';
import { summarizeOrders } from '$lib/server/views/order-summaries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { repos } = await serverContext();
	const [crews, services, queue, counts] = await Promise.all([
		repos.crews.list(),
		repos.services.list({ includeInactive: true }),
		repos.workOrders.list(
			{ unassigned: true, fieldStatuses: ['new', 'reopened', 'unable_to_complete'] },
			{ limit: 50 }
		),
		repos.workOrders.countByStatus()
	]);
	const perCrew = await Promise.all(
		crews.map(async (crew) => ({
			id: crew.id,
			name: crew.name,
			counts: await repos.workOrders.countByStatus({ crewId: crew.id })
		}))
	);
	return { counts, perCrew, queue: summarizeOrders(queue, services, new Date()) };
};
