import { json } from '@sveltejs/kit';
import { MAX_DUPLICATE_DISTANCE_M } from '$lib/domain/duplicates';
import { serverContext } from '$lib/server/context';
import { jsonError } from '$lib/server/http/json';
import { duplicateDistanceFromEnv, DuplicateService } from '$lib/server/services/duplicates';
import { staffOnly } from '$lib/server/services/review-http';
import type { RequestHandler } from './$types';

/**
 * GET /api/duplicates?orderId=CS-12[&distance=75]: open requests of the same service near the
 * order, nearest first. distance is in metres (default DUPLICATE_DISTANCE_M, else 50).
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const actor = staffOnly(locals.user);
	if (actor instanceof Response) return actor;
	const orderId = url.searchParams.get('orderId')?.trim() ?? '';
	if (orderId === '' || orderId.length > 64) return jsonError(400, 'Say which order: ?orderId=CS-...');
	const distanceText = url.searchParams.get('distance');
	const distance = distanceText === null ? duplicateDistanceFromEnv() : Number(distanceText);
	if (!Number.isFinite(distance) || distance <= 0 || distance > MAX_DUPLICATE_DISTANCE_M) {
		return jsonError(
			400,
			`distance must be a number of metres above 0 and at most ${MAX_DUPLICATE_DISTANCE_M}.`
		);
	}
	const { database } = await serverContext();
	const result = await new DuplicateService(database.db).hints(actor, orderId, distance);
	return result.ok ? json(result.value) : jsonError(result.status, result.error);
};
