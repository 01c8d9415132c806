/**
 * Open311 errors: the status is 404 (not found), 403 (bad or missing api_key) or 400 (anything
 * else), and the body lists every problem as { code, description }. Rate limiting, which the
 * standard does not cover, answers 429 in the same shape.
 */
import type { Issue } from '$lib/domain';

export interface Open311ErrorItem {
	code: number;
	description: string;
}

export class Open311Error extends Error {
	readonly errors: Open311ErrorItem[];

	constructor(
		readonly status: number,
		descriptions: string | string[],
		readonly headers: Record<string, string> = {}
	) {
		const list = Array.isArray(descriptions) ? descriptions : [descriptions];
		super(list.join(' '));
		this.errors = list.map((description) => ({ code: status, description }));
	}
}

export function badRequest(descriptions: string | string[]): Open311Error {
	return new Open311Error(400, descriptions);
}

export function notFound(description: string): Open311Error {
	return new Open311Error(404, description);
}

export function forbidden(description: string): Open311Error {
	return new Open311Error(403, description);
}

/** Validation issues become one error each, in the order they were found. */
export function fromIssues(issues: readonly Issue[]): Open311Error {
	const descriptions = issues.map((issue) => issue.message);
	return badRequest(descriptions.length > 0 ? descriptions : ['The request is not valid.']);
}
