import { sql, type Kysely } from 'kysely';
import { formatServiceRequestId, parseServiceRequestId } from '$lib/domain';
import type { Database, WorkOrderRow } from '../db/schema';
import { notifyLocation } from '../live/notify';
import { WorkOrderRepository, type AuditEntry } from './work-orders';

/** Queries and small writes that crew field work needs beyond the plain order repository. */
export class FieldWorkRepository {
	constructor(private readonly db: Kysely<Database>) {}

	/** An order by its server id, or by the device UUID it was reported under in the field. */
	async findByIdOrToken(id: string): Promise<WorkOrderRow | undefined> {
		const orders = new WorkOrderRepository(this.db);
		return (await orders.get(id)) ?? (await orders.getByToken(id));
	}

	/** The crew of whoever last moved the order to `status` (null: a supervisor, a resident, the system). */
	async crewThatSetStatus(orderId: string, status: string): Promise<string | null> {
		const row = await this.db
			.selectFrom('status_history')
			.leftJoin('users', 'users.id', 'status_history.actor_user_id')
			.select('users.crew_id')
			.where('status_history.work_order_id', '=', orderId)
			.where('status_history.to_status', '=', status)
			.where((eb) =>
				eb('status_history.from_status', 'is', null).or('status_history.from_status', '!=', status)
			)
			.orderBy('status_history.change_seq', 'desc')
			.limit(1)
			.executeTakeFirst();
		return row?.crew_id ?? null;
	}

	/**
	 * Counts one more item for a supervisor to review. The write goes through the order repository
	 * first (change sequence, history, row lock), then the count goes up in SQL so two overlapping
	 * late reports cannot both read the same old count.
	 */
	async flagForReview(orderId: string, audit: AuditEntry): Promise<void> {
		await new WorkOrderRepository(this.db).touch(orderId, audit);
		await this.db
			.updateTable('work_orders')
			.set((eb) => ({ needs_review: eb('needs_review', '+', 1) }))
			.where('id', '=', orderId)
			.execute();
	}

	/**
	 * The next free CS-number. Takes the change counter's row lock first (a no-op update), so two
	 * transactions creating orders at once on PostgreSQL cannot pick the same number.
	 */
	async nextServiceRequestId(): Promise<string> {
		await this.db
			.updateTable('change_counter')
			.set((eb) => ({ value: eb.ref('value') }))
			.where('id', '=', 1)
			.execute();
		const row = await this.db
			.selectFrom('work_orders')
			.select('id')
			.where('id', 'like', 'CS-%')
			// Longer numbers are larger: 'CS-1000000' sorts before 'CS-999999' as text.
			.orderBy(sql`length(id)`, 'desc')
			.orderBy('id', 'desc')
			.limit(1)
			.executeTakeFirst();
		const last = row ? (parseServiceRequestId(row.id) ?? 0) : 0;
		return formatServiceRequestId(last + 1);
	}

	/** How many photos of the order count as "after" photos: linked as after, or listed by the close. */
	async countAfterPhotos(orderId: string, listedLinkIds: readonly string[]): Promise<number> {
		const row = await this.db
			.selectFrom('work_order_photos')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('work_order_id', '=', orderId)
			.where((eb) =>
				listedLinkIds.length > 0
					? eb.or([eb('kind', '=', 'after'), eb('id', 'in', listedLinkIds)])
					: eb('kind', '=', 'after')
			)
			.executeTakeFirstOrThrow();
		return Number(row.n);
	}

	async recordLocation(location: {
		crewId: string;
		userId: string;
		lat: number;
		long: number;
		accuracyM: number | null;
		capturedAt: string;
		receivedAt: string;
	}): Promise<void> {
		await this.db
			.insertInto('crew_locations')
			.values({
				crew_id: location.crewId,
				user_id: location.userId,
				lat: location.lat,
				long: location.long,
				accuracy_m: location.accuracyM,
				captured_at: location.capturedAt,
				received_at: location.receivedAt
			})
			.execute();
		// The console's live map hears of it when the push's transaction commits.
		await notifyLocation(this.db, location.crewId);
	}
}
