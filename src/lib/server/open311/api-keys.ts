/**
 * Open311 API keys: random, shown once at creation, stored only as a SHA-256 so a leaked
 * database does not leak working keys. Used by the admin page, the `api-keys` command and the
 * endpoint's key check.
 */
import crypto from 'node:crypto';
import type { ApiKeyRow } from '../db/schema';
import type { Repositories } from '../repositories';

const KEY_PREFIX = 'cs311_';
/** Enough of the key to tell keys apart in a list, far too little to guess the rest. */
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 6;
export const MAX_LABEL_LENGTH = 100;

export interface CreatedApiKey {
	id: string;
	/** The only time the key itself exists outside the client's hands. */
	key: string;
	prefix: string;
	label: string;
}

export function hashApiKey(key: string): string {
	return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

export function cleanLabel(label: string): string | null {
	const text = label.trim().replace(/\s+/g, ' ');
	if (text.length === 0 || text.length > MAX_LABEL_LENGTH || text.includes('\u0000')) return null;
	return text;
}

export async function createApiKey(
	repos: Repositories,
	input: { label: string; createdByUserId: string | null; now: Date }
): Promise<CreatedApiKey> {
	const label = cleanLabel(input.label);
	if (label === null) throw new RangeError(`A key needs a label of 1 to ${MAX_LABEL_LENGTH} characters.`);
	const key = KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
	const id = crypto.randomUUID();
	const prefix = key.slice(0, SHOWN_PREFIX_LENGTH);
	await repos.apiKeys.insert({
		id,
		keyHash: hashApiKey(key),
		keyPrefix: prefix,
		label,
		createdByUserId: input.createdByUserId,
		createdAt: input.now.toISOString()
	});
	return { id, key, prefix, label };
}

/** The live key matching `key`, or undefined. Records when it was last used. */
export async function verifyApiKey(
	repos: Repositories,
	key: string,
	now: Date
): Promise<ApiKeyRow | undefined> {
	const trimmed = key.trim();
	// Real keys are short; hashing megabytes of junk for every request would be a cheap attack.
	if (trimmed.length === 0 || trimmed.length > 200) return undefined;
	const row = await repos.apiKeys.findActiveByHash(hashApiKey(trimmed));
	if (row) await repos.apiKeys.touch(row.id, now.toISOString());
	return row;
}
