/**
 * The read side of the supervisor's review queue, plus the one write that is not about a work
 * order (acknowledging a refused mutation). Work-order writes go through WorkOrderRepository.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { BBox } from '$lib/domain';
import type { Database, NoteRow, StatusHistoryRow, WorkOrderPhotoRow, WorkOrderRow } from '../db/schema';

/** `in` lists are kept well under SQLite's bound-parameter limit. */
const ID_CHUNK = 500;

export type ReviewOrderRow = WorkOrderRow & {
	service_name: string | null;
	crew_name: string | null;
};

export type RefusalRow = {
	device_id: string;
	mutation_id: number;
	name: string;
	work_order_id: string | null;
	reason: string | null;
	user_id: string;
	user_name: string | null;
	crew_name: string | null;
	captured_at: string;
	received_at: string;
};

export class ReviewQueueRepository {
	constructor(private readonly db: Kysely<Database>) {}

	private orders() {
		return this.db
			.selectFrom('work_orders')
			.leftJoin('services', 'services.service_code', 'work_orders.service_code')
			.leftJoin('crews', 'crews.id', 'work_orders.crew_id')
			.selectAll('work_orders')
			.select(['services.service_name', 'crews.name as crew_name']);
	}

	/**
	 * Orders closed since `since` whose latest close nobody has reviewed yet, newest first.
	 * "Reviewed" means a `closure-reviewed` history entry written after the close (by change
	 * sequence, so a reopen and a second close bring the order back). Duplicates merged by a
	 * supervisor are a decision already and are left out.
	 */
	unreviewedClosures(inScope: Expression<SqlBool>, since: string, limit: number): Promise<ReviewOrderRow[]> {
		return this.orders()
			.where(inScope)
			.where('work_orders.field_status', '=', 'closed')
			.where('work_orders.closed_at', '>=', since)
			.where((eb) =>
				eb.or([
					eb('work_orders.resolution_code', 'is', null),
					eb('work_orders.resolution_code', '!=', 'duplicate')
				])
			)
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('status_history as reviewed')
							.select('reviewed.id')
							.whereRef('reviewed.work_order_id', '=', 'work_orders.id')
							.where('reviewed.action', '=', 'closure-reviewed')
							.where(
								'reviewed.change_seq',
								'>',
								sql<number>`(select coalesce(max(closing.change_seq), 0) from status_history as closing
									where closing.work_order_id = work_orders.id and closing.to_status = 'closed'
									and (closing.from_status is null or closing.from_status <> 'closed'))`
							)
					)
				)
			)
			.orderBy('work_orders.closed_at', 'desc')
			.orderBy('work_orders.id')
			.limit(limit)
			.execute();
	}

	/** Whether the order's latest close has a `closure-reviewed` entry after it. */
	async closureReviewed(orderId: string): Promise<boolean> {
		const rows = await this.db
			.selectFrom('status_history')
			.select(['action', 'from_status', 'to_status', 'change_seq'])
			.where('work_order_id', '=', orderId)
			.orderBy('change_seq')
			.execute();
		let reviewed = false;
		for (const row of rows) {
			if (row.to_status === 'closed' && row.from_status !== 'closed') reviewed = false;
			if (row.action === 'closure-reviewed') reviewed = true;
		}
		return reviewed;
	}

	/** Orders with late field reports or other items waiting for a supervisor, most waiting first. */
	ordersNeedingReview(inScope: Expression<SqlBool>, limit: number): Promise<ReviewOrderRow[]> {
		return this.orders()
			.where(inScope)
			.where('work_orders.needs_review', '>', 0)
			.orderBy('work_orders.updated_at', 'desc')
			.orderBy('work_orders.id')
			.limit(limit)
			.execute();
	}

	/** Orders a crew could not complete, newest report first. */
	unableOrders(inScope: Expression<SqlBool>, limit: number): Promise<ReviewOrderRow[]> {
		return this.orders()
			.where(inScope)
			.where('work_orders.field_status', '=', 'unable_to_complete')
			.orderBy('work_orders.updated_at', 'desc')
			.orderBy('work_orders.id')
			.limit(limit)
			.execute();
	}

	/** The newest open orders in scope: where the review page looks for duplicate pairs. */
	recentOpenOrders(inScope: Expression<SqlBool>, limit: number): Promise<ReviewOrderRow[]> {
		return this.orders()
			.where(inScope)
			.where('work_orders.field_status', 'not in', ['closed', 'cancelled'])
			.orderBy('work_orders.requested_at', 'desc')
			.orderBy('work_orders.id')
			.limit(limit)
			.execute();
	}

	/** One order with its service and crew names, when it is inside the scope. */
	orderInScope(inScope: Expression<SqlBool>, id: string): Promise<ReviewOrderRow | undefined> {
		return this.orders().where(inScope).where('work_orders.id', '=', id).executeTakeFirst();
	}

	/**
	 * Open orders of a service inside a box: the index-friendly prefilter of duplicate hints
	 * (the caller measures the real distance). Finished orders are left out.
	 */
	openOrdersNear(
		inScope: Expression<SqlBool>,
		serviceCode: string,
		box: BBox,
		limit: number
	): Promise<ReviewOrderRow[]> {
		return this.orders()
			.where(inScope)
			.where('work_orders.service_code', '=', serviceCode)
			.where('work_orders.field_status', 'not in', ['closed', 'cancelled'])
			.where('work_orders.lat', '>=', box.south)
			.where('work_orders.lat', '<=', box.north)
			.where((eb) =>
				box.west <= box.east
					? eb.and([eb('work_orders.long', '>=', box.west), eb('work_orders.long', '<=', box.east)])
					: eb.or([eb('work_orders.long', '>=', box.west), eb('work_orders.long', '<=', box.east)])
			)
			.orderBy('work_orders.requested_at')
			.orderBy('work_orders.id')
			.limit(limit)
			.execute();
	}

	async notesFor(orderIds: readonly string[]): Promise<(NoteRow & { author_name: string | null })[]> {
		return this.inChunks(orderIds, (chunk) =>
			this.db
				.selectFrom('notes')
				.leftJoin('users', 'users.id', 'notes.author_user_id')
				.selectAll('notes')
				.select('users.display_name as author_name')
				.where('notes.work_order_id', 'in', chunk)
				.orderBy('notes.captured_at')
				.orderBy('notes.id')
				.execute()
		);
	}

	async photosFor(orderIds: readonly string[]): Promise<WorkOrderPhotoRow[]> {
		return this.inChunks(orderIds, (chunk) =>
			this.db
				.selectFrom('work_order_photos')
				.selectAll()
				.where('work_order_id', 'in', chunk)
				.orderBy('captured_at')
				.orderBy('id')
				.execute()
		);
	}

	/** History entries of the given actions on the given orders, oldest first. */
	async decisionsFor(orderIds: readonly string[], actions: readonly string[]): Promise<StatusHistoryRow[]> {
		return this.inChunks(orderIds, (chunk) =>
			this.db
				.selectFrom('status_history')
				.selectAll()
				.where('work_order_id', 'in', chunk)
				.where('action', 'in', [...actions])
				.orderBy('change_seq')
				.execute()
		);
	}

	/**
	 * Refused mutations nobody has acknowledged, newest first. A refusal about an order is in scope
	 * when the order is; one that names no order (or an unknown one) when the crew member's crew is.
	 */
	unacknowledgedRefusals(
		orderInScope: Expression<SqlBool>,
		crewInScope: Expression<SqlBool>,
		limit: number
	): Promise<RefusalRow[]> {
		return this.refusals()
			.where('mutation_log.reviewed_at', 'is', null)
			.where((eb) =>
				eb.or([
					eb.and([eb('work_orders.id', 'is not', null), orderInScope]),
					eb.and([eb('work_orders.id', 'is', null), crewInScope])
				])
			)
			.orderBy('mutation_log.received_at', 'desc')
			.orderBy('mutation_log.device_id')
			.orderBy('mutation_log.mutation_id')
			.limit(limit)
			.execute();
	}

	/** One refused mutation, acknowledged or not, with the same scope rule. */
	refusal(
		orderInScope: Expression<SqlBool>,
		crewInScope: Expression<SqlBool>,
		key: { deviceId: string; mutationId: number }
	): Promise<(RefusalRow & { reviewed_at: string | null }) | undefined> {
		return this.refusals()
			.select('mutation_log.reviewed_at')
			.where('mutation_log.device_id', '=', key.deviceId)
			.where('mutation_log.mutation_id', '=', key.mutationId)
			.where((eb) =>
				eb.or([
					eb.and([eb('work_orders.id', 'is not', null), orderInScope]),
					eb.and([eb('work_orders.id', 'is', null), crewInScope])
				])
			)
			.executeTakeFirst();
	}

	/** Marks a refusal acknowledged; false when it already was (the first decision stands). */
	async acknowledgeRefusal(key: { deviceId: string; mutationId: number }, userId: string, at: string) {
		const result = await this.db
			.updateTable('mutation_log')
			.set({ reviewed_at: at, reviewed_by_user_id: userId })
			.where('device_id', '=', key.deviceId)
			.where('mutation_id', '=', key.mutationId)
			.where('outcome', '=', 'refused')
			.where('reviewed_at', 'is', null)
			.executeTakeFirst();
		return Number(result.numUpdatedRows) > 0;
	}

	private refusals() {
		return this.db
			.selectFrom('mutation_log')
			.leftJoin('work_orders', 'work_orders.id', 'mutation_log.work_order_id')
			.leftJoin('users', 'users.id', 'mutation_log.user_id')
			.leftJoin('crews', 'crews.id', 'users.crew_id')
			.select([
				'mutation_log.device_id',
				'mutation_log.mutation_id',
				'mutation_log.name',
				'mutation_log.work_order_id',
				'mutation_log.reason',
				'mutation_log.user_id',
				'users.display_name as user_name',
				'crews.name as crew_name',
				'mutation_log.captured_at',
				'mutation_log.received_at'
			])
			.where('mutation_log.outcome', '=', 'refused');
	}

	private async inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
		const rows: T[] = [];
		for (let start = 0; start < ids.length; start += ID_CHUNK) {
			rows.push(...(await read(ids.slice(start, start + ID_CHUNK))));
		}
		return rows;
	}
}
