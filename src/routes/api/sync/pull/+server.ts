import { json } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { bindSessionOnce } from '$lib/server/auth/session-binding';
import { jsonError } from '$lib/server/http/json';
import { SyncService } from '$lib/server/sync/sync-service';
import type { RequestHandler } from './$types';

/** The crew's changes since `cursor`, one page at a time (docs/sync-spec.md S14-S16). */
export const GET: RequestHandler = async ({ url, locals }) => {
	if (!locals.user) return jsonError(401, 'Sign in first.');
	const limitText = url.searchParams.get('limit');
	if (limitText !== null && !/^\d{1,6}$/.test(limitText))
		return jsonError(400, 'limit must be a whole number.');
	const { database, photos } = await serverContext();
	const deviceId = url.searchParams.get('deviceId') ?? '';
	const answer = await new SyncService(database.db, photos).pull(
		locals.user,
		{
			deviceId,
			cursor: url.searchParams.get('cursor') ?? undefined,
			limit: limitText === null ? undefined : Number(limitText),
			services: url.searchParams.get('services') ?? undefined
		},
		new Date()
	);
	// Signing out this device (a lost tablet) then ends this session too.
	if (answer.status === 200 && locals.sessionId)
		await bindSessionOnce(database.db, locals.sessionId, locals.user.id, deviceId);
	// Every page is personal and changes with each write: never cached.
	return json(answer.body, { status: answer.status, headers: { 'Cache-Control': 'no-store' } });
};
