/**
 * The demo city's staff: four crews of two, two supervisors and an admin, all fictional. Every
 * account shares one demo password, which the inserter hashes.
 */
import type { NewCrew, NewUser } from '$lib/server/db/schema';
import type { Department } from './catalog';
import type { SeededRandom } from './random';

export const DEMO_PASSWORD = 'curbside-demo';

export interface DemoUser extends Omit<NewUser, 'password_hash'> {
	/** Plain text for the inserter to hash: every demo account shares DEMO_PASSWORD. */
	demoPassword: string;
}

const CREWS: { name: string; department: Department; color: string; members: [string, string][] }[] = [
	{
		name: 'Streets North',
		department: 'Public Works',
		color: '#2563eb',
		members: [
			['Dana', 'Whitfield'],
			['Marcus', 'Bell']
		]
	},
	{
		name: 'Streets South',
		department: 'Public Works',
		color: '#ea580c',
		members: [
			['Luis', 'Ortega'],
			['Keisha', 'Grant']
		]
	},
	{
		name: 'Sanitation',
		department: 'Sanitation',
		color: '#16a34a',
		members: [
			['Tom', 'Brennan'],
			['Aisha', 'Rahman']
		]
	},
	{
		name: 'Forestry',
		department: 'Forestry',
		color: '#9333ea',
		members: [
			['Jake', 'Lindqvist'],
			['Mei', 'Chen']
		]
	}
];

/** A null department means every department. */
const SUPERVISORS: { first: string; last: string; department: Department | null }[] = [
	{ first: 'Rosa', last: 'Delgado', department: 'Public Works' },
	{ first: 'Grace', last: 'Okafor', department: null }
];

export interface People {
	crews: NewCrew[];
	users: DemoUser[];
	membersOf: (crewId: string) => DemoUser[];
	supervisorFor: (department: Department) => DemoUser;
}

export function generatePeople(random: SeededRandom, createdAt: string): People {
	const user = (
		first: string,
		last: string,
		role: string,
		crewId: string | null,
		department: string | null
	) => ({
		id: random.uuid(),
		username: `${first.toLowerCase()}.${role}`,
		display_name: `${first} ${last}`,
		role,
		crew_id: crewId,
		department,
		disabled_at: null,
		created_at: createdAt,
		demoPassword: DEMO_PASSWORD
	});
	const crews: NewCrew[] = [];
	const users: DemoUser[] = [];
	for (const spec of CREWS) {
		const { name, department, color } = spec;
		const crew = { id: random.uuid(), name, department, color, active: 1, created_at: createdAt };
		crews.push(crew);
		for (const [first, last] of spec.members) users.push(user(first, last, 'crew', crew.id, department));
	}
	const supervisors = SUPERVISORS.map((s) => user(s.first, s.last, 'supervisor', null, s.department));
	users.push(...supervisors, user('Sam', 'Porter', 'admin', null, null));
	const everyDepartment = supervisors.find((s) => s.department === null) as DemoUser;
	return {
		crews,
		users,
		membersOf: (crewId) => users.filter((u) => u.crew_id === crewId),
		supervisorFor: (department) => supervisors.find((s) => s.department === department) ?? everyDepartment
	};
}
