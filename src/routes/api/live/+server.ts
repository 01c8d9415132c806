import { appLiveFeed } from '$lib/server/live/feed';
import { parseCursor } from '$lib/server/live/sse';
import { liveStream } from '$lib/server/live/stream';
import { serverContext } from '$lib/server/context';
import { jsonError } from '$lib/server/http/json';
import { ConsoleQueries } from '$lib/server/services/console-queries';
import { scopeFor } from '$lib/server/services/department-scope';
import type { RequestHandler } from './$types';

/**
 * The console's live updates as Server-Sent Events, limited to the viewer's departments.
 * Resumes from `Last-Event-ID` (a change number) when the browser reconnects, or from `?since=`
 * (the change number the page was rendered at) on the first connect.
 */
export const GET: RequestHandler = async ({ request, locals, url }) => {
	if (!locals.user) return jsonError(401, 'Sign in first.');
	const { database } = await serverContext();
	const source = new ConsoleQueries(database.db, scopeFor(locals.user));
	const body = liveStream({
		feed: appLiveFeed(),
		source,
		sinceSeq: parseCursor(request.headers.get('last-event-id')) ?? parseCursor(url.searchParams.get('since')),
		sinceLocationId: parseCursor(url.searchParams.get('locationsSince')),
		signal: request.signal
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			// Tells a buffering reverse proxy (nginx) to pass events through as they come.
			'x-accel-buffering': 'no'
		}
	});
};
