import crypto from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import type { PullResponse } from '../../../src/lib/domain/sync/protocol';

/** Everything the crew's pull holds, gathered over every page. */
export type CrewPull = Pick<PullResponse, 'orders' | 'notes' | 'photos'>;

/**
 * The server's view of dana.crew's work, read as a brand-new device of the same person would:
 * sign in, then pull from the start with a fresh deviceId (no cursor, nothing pending).
 */
export async function pullAsFreshDevice(request: APIRequestContext): Promise<CrewPull> {
	const signIn = await request.post('/api/auth/signin', {
		data: { username: 'dana.crew', password: 'curbside-demo' }
	});
	expect(signIn.status()).toBe(200);
	const deviceId = crypto.randomUUID();
	const all: CrewPull = { orders: [], notes: [], photos: [] };
	let cursor = '';
	for (;;) {
		const response = await request.get(`/api/sync/pull?deviceId=${deviceId}&cursor=${cursor}&limit=500`);
		expect(response.status()).toBe(200);
		const page = (await response.json()) as PullResponse;
		all.orders.push(...page.orders);
		all.notes.push(...page.notes);
		all.photos.push(...page.photos);
		if (!page.more) return all;
		cursor = page.cursor;
	}
}

/** One request as Open311 clients read it, with the extensions this test checks. */
export interface Open311Request {
	service_request_id: string;
	status: string;
	status_notes: string | null;
	description: string | null;
	media_url: string | null;
	extended_attributes: { media_urls: string[]; resolution: string | null };
	notes: { type: string; description: string }[];
}

export async function open311Request(request: APIRequestContext, id: string): Promise<Open311Request> {
	const response = await request.get(`/open311/v2/requests/${id}.json?extensions=true`);
	expect(response.status()).toBe(200);
	const found = (await response.json()) as Open311Request[];
	expect(found).toHaveLength(1);
	return found[0] as Open311Request;
}
