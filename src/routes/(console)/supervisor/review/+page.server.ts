import { error } from '@sveltejs/kit';
import { MAX_DUPLICATE_DISTANCE_M } from '$lib/domain/duplicates';
import { serverContext } from '$lib/server/context';
import { inScope, scopeFor } from '$lib/server/services/department-scope';
import { duplicateDistanceFromEnv, DuplicateService } from '$lib/server/services/duplicates';
import { ReviewService } from '$lib/server/services/review';
import type { PageServerLoad } from './$types';

/** The review queue of the supervisor's department, likely duplicates, and crews to reopen for. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.user;
	if (!user || (user.role !== 'supervisor' && user.role !== 'admin')) error(403, 'Supervisors only.');
	const asked = Number(url.searchParams.get('distance'));
	const distanceM =
		Number.isFinite(asked) && asked > 0 && asked <= MAX_DUPLICATE_DISTANCE_M
			? asked
			: duplicateDistanceFromEnv();
	const { database, repos } = await serverContext();
	const now = new Date();
	const scope = scopeFor(user);
	const [queue, pairs, crews] = await Promise.all([
		new ReviewService(database.db).queue(user, now),
		new DuplicateService(database.db).pairs(user, distanceM),
		repos.crews.list()
	]);
	return {
		queue,
		pairs,
		distanceM,
		crews: crews
			.filter((crew) => crew.active === 1 && inScope(scope, crew.department))
			.map((crew) => ({ id: crew.id, name: crew.name }))
	};
};
