import type { Kysely } from 'kysely';
import type { CrewRow, Database, NewCrew } from '../db/schema';

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
}
