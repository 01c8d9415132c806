import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { nextChangeSeq } from '../db/change-seq';
import type { Database, NewWorkOrder, WorkOrderRow, WorkOrderUpdate } from '../db/schema';
import { inTransaction } from './transaction';

/** Who did what to a work order: every write records one entry in the status history. */
export interface AuditEntry {
	at: string;
	actorUserId: string | null;
	actorKind: 'crew' | 'supervisor' | 'admin' | 'resident' | 'system';
	action: string;
	detail?: Record<string, unknown>;
}

export interface WorkOrderFilter {
	ids?: string[];
	crewId?: string;
	unassigned?: boolean;
	fieldStatuses?: string[];
	serviceCodes?: string[];
	requestedFrom?: string;
	requestedTo?: string;
}

type NewOrder = Omit<NewWorkOrder, 'change_seq'>;
type OrderChanges = Omit<WorkOrderUpdate, 'id' | 'change_seq'>;

/**
 * The only way to write a work order. Every write takes the next change sequence number and
 * records a history entry in the same transaction, so a sync cursor can never miss a change.
 */
export class WorkOrderRepository {
	constructor(private readonly db: Kysely<Database>) {}

	async insert(order: NewOrder, audit: AuditEntry): Promise<WorkOrderRow> {
		return inTransaction(this.db, async (trx) => {
			const changeSeq = await nextChangeSeq(trx);
			const row = await trx
				.insertInto('work_orders')
				.values({ ...order, change_seq: changeSeq })
				.returningAll()
				.executeTakeFirstOrThrow();
			await recordHistory(trx, audit, changeSeq, row.id, { status: null, crew: null }, row);
			return row;
		});
	}

	/** Applies `changes`; returns undefined when there is no such order. */
	async update(id: string, changes: OrderChanges, audit: AuditEntry): Promise<WorkOrderRow | undefined> {
		return inTransaction(this.db, async (trx) => {
			const before = await trx
				.selectFrom('work_orders')
				.select(['field_status', 'crew_id'])
				.where('id', '=', id)
				.executeTakeFirst();
			if (!before) return undefined;
			const changeSeq = await nextChangeSeq(trx);
			const row = await trx
				.updateTable('work_orders')
				.set({ updated_at: audit.at, ...changes, change_seq: changeSeq })
				.where('id', '=', id)
				.returningAll()
				.executeTakeFirstOrThrow();
			const previous = { status: before.field_status, crew: before.crew_id };
			await recordHistory(trx, audit, changeSeq, id, previous, row);
			return row;
		});
	}

	/** Advances the order's change sequence for a write to a child row (a note, a photo). */
	async touch(id: string, audit: AuditEntry): Promise<WorkOrderRow | undefined> {
		return this.update(id, {}, audit);
	}

	get(id: string): Promise<WorkOrderRow | undefined> {
		return this.db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst();
	}

	getByToken(token: string): Promise<WorkOrderRow | undefined> {
		return this.db.selectFrom('work_orders').selectAll().where('token', '=', token).executeTakeFirst();
	}

	list(filter: WorkOrderFilter, page: { limit: number; offset?: number }): Promise<WorkOrderRow[]> {
		let query = this.db.selectFrom('work_orders').selectAll();
		if (filter.ids) query = whereIn(query, 'id', filter.ids);
		if (filter.crewId) query = query.where('crew_id', '=', filter.crewId);
		if (filter.unassigned) query = query.where('crew_id', 'is', null);
		if (filter.fieldStatuses) query = whereIn(query, 'field_status', filter.fieldStatuses);
		if (filter.serviceCodes) query = whereIn(query, 'service_code', filter.serviceCodes);
		if (filter.requestedFrom) query = query.where('requested_at', '>=', filter.requestedFrom);
		if (filter.requestedTo) query = query.where('requested_at', '<=', filter.requestedTo);
		return query
			.orderBy('requested_at', 'desc')
			.orderBy('id')
			.limit(page.limit)
			.offset(page.offset ?? 0)
			.execute();
	}

	/** Orders of a crew written after `afterSeq`, oldest change first: one page of a sync pull. */
	changedSince(crewId: string, afterSeq: number, limit: number): Promise<WorkOrderRow[]> {
		return this.db
			.selectFrom('work_orders')
			.selectAll()
			.where('crew_id', '=', crewId)
			.where('change_seq', '>', afterSeq)
			.orderBy('change_seq')
			.limit(limit)
			.execute();
	}

	async countByStatus(filter: { crewId?: string } = {}): Promise<Record<string, number>> {
		let query = this.db
			.selectFrom('work_orders')
			.select(['field_status', (eb) => eb.fn.countAll<number>().as('n')])
			.groupBy('field_status');
		if (filter.crewId) query = query.where('crew_id', '=', filter.crewId);
		const rows = await query.execute();
		return Object.fromEntries(rows.map((row) => [row.field_status, Number(row.n)]));
	}

	/**
	 * Reads an order for a supervisor's decision. Takes the change counter's row lock first (a no-op
	 * update), so on PostgreSQL no other write can slip in between this read and the decision's
	 * write; SQLite runs one writing transaction at a time anyway. Call inside a transaction.
	 */
	async getForDecision(id: string): Promise<WorkOrderRow | undefined> {
		await this.db
			.updateTable('change_counter')
			.set((eb) => ({ value: eb.ref('value') }))
			.where('id', '=', 1)
			.execute();
		return this.get(id);
	}

	/**
	 * Reopens a finished order: clears what belonged to the finished attempt (resolution, close
	 * time, the unable reason, a duplicate link) and sets the public word. `to` is the status the
	 * caller checked against the lifecycle: `reopened` from closed, `assigned` or `new` straight
	 * from unable to complete.
	 */
	reopen(
		id: string,
		to: 'reopened' | 'assigned' | 'new',
		target: { crewId: string | null; statusNotes: string; crewChanges: boolean },
		audit: AuditEntry
	): Promise<WorkOrderRow | undefined> {
		return this.update(
			id,
			{
				field_status: to,
				crew_id: target.crewId,
				resolution_code: null,
				unable_reason: null,
				closed_at: null,
				duplicate_of: null,
				status_notes: target.statusNotes,
				...(target.crewChanges
					? { assigned_at: target.crewId === null ? null : audit.at, route_order: null }
					: {})
			},
			audit
		);
	}

	/** Hands a reopened order to a crew: the second step of a reopen from closed. */
	assignReopened(id: string, crewId: string, crewChanges: boolean, audit: AuditEntry) {
		return this.update(
			id,
			{
				field_status: 'assigned',
				crew_id: crewId,
				...(crewChanges ? { assigned_at: audit.at, route_order: null } : {})
			},
			audit
		);
	}

	/**
	 * Closes `copyId` as a duplicate of `keptId` and notes the merge on the kept order too, so both
	 * histories tell the story. The copy's notes and photos stay where they are, on the copy.
	 */
	async markDuplicate(
		copyId: string,
		keptId: string,
		statusNotes: string,
		audit: AuditEntry
	): Promise<WorkOrderRow | undefined> {
		return inTransaction(this.db, async (trx) => {
			const orders = new WorkOrderRepository(trx);
			const copy = await orders.update(
				copyId,
				{
					field_status: 'closed',
					resolution_code: 'duplicate',
					duplicate_of: keptId,
					closed_at: audit.at,
					status_notes: statusNotes
				},
				{ ...audit, detail: { ...audit.detail, duplicateOf: keptId } }
			);
			if (!copy) return undefined;
			await orders.touch(keptId, {
				...audit,
				action: 'duplicate-merged',
				detail: { ...audit.detail, duplicateId: copyId }
			});
			return copy;
		});
	}

	/**
	 * Records a supervisor's review decision in the history and takes `settled` items off the
	 * order's needs_review count (never below zero). `settled` is 0 for a decision that clears no
	 * count, such as accepting a closure.
	 */
	async recordReviewDecision(
		id: string,
		settled: number,
		audit: AuditEntry
	): Promise<WorkOrderRow | undefined> {
		return inTransaction(this.db, async (trx) => {
			const touched = await new WorkOrderRepository(trx).touch(id, audit);
			if (!touched || settled <= 0) return touched;
			return trx
				.updateTable('work_orders')
				.set({
					needs_review: sql<number>`case when needs_review > ${settled} then needs_review - ${settled} else 0 end`
				})
				.where('id', '=', id)
				.returningAll()
				.executeTakeFirst();
		});
	}
}

type OrderQuery = SelectQueryBuilder<Database, 'work_orders', WorkOrderRow>;

/** `in ()` is a syntax error in SQL, so an empty filter list becomes an explicit "match nothing". */
function whereIn(
	query: OrderQuery,
	column: 'id' | 'field_status' | 'service_code',
	values: string[]
): OrderQuery {
	return values.length > 0 ? query.where(column, 'in', values) : query.where(sql<boolean>`1 = 0`);
}

async function recordHistory(
	trx: Kysely<Database>,
	audit: AuditEntry,
	changeSeq: number,
	workOrderId: string,
	before: { status: string | null; crew: string | null },
	after: WorkOrderRow
): Promise<void> {
	await trx
		.insertInto('status_history')
		.values({
			work_order_id: workOrderId,
			at: audit.at,
			actor_user_id: audit.actorUserId,
			actor_kind: audit.actorKind,
			action: audit.action,
			from_status: before.status,
			to_status: after.field_status,
			from_crew_id: before.crew,
			to_crew_id: after.crew_id,
			detail: JSON.stringify(audit.detail ?? {}),
			change_seq: changeSeq
		})
		.execute();
}
