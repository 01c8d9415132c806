/** Settings of the Open311 endpoint, read once from the environment. */
import { CITY_TIME_ZONE } from '$lib/server/city';

export interface Open311Config {
	/** The jurisdiction this endpoint serves; a request naming another one is refused. */
	jurisdictionId: string;
	/** Dates are written in the city's own zone, with its offset, as the spec's examples are. */
	timeZone: string;
	/** POST requests per API key per window. */
	rateLimit: { limit: number; windowSeconds: number };
	contact: string;
	keyService: string;
	/** When this API last changed in a way clients could notice (discovery `changeset`). */
	changeset: string;
}

const DEFAULTS: Open311Config = {
	jurisdictionId: 'threeriversmi.org',
	timeZone: CITY_TIME_ZONE,
	rateLimit: { limit: 60, windowSeconds: 60 },
	contact: 'City of Three Rivers 311, 333 W Michigan Ave, Three Rivers, MI 49093. 311@threeriversmi.org',
	keyService: 'Ask the city 311 administrator for an API key: 311@threeriversmi.org',
	changeset: '2026-11-01T00:00:00-04:00'
};

export function open311ConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Open311Config {
	return {
		...DEFAULTS,
		jurisdictionId: env.OPEN311_JURISDICTION_ID?.trim() || DEFAULTS.jurisdictionId,
		contact: env.OPEN311_CONTACT?.trim() || DEFAULTS.contact,
		rateLimit: {
			limit: positiveInteger(env.OPEN311_RATE_LIMIT, DEFAULTS.rateLimit.limit),
			windowSeconds: positiveInteger(env.OPEN311_RATE_WINDOW_SECONDS, DEFAULTS.rateLimit.windowSeconds)
		}
	};
}

export function defaultOpen311Config(overrides: Partial<Open311Config> = {}): Open311Config {
	return { ...DEFAULTS, ...overrides };
}

function positiveInteger(text: string | undefined, fallback: number): number {
	const value = Number(text);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}
