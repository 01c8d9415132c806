/**
 * JSON answers of the API are gzipped when the client accepts it. A sync pull page of 500 orders
 * is about 1.5 MB of JSON and shrinks about 8x; crews pull over weak mobile links, so this is most
 * of the bytes a sync costs after the photos themselves.
 */

/** Below this, gzip's own header and the CPU are not worth it (roughly one TCP segment). */
const MIN_BYTES = 1400;

export function gzipJsonIfAccepted(request: Request, response: Response): Response {
	const type = response.headers.get('content-type') ?? '';
	if (!response.body || !type.startsWith('application/json')) return response;
	if (response.headers.has('content-encoding')) return response;
	if (!acceptsGzip(request.headers.get('accept-encoding'))) return response;
	const length = Number(response.headers.get('content-length') ?? Number.NaN);
	if (length < MIN_BYTES) return response;

	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	headers.append('vary', 'Accept-Encoding');
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
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
