/**
 * The browser's transport: same-origin fetch with the session cookie, a timeout on every request
 * (a hung request must not hold the sync lock forever), and HTTP statuses mapped to the few
 * failure kinds the engine acts on.
 */
import {
	UPLOAD_COMPLETE_HEADER,
	UPLOAD_OFFSET_HEADER,
	type PhotoOffsetMismatch,
	type PhotoPutResponse,
	type PullResponse,
	type PushGap,
	type PushResponse
} from '$lib/domain/sync/protocol';
import {
	TransportError,
	type PhotoHeld,
	type PhotoPutResult,
	type PullQuery,
	type Transport
} from './transport';

export interface HttpTransportOptions {
	/** '' for same origin (the app and its API are one SvelteKit server). */
	baseUrl?: string;
	timeoutMs?: number;
	/** Photo chunks are larger than JSON: give them longer on a weak connection. */
	uploadTimeoutMs?: number;
	fetch?: typeof fetch;
}

export function httpTransport(options: HttpTransportOptions = {}): Transport {
	const base = options.baseUrl ?? '';
	const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
	const timeoutMs = options.timeoutMs ?? 30_000;
	const uploadTimeoutMs = options.uploadTimeoutMs ?? 120_000;

	async function request(path: string, init: RequestInit, timeout = timeoutMs): Promise<Response> {
		let response: Response;
		try {
			response = await doFetch(`${base}${path}`, {
				...init,
				credentials: 'same-origin',
				signal: AbortSignal.timeout(timeout)
			});
		} catch (error) {
			// Offline, DNS, reset, or our own timeout: the engine treats them all as "try again later".
			throw new TransportError('network', error instanceof Error ? error.message : 'The request failed.');
		}
		if (response.status === 401) throw new TransportError('auth-expired', 'Please sign in again.', 401);
		if (response.status >= 500)
			throw new TransportError('server', `The server answered ${response.status}.`, 500);
		return response;
	}

	async function fail(response: Response): Promise<never> {
		const body = (await response.json().catch(() => ({}))) as { error?: string };
		throw new TransportError(
			'rejected',
			body.error ?? `The server answered ${response.status}.`,
			response.status
		);
	}

	return {
		async push(body) {
			const response = await request('/api/sync/push', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
			if (response.status === 409) {
				const gap = (await response.json()) as PushGap;
				return { kind: 'gap', lastMutationId: gap.lastMutationId };
			}
			if (!response.ok) return fail(response);
			return { kind: 'ok', body: (await response.json()) as PushResponse };
		},

		async pull(query: PullQuery) {
			const params = new URLSearchParams({ deviceId: query.deviceId });
			if (query.cursor) params.set('cursor', query.cursor);
			if (query.limit) params.set('limit', String(query.limit));
			if (query.services) params.set('services', query.services);
			const response = await request(`/api/sync/pull?${params}`, { method: 'GET' });
			if (!response.ok) return fail(response);
			return (await response.json()) as PullResponse;
		},

		async photoGet(sha256): Promise<Blob | null> {
			const response = await request(`/api/photos/${sha256}`, { method: 'GET' }, uploadTimeoutMs);
			if (response.status === 404) return null;
			if (!response.ok) return fail(response);
			return response.blob();
		},

		async photoHead(sha256): Promise<PhotoHeld | null> {
			const response = await request(`/api/photos/${sha256}`, { method: 'HEAD' });
			if (response.status === 404) return null;
			if (!response.ok) return fail(response);
			const offset = Number(response.headers.get(UPLOAD_OFFSET_HEADER) ?? '0');
			return { offset, complete: response.headers.get(UPLOAD_COMPLETE_HEADER) === '1' };
		},

		async photoPut(sha256, offset, chunk, totalSize): Promise<PhotoPutResult> {
			const response = await request(
				`/api/photos/${sha256}`,
				{
					method: 'PUT',
					headers: {
						'content-type': 'application/octet-stream',
						[UPLOAD_OFFSET_HEADER]: String(offset),
						'Upload-Length': String(totalSize)
					},
					body: chunk as Uint8Array<ArrayBuffer>,
					// The page's address is of no use to the server; every piece would carry it.
					referrerPolicy: 'no-referrer'
				},
				uploadTimeoutMs
			);
			if (response.status === 409) {
				const mismatch = (await response.json()) as PhotoOffsetMismatch;
				return { kind: 'offset-mismatch', offset: mismatch.offset };
			}
			if (!response.ok) return fail(response);
			const body = (await response.json()) as PhotoPutResponse;
			return { kind: 'ok', received: body.received, complete: body.complete };
		}
	};
}
