/** Small, explicit rows for server tests: each test builds exactly the world it needs. */
import type { NewWorkOrder } from '../../src/lib/server/db/schema';
import type { AuditEntry, Repositories } from '../../src/lib/server/repositories';

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
	return {
		id,
		token: null,
		service_code: 'POTHOLE',
		description: 'Deep pothole in the right lane',
		lat: 41.9436,
		long: -85.6325,
		address: '101 N Main St, Three Rivers, MI 49093',
		address_id: null,
		zipcode: '49093',
		media_url: null,
		status_notes: null,
		agency_responsible: null,
		service_notice: null,
		requested_at: T0,
		updated_at: T0,
		expected_at: null,
		jurisdiction_id: null,
		email: null,
		first_name: null,
		last_name: null,
		phone: null,
		reporter_device_id: null,
		account_id: null,
		attributes: '{}',
		source: 'open311',
		priority: 3,
		due_at: null,
		crew_id: null,
		route_order: null,
		field_status: 'new',
		resolution_code: null,
		unable_reason: null,
		time_on_site_minutes: null,
		materials: '[]',
		assigned_at: null,
		started_at: null,
		closed_at: null,
		duplicate_of: null,
		needs_review: 0,
		created_by_user_id: null,
		...overrides
	};
}
