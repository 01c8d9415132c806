import type { Kysely } from 'kysely';
import type { Database, NewUser, UserRow } from '../db/schema';

export class UserRepository {
	constructor(private readonly db: Kysely<Database>) {}

	insert(user: NewUser): Promise<UserRow> {
		return this.db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
	}

	get(id: string): Promise<UserRow | undefined> {
		return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
	}

	/** Usernames are matched case-insensitively: people type them on tablets with auto-capitalise. */
	getByUsername(username: string): Promise<UserRow | undefined> {
		return this.db
			.selectFrom('users')
			.selectAll()
			.where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
			.executeTakeFirst();
	}

	list(): Promise<UserRow[]> {
		return this.db.selectFrom('users').selectAll().orderBy('role').orderBy('username').execute();
	}

	async count(): Promise<number> {
		const row = await this.db
			.selectFrom('users')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		return Number(row.n);
	}

	async setDisabled(id: string, disabledAt: string | null): Promise<void> {
		await this.db.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', id).execute();
	}

	async setPasswordHash(id: string, passwordHash: string): Promise<void> {
		await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
	}
}
