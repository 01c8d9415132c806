/** Sync calls the security specs make as a crew device would. */
import crypto from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import type { Mutation, PullResponse, PushResponse } from '../../../src/lib/domain/sync/protocol';
import { UPLOAD_LENGTH_HEADER, UPLOAD_OFFSET_HEADER } from '../../../src/lib/domain/sync/protocol';

export type CrewPull = Pick<PullResponse, 'orders' | 'notes' | 'photos' | 'tombstones'>;

/** Everything the caller's crew may see, over every page, as a brand-new device. */
export async function pullEverything(
	client: APIRequestContext,
	deviceId = crypto.randomUUID()
): Promise<CrewPull> {
	const all: CrewPull = { orders: [], notes: [], photos: [], tombstones: [] };
	let cursor = '';
	for (;;) {
		const response = await client.get(`/api/sync/pull?deviceId=${deviceId}&cursor=${cursor}&limit=500`);
		expect(response.status()).toBe(200);
		const page = (await response.json()) as PullResponse;
		all.orders.push(...page.orders);
		all.notes.push(...page.notes);
		all.photos.push(...page.photos);
		all.tombstones.push(...page.tombstones);
		if (!page.more) return all;
		cursor = page.cursor;
	}
}

export async function push(
	client: APIRequestContext,
	deviceId: string,
	mutations: Mutation[]
): Promise<{ status: number; body: PushResponse & { error?: string } }> {
	const response = await client.post('/api/sync/push', { data: { deviceId, mutations } });
	return { status: response.status(), body: (await response.json()) as PushResponse & { error?: string } };
}

export function sha256Hex(bytes: Uint8Array): string {
	return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Uploads a photo in one piece; returns its name. */
export async function uploadPhoto(client: APIRequestContext, bytes: Uint8Array): Promise<string> {
	const sha = sha256Hex(bytes);
	const response = await client.put(`/api/photos/${sha}`, {
		headers: {
			'content-type': 'application/octet-stream',
			[UPLOAD_OFFSET_HEADER]: '0',
			[UPLOAD_LENGTH_HEADER]: String(bytes.length)
		},
		data: Buffer.from(bytes)
	});
	expect(response.status(), await response.text()).toBe(200);
	return sha;
}

export const CAPTURED_AT = () => new Date().toISOString();
