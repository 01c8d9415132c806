import type { Kysely } from 'kysely';
import type { Database, Open311UpdateRow } from '../../db/schema';

/** Updates outside systems POSTed to servicerequestupdates, kept by their own update_id. */
export class Open311UpdateRepository {
	constructor(private readonly db: Kysely<Database>) {}

	get(updateId: string): Promise<Open311UpdateRow | undefined> {
		return this.db
			.selectFrom('open311_updates')
			.selectAll()
			.where('update_id', '=', updateId)
			.executeTakeFirst();
	}

	async insert(update: Open311UpdateRow): Promise<void> {
		await this.db.insertInto('open311_updates').values(update).execute();
	}
}
