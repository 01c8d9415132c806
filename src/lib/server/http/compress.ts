/**
 * JSON answers of the API are gzipped when the client accepts it. A sync pull page of 500 orders
 * is about 1.5 MB of JSON and shrinks about 8x; crews pull over weak mobile links, so this is most
 * of the bytes a sync costs after the photos themselves.
 *
 * An answer of known length (SvelteKit's json() states it: every sync answer) is compressed in one
 * piece by node:zlib on libuv's thread pool, so the single JavaScript thread that serves every
 * request spends next to nothing on it, and the result goes out with its length in one write.
 * Through CompressionStream the same work cost the thread about a millisecond per 60 KB pull in
 * web-stream plumbing and compression (profiled under the server-load bench, issue #9). The
 * compression level hardly changes the time on JSON like ours (about 12 ms per MB from level 1 to
 * 6), so zlib's default keeps the smaller answer. Only an answer of unknown length, which may be a
 * stream meant to be read as it comes, is compressed as a stream.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/** Below this, gzip's own header and the CPU are not worth it (roughly one TCP segment). */
const MIN_BYTES = 1400;

const gzipOffThread = promisify(gzip);

export async function gzipJsonIfAccepted(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (!response.body || !type.startsWith('application/json')) return response;
	if (response.headers.has('content-encoding')) return response;
	if (!acceptsGzip(request.headers.get('accept-encoding'))) return response;
	const stated = response.headers.get('content-length');
	const length = Number(stated ?? Number.NaN);
	if (length < MIN_BYTES) return response;

	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.append('vary', 'Accept-Encoding');
	const init = { status: response.status, statusText: response.statusText, headers };
	if (stated === null) {
		headers.delete('content-length');
		return new Response(response.body.pipeThrough(new CompressionStream('gzip')), init);
	}
	const zipped = await gzipOffThread(new Uint8Array(await response.arrayBuffer()));
	headers.set('content-length', String(zipped.byteLength));
	return new Response(new Uint8Array(zipped.buffer, zipped.byteOffset, zipped.byteLength), init);
}

/** `gzip` listed and not refused with `q=0`. */
function acceptsGzip(header: string | null): boolean {
	if (!header) return false;
	return header.split(',').some((part) => {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		if (coding?.trim() !== 'gzip') return false;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return q === undefined || Number(q.slice(2)) > 0;
	});
}
