import type { Insertable, Kysely } from 'kysely';
import type { Database, DeviceRow, MutationLogTable } from '../db/schema';

/** The push side of sync: which user owns a device, how far its mutations got, and their log. */
export class SyncDeviceRepository {
	constructor(private readonly db: Kysely<Database>) {}

	/**
	 * The device row, created for `userId` on first sight. A device that already exists keeps its
	 * owner: the caller compares `user_id` to refuse someone else's device.
	 */
	async claim(deviceId: string, userId: string, at: string): Promise<DeviceRow> {
		// Every push and pull passes here and the device is nearly always known: read first, and
		// write (a SQLite write lock, a PostgreSQL WAL record) only on a device's first sync.
		const known = await this.find(deviceId);
		if (known) return known;
		await this.db
			.insertInto('devices')
			.values({ id: deviceId, user_id: userId, label: '', user_agent: '', created_at: at, last_seen_at: at })
			.onConflict((conflict) => conflict.column('id').doNothing())
			.execute();
		const claimed = await this.find(deviceId);
		if (!claimed) throw new Error(`Device ${deviceId} vanished while it was being registered`);
		return claimed;
	}

	private find(deviceId: string): Promise<DeviceRow | undefined> {
		return this.db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
	}

	/**
	 * Moves the device's last mutation id from `expected` to `next`, only if it still is `expected`.
	 * Run first in a mutation's transaction: on PostgreSQL the row lock makes an overlapping push of
	 * the same mutation wait and then find nothing to update, so it cannot apply it a second time.
	 */
	async advance(deviceId: string, expected: number, next: number, at: string): Promise<boolean> {
		const result = await this.db
			.updateTable('devices')
			.set({ last_mutation_id: next, last_seen_at: at })
			.where('id', '=', deviceId)
			.where('last_mutation_id', '=', expected)
			.executeTakeFirst();
		return Number(result.numUpdatedRows) === 1;
	}

	async lastMutationId(deviceId: string): Promise<number> {
		const row = await this.db
			.selectFrom('devices')
			.select('last_mutation_id')
			.where('id', '=', deviceId)
			.executeTakeFirst();
		return row?.last_mutation_id ?? 0;
	}

	async log(entry: Insertable<MutationLogTable>): Promise<void> {
		await this.db.insertInto('mutation_log').values(entry).execute();
	}

	/** How each of these mutations was settled the first time (for answering a resent push). */
	async outcomesOf(
		deviceId: string,
		mutationIds: number[]
	): Promise<Map<number, { outcome: string; reason: string | null }>> {
		if (mutationIds.length === 0) return new Map();
		const rows = await this.db
			.selectFrom('mutation_log')
			.select(['mutation_id', 'outcome', 'reason'])
			.where('device_id', '=', deviceId)
			.where('mutation_id', 'in', mutationIds)
			.execute();
		return new Map(rows.map((row) => [row.mutation_id, { outcome: row.outcome, reason: row.reason }]));
	}

	listLog(deviceId: string) {
		return this.db
			.selectFrom('mutation_log')
			.selectAll()
			.where('device_id', '=', deviceId)
			.orderBy('mutation_id')
			.execute();
	}
}
