import { serverContext } from '$lib/server/context';
import { jsonError } from '$lib/server/http/json';
import { checkedHash, receivePiece, servePhoto, uploadStatus } from '$lib/server/sync/photo-http';
import type { RequestHandler } from './$types';

/** How much of this photo the server holds (docs/sync-spec.md S7). */
export const HEAD: RequestHandler = async ({ params }) => {
	const sha256 = checkedHash(params.sha256);
	if (sha256 instanceof Response) return new Response(null, { status: sha256.status });
	const { photos } = await serverContext();
	return uploadStatus(photos, sha256);
};

/** One piece of a resumable, content-addressed upload, starting at Upload-Offset. */
export const PUT: RequestHandler = async ({ params, request, locals }) => {
	if (!locals.user) return jsonError(401, 'Sign in first.');
	const sha256 = checkedHash(params.sha256);
	if (sha256 instanceof Response) return sha256;
	const { photos } = await serverContext();
	return receivePiece(photos, sha256, request);
};

export const GET: RequestHandler = async ({ params, locals }) => {
	if (!locals.user) return jsonError(401, 'Sign in first.');
	const sha256 = checkedHash(params.sha256);
	if (sha256 instanceof Response) return sha256;
	const { photos, database } = await serverContext();
	return servePhoto(photos, database.db, locals.user, sha256);
};
