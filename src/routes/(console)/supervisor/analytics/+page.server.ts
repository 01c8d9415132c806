import { serverContext } from '$lib/server/context';
import { analyticsFor } from '$lib/server/services/analytics';
import type { PageServerLoad } from './$types';

const SHOWN_PLACES = 25;

export const load: PageServerLoad = async ({ url, locals }) => {
	const asked = {
		from: url.searchParams.get('from') ?? '',
		to: url.searchParams.get('to') ?? '',
		cell: url.searchParams.get('cell') ?? ''
	};
	if (!locals.user) return { asked, issues: [], report: null, repeatPlaceCount: 0 };
	const { database } = await serverContext();
	const result = await analyticsFor(database.db, locals.user, url.searchParams, new Date());
	// A bad period is shown beside the form, never as an error page.
	if (!result.ok) return { asked, issues: result.issues, report: null, repeatPlaceCount: 0 };
	// The page lists the busiest places; the CSV export has them all.
	const { repeatPlaces, ...report } = result.report;
	return {
		asked,
		issues: [],
		report: { ...report, repeatPlaces: repeatPlaces.slice(0, SHOWN_PLACES) },
		repeatPlaceCount: repeatPlaces.length
	};
};
