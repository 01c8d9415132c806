import { json } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { bindSessionOnce } from '$lib/server/auth/session-binding';
import { jsonError, readJsonBody } from '$lib/server/http/json';
import { SyncService } from '$lib/server/sync/sync-service';
import type { RequestHandler } from './$types';

/** A push carries at most MAX_MUTATIONS_PER_PUSH mutations; notes are up to 4,000 characters each. */
const PUSH_BODY_LIMIT = 4_000_000;

/** Applies a device's queued mutations in order, each exactly once (docs/sync-spec.md S3-S8). */
export const POST: RequestHandler = async ({ request, locals }) => {
	if (!locals.user) return jsonError(401, 'Sign in first.');
	const body = await readJsonBody(request, PUSH_BODY_LIMIT);
	if (!body.ok) return body.response;
	const { database, photos } = await serverContext();
	const answer = await new SyncService(database.db, photos).push(locals.user, body.value, new Date());
	// Signing out this device (a lost tablet) then ends this session too.
	const deviceId = (body.value as { deviceId?: unknown } | null)?.deviceId;
	if (answer.status === 200 && locals.sessionId && typeof deviceId === 'string')
		await bindSessionOnce(database.db, locals.sessionId, locals.user.id, deviceId);
	return json(answer.body, { status: answer.status });
};
