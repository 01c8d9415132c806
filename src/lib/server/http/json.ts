import { json } from '@sveltejs/kit';

/** A JSON error body `{ error }` with the status; every /api route answers failures this way. */
export function jsonError(status: number, error: string, details?: unknown): Response {
	return json(details === undefined ? { error } : { error, details }, { status });
}

/** A 400 that names every validation issue, `lead: first; second.`, with the issues as details. */
export function issuesError(lead: string, issues: readonly { message: string }[]): Response {
	return jsonError(400, `${lead}: ${issues.map((issue) => issue.message).join('; ')}.`, issues);
}

const DEFAULT_LIMIT_BYTES = 1_000_000;

/**
 * Reads a JSON request body, refusing the wrong content type, an oversized body and malformed JSON
 * with a clear 4xx rather than letting a parser exception become a 500.
 */
export async function readJsonBody(
	request: Request,
	limitBytes = DEFAULT_LIMIT_BYTES
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\b/i.test(type)) {
		return { ok: false, response: jsonError(415, 'Send the body as application/json.') };
	}
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > limitBytes) return { ok: false, response: jsonError(413, 'The request body is too large.') };
	let text: string;
	try {
		text = await request.text();
	} catch {
		return { ok: false, response: jsonError(400, 'The request body could not be read.') };
	}
	if (Buffer.byteLength(text) > limitBytes) {
		return { ok: false, response: jsonError(413, 'The request body is too large.') };
	}
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false, response: jsonError(400, 'The request body is not valid JSON.') };
	}
}
