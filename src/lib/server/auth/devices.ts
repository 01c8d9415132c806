/**
 * The devices that sync, as an administrator sees them when a tablet is lost: whose it is, when it
 * first and last synced, and the browser it signed in from, so the right one can be signed out
 * (`revokeDevice` in revocation.ts) without touching the person's other devices.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface DeviceListing {
	id: string;
	username: string;
	displayName: string;
	crewName: string | null;
	/** The browser of the newest session that synced from it ('' when none did). */
	userAgent: string;
	firstSeenAt: string;
	lastSeenAt: string | null;
	revokedAt: string | null;
	/** Revoked together with its person's account (enabling the account brings it back). */
	revokedWithAccount: boolean;
}

/** Every device, the most recently seen first. */
export async function listDevices(db: Kysely<Database>): Promise<DeviceListing[]> {
	const rows = await db
		.selectFrom('devices')
		.innerJoin('users', 'users.id', 'devices.user_id')
		.leftJoin('crews', 'crews.id', 'users.crew_id')
		.select([
			'devices.id',
			'devices.user_agent',
			'devices.created_at',
			'devices.last_seen_at',
			'devices.revoked_at',
			'users.username',
			'users.display_name',
			'users.disabled_at',
			'crews.name as crew_name'
		])
		.execute();
	const agents = await newestUserAgents(
		db,
		rows.map((row) => row.id)
	);
	return rows
		.map((row) => ({
			id: row.id,
			username: row.username,
			displayName: row.display_name,
			crewName: row.crew_name,
			userAgent: row.user_agent || (agents.get(row.id) ?? ''),
			firstSeenAt: row.created_at,
			lastSeenAt: row.last_seen_at,
			revokedAt: row.revoked_at,
			revokedWithAccount: row.revoked_at !== null && row.revoked_at === row.disabled_at
		}))
		.sort((a, b) => (b.lastSeenAt ?? b.firstSeenAt).localeCompare(a.lastSeenAt ?? a.firstSeenAt));
}

async function newestUserAgents(db: Kysely<Database>, deviceIds: string[]): Promise<Map<string, string>> {
	const agents = new Map<string, string>();
	if (deviceIds.length === 0) return agents;
	const sessions = await db
		.selectFrom('sessions')
		.select(['device_id', 'user_agent', 'created_at'])
		.where('device_id', 'in', deviceIds)
		.orderBy('created_at', 'asc')
		.execute();
	for (const session of sessions) if (session.device_id) agents.set(session.device_id, session.user_agent);
	return agents;
}
