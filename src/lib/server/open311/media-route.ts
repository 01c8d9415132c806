/** GET media/{sha256}.{ext}: the public copy of a photo attached to a request (metadata stripped). */
import type { Open311Deps } from './deps';
import { extensionFor, parseMediaName } from './media';

function missing(): Response {
	return new Response('No such photo.', {
		status: 404,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
}

export async function serveMedia(deps: Open311Deps, name: string): Promise<Response> {
	const parsed = parseMediaName(name);
	// Only photos a reporter sent or a crew left as the result are public; before/other photos are not.
	if (!parsed || !(await deps.repos.open311Reads.isPublicPhoto(parsed.sha256))) return missing();
	const photo = await deps.photos.readPublic(parsed.sha256);
	if (!photo || extensionFor(photo.contentType) !== parsed.extension) return missing();
	return new Response(new Uint8Array(photo.bytes), {
		headers: {
			'content-type': photo.contentType,
			'content-length': String(photo.bytes.length),
			// Content addressed: the bytes behind a name never change.
			'cache-control': 'public, max-age=31536000, immutable',
			etag: `"${parsed.sha256}"`,
			'content-disposition': 'inline'
		}
	});
}
