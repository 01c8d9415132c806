import type { RequestEvent } from '@sveltejs/kit';

/** The caller's address for session records; never throws (getClientAddress can, behind some proxies). */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return '';
	}
}
