/** The sync world plus what review tests need: a second department and its supervisor. */
import type { SessionUser } from '../../src/lib/server/auth/types';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { syncWorld, toSessionUser, type SyncWorld } from './sync-world';
import { T0 } from './fixtures';

export interface ReviewWorld extends SyncWorld {
	/** Supervisor of Parks: sees none of Public Works' potholes. */
	parksSupervisor: SessionUser;
	admin: SessionUser;
}

export async function reviewWorld(handle: DatabaseHandle): Promise<ReviewWorld> {
	const world = await syncWorld(handle);
	const { repos } = world;
	await repos.services.upsert({
		service_code: 'GRAFFITI',
		service_name: 'Graffiti',
		description: 'Paint on a public wall',
		group_name: 'Parks',
		keywords: '',
		type: 'realtime',
		attributes: '[]',
		sla_hours: 72,
		close_requirements: '{}',
		department: 'Parks',
		active: 1,
		sort_order: 2
	});
	await repos.crews.insert({
		id: 'crew-parks',
		name: 'Parks Crew',
		department: 'Parks',
		color: '#a50',
		active: 1,
		created_at: T0
	});
	const staff = async (id: string, role: 'supervisor' | 'admin', department: string | null) =>
		toSessionUser(
			await repos.users.insert({
				id,
				username: id,
				display_name: `Staff ${id}`,
				password_hash: 'scrypt$test',
				role,
				crew_id: null,
				department,
				disabled_at: null,
				created_at: T0
			})
		);
	return {
		...world,
		parksSupervisor: await staff('u-parks', 'supervisor', 'Parks'),
		admin: await staff('u-admin', 'admin', null)
	};
}
