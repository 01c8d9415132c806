/**
 * How the engine reaches the server. An interface so tests can run the real engine against the
 * real server code in-process, with faults injected in between; `http-transport.ts` is the browser's.
 */
import type { PullResponse, PushRequest, PushResponse } from '$lib/domain/sync/protocol';

export interface PullQuery {
	deviceId: string;
	cursor: string | null;
	limit?: number;
	/** The catalogue version the device holds (S25). */
	services?: string | null;
}

/** push: either the server's answer or, on HTTP 409, the last id it has processed (a gap). */
export type PushResult = { kind: 'ok'; body: PushResponse } | { kind: 'gap'; lastMutationId: number };

/** What the server holds of a photo: `offset` bytes, and whether that is all of it. */
export interface PhotoHeld {
	offset: number;
	complete: boolean;
}

/** photoPut: accepted (now holding `received`) or refused because the server holds `offset` bytes. */
export type PhotoPutResult =
	{ kind: 'ok'; received: number; complete: boolean } | { kind: 'offset-mismatch'; offset: number };

export interface Transport {
	push(request: PushRequest): Promise<PushResult>;
	pull(query: PullQuery): Promise<PullResponse>;
	/** null when the server has no byte of this photo. */
	photoHead(sha256: string): Promise<PhotoHeld | null>;
	/** Sends `chunk` to be stored at `offset`; `totalSize` lets the server know when it is whole. */
	photoPut(sha256: string, offset: number, chunk: Uint8Array, totalSize: number): Promise<PhotoPutResult>;
	/** The bytes of a stored photo, or null when the server has none (optional: for the offline photo cache). */
	photoGet?(sha256: string): Promise<Blob | null>;
}

/**
 * Why a request did not get an answer the engine can use. `network` covers dropped requests,
 * dropped responses and timeouts alike: the engine cannot tell them apart and must not need to.
 */
export type TransportFailure = 'network' | 'server' | 'auth-expired' | 'rejected';

export class TransportError extends Error {
	constructor(
		readonly failure: TransportFailure,
		message: string,
		readonly status?: number
	) {
		super(message);
		this.name = 'TransportError';
	}
}
