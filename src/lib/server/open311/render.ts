/** Turns documents and errors into HTTP responses in the requested format. */
import { list, obj, toJson, toXml, type DocValue } from './document';
import type { Open311Error } from './errors';
import { CONTENT_TYPES, type Format } from './format';

export function respond(
	format: Format,
	root: string,
	value: DocValue,
	init: { status?: number; headers?: Record<string, string> } = {}
): Response {
	const body = format === 'json' ? JSON.stringify(toJson(value)) : toXml(root, value);
	return new Response(body, {
		status: init.status ?? 200,
		headers: {
			'content-type': CONTENT_TYPES[format],
			// Request data changes as crews work: clients must not be served stale copies.
			'cache-control': 'no-store',
			...init.headers
		}
	});
}

export function errorResponse(format: Format, error: Open311Error): Response {
	const errors = list(
		'error',
		error.errors.map((item) => obj({ code: item.code, description: item.description }))
	);
	return respond(format, 'errors', errors, { status: error.status, headers: error.headers });
}
