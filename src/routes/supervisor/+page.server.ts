import { instantFromWallClock, zonedParts } from '$lib/domain/time-zone';
import { CITY_TIME_ZONE } from '$lib/server/city';
import { serverContext } from '$lib/server/context';
import { ConsoleQueries } from '$lib/server/services/console-queries';
import { scopeFor } from '$lib/server/services/department-scope';
import type { PageServerLoad } from './$types';

/** The console's first paint: everything in the supervisor's departments, and the cursors to go live from. */
export const load: PageServerLoad = async ({ locals }) => {
	const { database } = await serverContext();
	const queries = new ConsoleQueries(
		database.db,
		scopeFor(locals.user ?? { role: 'crew', department: null })
	);
	const todayStart = cityMidnight(new Date()).toISOString();
	// Cursors first: anything written while the rest is read arrives again over the stream, harmlessly.
	const cursors = await queries.cursors();
	const [crews, services, orders, lastPositions, trails] = await Promise.all([
		queries.crews(),
		queries.services(),
		queries.orders(todayStart),
		queries.lastPositions(),
		queries.trailsSince(todayStart)
	]);
	return { snapshot: { crews, services, orders, lastPositions, trails, todayStart, ...cursors } };
};

function cityMidnight(now: Date): Date {
	const local = zonedParts(now, CITY_TIME_ZONE);
	return instantFromWallClock(Date.UTC(local.year, local.month - 1, local.day), CITY_TIME_ZONE);
}
