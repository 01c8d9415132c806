import type { Kysely } from 'kysely';
import type { CrewRow, CrewsTable, Database, NewCrew } from '../db/schema';

export class CrewRepository {
	constructor(private readonly db: Kysely<Database>) {}

	list(): Promise<CrewRow[]> {
		return this.db.selectFrom('crews').selectAll().orderBy('name').execute();
	}

	get(id: string): Promise<CrewRow | undefined> {
		return this.db.selectFrom('crews').selectAll().where('id', '=', id).executeTakeFirst();
	}

	insert(crew: NewCrew): Promise<CrewRow> {
		return this.db.insertInto('crews').values(crew).returningAll().executeTakeFirstOrThrow();
	}

	/** Renames, moves or retires a crew; returns undefined when there is no such crew. */
	update(
		id: string,
		changes: Partial<Pick<CrewsTable, 'name' | 'department' | 'color' | 'active'>>
	): Promise<CrewRow | undefined> {
		return this.db.updateTable('crews').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
	}
}
