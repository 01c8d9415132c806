/**
 * Who is signed in on this device, remembered locally so the crew app can open offline. It holds
 * no secret (the session stays in its HttpOnly cookie): only what the header shows and the user id
 * that picks the user's own local database.
 */

export interface CrewProfile {
	id: string;
	username: string;
	displayName: string;
	crewId: string | null;
}

/** What GET /api/auth/me says about the person, before we know they are crew. */
export interface SignedInUser extends CrewProfile {
	role: string;
}

const PROFILE_KEY = 'curbside.crew.profile';

export function loadProfile(storage: Storage = localStorage): CrewProfile | null {
	try {
		const parsed: unknown = JSON.parse(storage.getItem(PROFILE_KEY) ?? 'null');
		return isCrewProfile(parsed) ? parsed : null;
	} catch {
		return null;
	}
}

export function saveProfile(profile: CrewProfile, storage: Storage = localStorage): void {
	const { id, username, displayName, crewId } = profile;
	storage.setItem(PROFILE_KEY, JSON.stringify({ id, username, displayName, crewId }));
}

export function forgetProfile(storage: Storage = localStorage): void {
	storage.removeItem(PROFILE_KEY);
}

/** The `user` of a /api/auth/me answer, or null when the body is not what the server sends. */
export function parseSignedInUser(body: unknown): SignedInUser | null {
	const user = (body as { user?: unknown } | null)?.user;
	if (!isCrewProfile(user)) return null;
	const role = (user as { role?: unknown }).role;
	return typeof role === 'string' ? { ...user, role } : null;
}

function isCrewProfile(value: unknown): value is CrewProfile {
	if (typeof value !== 'object' || value === null) return false;
	const record = value as Record<string, unknown>;
	return (
		typeof record.id === 'string' &&
		typeof record.username === 'string' &&
		typeof record.displayName === 'string' &&
		(record.crewId === null || typeof record.crewId === 'string')
	);
}
