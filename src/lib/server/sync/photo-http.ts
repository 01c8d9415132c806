/** HTTP plumbing for resumable photo uploads (S7): headers in, a size-capped body, errors out. */
import { UPLOAD_COMPLETE_HEADER, UPLOAD_LENGTH_HEADER, UPLOAD_OFFSET_HEADER, isSha256Hex } from '$lib/domain';
import type { SessionUser } from '$lib/server/auth/types';
import { jsonError } from '$lib/server/http/json';
import { MAX_PHOTO_BYTES, PhotoError, type PhotoStore } from '$lib/server/photos/store';
import { SyncPullRepository } from '$lib/server/repositories/sync-pull';
import type { Kysely } from 'kysely';
import type { Database } from '$lib/server/db/schema';

export function checkedHash(param: string): string | Response {
	return isSha256Hex(param)
		? param
		: jsonError(400, 'A photo is named by the lowercase hex SHA-256 of its bytes.');
}

/** HEAD: how many bytes the server holds (404 when none), and whether the photo is complete. */
export async function uploadStatus(store: PhotoStore, sha256: string): Promise<Response> {
	const held = await store.partialSize(sha256);
	const complete = await store.has(sha256);
	if (!complete && held === 0)
		return new Response(null, { status: 404, headers: { 'Cache-Control': 'no-store' } });
	const headers = new Headers({ [UPLOAD_OFFSET_HEADER]: String(held), 'Cache-Control': 'no-store' });
	if (complete) headers.set(UPLOAD_COMPLETE_HEADER, '1');
	return new Response(null, { status: 200, headers });
}

/** PUT: appends the body at Upload-Offset; 409 with the right offset when they disagree. */
export async function receivePiece(store: PhotoStore, sha256: string, request: Request): Promise<Response> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/octet-stream\b/i.test(type)) {
		return jsonError(415, 'Send the photo bytes as application/octet-stream.');
	}
	const offset = headerInteger(request, UPLOAD_OFFSET_HEADER);
	if (offset === null)
		return jsonError(400, `${UPLOAD_OFFSET_HEADER} must be the number of bytes already sent.`);
	const length = request.headers.has(UPLOAD_LENGTH_HEADER)
		? headerInteger(request, UPLOAD_LENGTH_HEADER)
		: undefined;
	if (length === null) return jsonError(400, `${UPLOAD_LENGTH_HEADER} must be the photo's size in bytes.`);
	if (length !== undefined && length > MAX_PHOTO_BYTES) return tooLarge();
	const room = (length ?? MAX_PHOTO_BYTES) - offset;
	if (length !== undefined && room < 0)
		return jsonError(400, `${UPLOAD_OFFSET_HEADER} is past ${UPLOAD_LENGTH_HEADER}.`);
	if (room < 0 || Number(request.headers.get('content-length') ?? '0') > room) return tooLarge();
	const chunk = await readCapped(request, room);
	if (chunk === 'too-large' && length !== undefined)
		return jsonError(400, `The body runs past ${UPLOAD_LENGTH_HEADER}.`);
	if (chunk === 'too-large') return tooLarge();
	if (chunk === 'unreadable') return jsonError(400, 'The photo bytes could not be read; send them again.');
	try {
		const { received, complete } = await store.appendPartial(sha256, offset, chunk, length);
		return Response.json({ received, complete: complete !== null });
	} catch (cause) {
		if (!(cause instanceof PhotoError)) throw cause;
		if (cause.status === 409)
			return Response.json({ error: cause.message, offset: cause.offset ?? 0 }, { status: 409 });
		return jsonError(cause.status, cause.message);
	}
}

/** GET: staff see every photo; a crew member those of the crew's orders and those they linked. */
export async function servePhoto(
	store: PhotoStore,
	db: Kysely<Database>,
	user: SessionUser,
	sha256: string
): Promise<Response> {
	const allowed =
		user.role !== 'crew' || (await new SyncPullRepository(db).crewMaySeePhoto(sha256, user.crewId, user.id));
	const photo = allowed ? await store.read(sha256) : null;
	if (!photo) return jsonError(404, 'There is no such photo, or it is not yours to see.');
	return new Response(Buffer.from(photo.bytes), {
		headers: {
			'Content-Type': photo.row.content_type,
			'Content-Length': String(photo.bytes.length),
			// Content addressed: the bytes behind a name never change.
			'Cache-Control': 'private, max-age=31536000, immutable',
			ETag: `"${sha256}"`
		}
	});
}

function headerInteger(request: Request, name: string): number | null {
	const text = request.headers.get(name)?.trim() ?? '';
	if (!/^\d{1,12}$/.test(text)) return null;
	return Number(text);
}

function tooLarge(): Response {
	return jsonError(413, `A photo may be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`);
}

/** Reads at most `limit` bytes, so an endless body cannot fill memory. */
async function readCapped(request: Request, limit: number): Promise<Uint8Array | 'too-large' | 'unreadable'> {
	if (!request.body) return new Uint8Array(0);
	const reader = request.body.getReader();
	const parts: Uint8Array[] = [];
	let total = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			total += value.length;
			if (total > limit) {
				await reader.cancel();
				return 'too-large';
			}
			parts.push(value);
		}
	} catch {
		return 'unreadable';
	}
	return new Uint8Array(Buffer.concat(parts));
}
