import { encodeLeanOrder } from '$lib/components/console/lean-orders';
import { NO_FILTERS } from '$lib/client/console/console-filters';
import { instantFromWallClock, zonedParts } from '$lib/domain/time-zone';
import { CITY_TIME_ZONE } from '$lib/server/city';
import { serverContext } from '$lib/server/context';
import { ConsolePages, DEFAULT_PAGE_SIZE, type ConsoleListQuery } from '$lib/server/services/console-pages';
import { ConsoleQueries } from '$lib/server/services/console-queries';
import { scopeFor } from '$lib/server/services/department-scope';
import { duplicateDistanceFromEnv } from '$lib/server/services/duplicates';
import type { PageServerLoad } from './$types';

/**
 * The console's first paint: a lean row for every order in the supervisor's departments (the map,
 * the filters and the counts), the first page of each list, and the cursors to go live from.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const { database } = await serverContext();
	const scope = scopeFor(locals.user ?? { role: 'crew', department: null });
	const queries = new ConsoleQueries(database.db, scope, null);
	const pages = new ConsolePages(database.db, scope, duplicateDistanceFromEnv());
	const now = new Date();
	const todayStart = cityMidnight(now).toISOString();
	const firstPage: ConsoleListQuery = {
		list: 'orders',
		...NO_FILTERS,
		finishedSince: todayStart,
		after: null,
		limit: DEFAULT_PAGE_SIZE
	};
	// Cursors first: anything written while the rest is read arrives again over the stream, harmlessly.
	const cursors = await queries.cursors();
	const [crews, services, orders, queuePage, ordersPage, lastPositions, trails] = await Promise.all([
		queries.crews(),
		queries.services(),
		queries.mapOrders(todayStart),
		pages.page({ ...firstPage, list: 'queue' }, now),
		pages.page(firstPage, now),
		queries.lastPositions(),
		queries.trailsSince(todayStart)
	]);
	return {
		snapshot: {
			crews,
			services,
			orders: orders.map(encodeLeanOrder),
			queuePage,
			ordersPage,
			lastPositions,
			trails,
			todayStart,
			...cursors
		}
	};
};

function cityMidnight(now: Date): Date {
	const local = zonedParts(now, CITY_TIME_ZONE);
	return instantFromWallClock(Date.UTC(local.year, local.month - 1, local.day), CITY_TIME_ZONE);
}
