import { serverContext } from '$lib/server/context';
import { analyticsFor } from '$lib/server/services/analytics';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const asked = {
		from: url.searchParams.get('from') ?? '',
		to: url.searchParams.get('to') ?? '',
		cell: url.searchParams.get('cell') ?? ''
	};
	if (!locals.user) return { asked, issues: [], report: null };
	const { database } = await serverContext();
	const result = await analyticsFor(database.db, locals.user, url.searchParams, new Date());
	// A bad period is shown beside the form, never as an error page.
	if (!result.ok) return { asked, issues: result.issues, report: null };
	return { asked, issues: [], report: result.report };
};
