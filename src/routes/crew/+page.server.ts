import { error } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { byRouteThenUrgency, summarizeOrders } from '$lib/server/views/order-summaries';
import type { PageServerLoad } from './$types';

const OPEN_FOR_CREW = ['assigned', 'in_progress', 'reopened'];

export const load: PageServerLoad = async ({ locals }) => {
	const user = locals.user;
	if (!user?.crewId) error(403, 'Your account is not on a crew yet. Ask your supervisor to add you to one.');
	const { repos } = await serverContext();
	const [crew, services, rows, counts] = await Promise.all([
		repos.crews.get(user.crewId),
		repos.services.list({ includeInactive: true }),
		repos.workOrders.list({ crewId: user.crewId, fieldStatuses: OPEN_FOR_CREW }, { limit: 500 }),
		repos.workOrders.countByStatus({ crewId: user.crewId })
	]);
	return {
		crewName: crew?.name ?? 'Unknown crew',
		counts,
		orders: summarizeOrders(rows.sort(byRouteThenUrgency), services, new Date())
	};
};
