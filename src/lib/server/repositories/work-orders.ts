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
