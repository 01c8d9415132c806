import { exportFileName, exportKind, reportCsv } from '$lib/domain/analytics';
import { v } from '$lib/domain';
import { serverContext } from '$lib/server/context';
import { issuesError, jsonError } from '$lib/server/http/json';
import { analyticsFor } from '$lib/server/services/analytics';
import type { RequestHandler } from './$types';

/** One table of the report as a CSV download: GET /api/analytics.csv?from&to&cell&kind=weekly|services|hotspots|addresses. */
export const GET: RequestHandler = async ({ url, locals }) => {
	if (!locals.user) return jsonError(401, 'Sign in first.');
	const kind = v.validate(v.object({ kind: exportKind }), { kind: url.searchParams.get('kind') });
	if (!kind.ok) return issuesError('Choose what to export', kind.issues);
	const { database } = await serverContext();
	const result = await analyticsFor(database.db, locals.user, url.searchParams, new Date());
	if (!result.ok) return issuesError('The period is not valid', result.issues);
	return new Response(reportCsv(result.report, kind.value.kind), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName(result.report, kind.value.kind)}"`,
			'cache-control': 'private, no-store'
		}
	});
};
