/** Administering crews: create, rename, move to another department, recolour, retire and bring back. */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { v } from '$lib/domain';
import type { CrewRow, Database } from '../db/schema';
import { repositories } from '../repositories';
import { adminText, type AdminResult } from './admin-support';

const colour = v.string({
	trim: true,
	pattern: /^#[0-9a-fA-F]{6}$/,
	patternMessage: 'must be a colour such as #1b6e3c'
});

const crewFields = {
	name: adminText(60),
	department: adminText(60),
	color: colour,
	active: v.withDefault(v.boolean(), true)
};
export const crewForm = v.object(crewFields);
export type CrewForm = v.Infer<typeof crewForm>;

export const crewUpdateForm = v.object({ crew_id: v.string({ trim: true, min: 1, max: 64 }), ...crewFields });

export class AdminCrewsService {
	constructor(private readonly db: Kysely<Database>) {}

	async create(input: CrewForm, now: Date): Promise<AdminResult<CrewRow>> {
		const repos = repositories(this.db);
		const clash = await this.nameTaken(input.name);
		if (clash) return clash;
		const crew = await repos.crews.insert({
			id: crypto.randomUUID(),
			name: input.name,
			department: input.department,
			color: input.color.toLowerCase(),
			active: input.active ? 1 : 0,
			created_at: now.toISOString()
		});
		return { ok: true, value: crew };
	}

	/**
	 * Retiring a crew keeps its orders where they are (the supervisor reassigns them) and its
	 * members signed in; dispatch simply stops offering it.
	 */
	async update(crewId: string, input: CrewForm): Promise<AdminResult<CrewRow>> {
		const clash = await this.nameTaken(input.name, crewId);
		if (clash) return clash;
		const crew = await repositories(this.db).crews.update(crewId, {
			name: input.name,
			department: input.department,
			color: input.color.toLowerCase(),
			active: input.active ? 1 : 0
		});
		if (!crew) return { ok: false, issues: [v.issue('crew_id', 'not_found', 'There is no such crew.')] };
		return { ok: true, value: crew };
	}

	/** Two crews with one name would make every dispatch list ambiguous. */
	private async nameTaken(name: string, exceptId?: string): Promise<AdminResult<never> | null> {
		const crews = await repositories(this.db).crews.list();
		const same = crews.find((c) => c.id !== exceptId && c.name.toLowerCase() === name.toLowerCase());
		return same
			? { ok: false, issues: [v.issue('name', 'taken', `There is already a crew called ${same.name}.`)] }
			: null;
	}
}
