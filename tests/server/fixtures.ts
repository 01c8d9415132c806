/** Small, explicit rows for server tests: each test builds exactly the world it needs. */
import type { NewWorkOrder } from '../../src/lib/server/db/schema';
import { newWorkOrderRow, type AuditEntry, type Repositories } from '../../src/lib/server/repositories';

export const T0 = '2026-11-02T14:00:00.000Z';

export function audit(action: string, at = T0): AuditEntry {
	return { at, actorUserId: null, actorKind: 'system', action };
}

export async function givenService(repos: Repositories, code = 'POTHOLE') {
	return repos.services.upsert({
		service_code: code,
		service_name: 'Pothole',
		description: 'A hole in the road surface',
		group_name: 'Streets',
		keywords: 'road,asphalt',
		type: 'realtime',
		attributes: '[]',
		sla_hours: 72,
		close_requirements: '{"afterPhoto":true}',
		department: 'Public Works',
		active: 1,
		sort_order: 1
	});
}

export async function givenCrew(repos: Repositories, id = 'crew-north', name = 'Streets North') {
	return repos.crews.insert({
		id,
		name,
		department: 'Public Works',
		color: '#1b6',
		active: 1,
		created_at: T0
	});
}

export async function givenUser(
	repos: Repositories,
	id = 'u1',
	username = 'dana',
	crewId: string | null = null
) {
	return repos.users.insert({
		id,
		username,
		display_name: `User ${username}`,
		password_hash: 'scrypt$test',
		role: crewId ? 'crew' : 'supervisor',
		crew_id: crewId,
		department: 'Public Works',
		disabled_at: null,
		created_at: T0
	});
}

export function orderRow(
	id: string,
	overrides: Partial<NewWorkOrder> = {}
): Omit<NewWorkOrder, 'change_seq'> {
	const row = newWorkOrderRow(
		{
			id,
			service_code: 'POTHOLE',
			description: 'Deep pothole in the right lane',
			lat: 41.9436,
			long: -85.6325,
			requested_at: T0,
			updated_at: T0,
			source: 'open311',
			priority: 3
		},
		{ address: '101 N Main St, Three Rivers, MI 49093', zipcode: '49093' }
	);
	return { ...row, ...overrides };
}
