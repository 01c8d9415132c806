import type { Kysely } from 'kysely';
import type { Database, DeviceRow } from '../db/schema';

export class DeviceRepository {
	constructor(private readonly db: Kysely<Database>) {}

	get(id: string): Promise<DeviceRow | undefined> {
		return this.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
	}

	/** Registers a device on first sign-in; later sign-ins only refresh what it reports of itself. */
	async register(device: { id: string; userId: string; label: string; userAgent: string; at: string }) {
		await this.db
			.insertInto('devices')
			.values({
				id: device.id,
				user_id: device.userId,
				label: device.label,
				user_agent: device.userAgent,
				created_at: device.at,
				last_seen_at: device.at
			})
			.onConflict((conflict) =>
				conflict.column('id').doUpdateSet({
					label: device.label,
					user_agent: device.userAgent,
					last_seen_at: device.at
				})
			)
			.execute();
	}

	async setLastMutationId(id: string, lastMutationId: number, at: string): Promise<void> {
		await this.db
			.updateTable('devices')
			.set({ last_mutation_id: lastMutationId, last_seen_at: at })
			.where('id', '=', id)
			.execute();
	}

	async revoke(id: string, at: string): Promise<void> {
		await this.db.updateTable('devices').set({ revoked_at: at }).where('id', '=', id).execute();
	}
}
