/** The api_key and jurisdiction_id checks every writing call makes first. */
import type { ApiKeyRow } from '../db/schema';
import { verifyApiKey } from './api-keys';
import type { Open311Deps } from './deps';
import { forbidden, notFound } from './errors';
import { enforceRateLimit } from './rate-limit';

/** 403 for a missing, unknown or revoked key; 429 when the key is over its limit. */
export async function requireApiKey(deps: Open311Deps, key: unknown): Promise<ApiKeyRow> {
	if (typeof key !== 'string' || key.trim() === '') {
		throw forbidden('An api_key is required to post. Ask the city for one.');
	}
	const now = deps.now();
	const row = await verifyApiKey(deps.repos, key, now);
	if (!row) throw forbidden('The api_key is not valid or has been revoked.');
	await enforceRateLimit(deps.repos, row.id, deps.config.rateLimit, now);
	return row;
}

/** One endpoint, one jurisdiction: naming another one is a 404, leaving it out is fine. */
export function checkJurisdiction(deps: Open311Deps, value: unknown): void {
	if (value === undefined || (typeof value === 'string' && value.trim() === '')) return;
	if (typeof value !== 'string' || value.trim().toLowerCase() !== deps.config.jurisdictionId.toLowerCase()) {
		throw notFound(`This endpoint serves jurisdiction_id ${deps.config.jurisdictionId} only.`);
	}
}
