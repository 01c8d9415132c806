/**
 * The console's reads, always within a department scope: orders for the map and lists, orders
 * changed since a cursor (the live stream), crew positions and trails.
 */
import type { Kysely } from 'kysely';
import type {
	ConsoleCrew,
	ConsoleLocation,
	ConsoleMapOrder,
	ConsoleOrder,
	ConsoleService
} from '$lib/components/console/console-rows';
import type { Database } from '../db/schema';
import { markPossibleDuplicates } from './console-duplicate-marks';
import { duplicateDistanceFromEnv } from './duplicates';
import { crewInScope, orderInScope, serviceInScope, type Scope } from './department-scope';

/** Statuses that no longer need a crew: shown only when they changed today. */
const FINISHED = ['closed', 'cancelled'];

export class ConsoleQueries {
	constructor(
		private readonly db: Kysely<Database>,
		private readonly scope: Scope,
		/** Live rows are marked as possible duplicates within this distance; null leaves them unmarked. */
		private readonly duplicateDistanceM: number | null = duplicateDistanceFromEnv()
	) {}

	/**
	 * The lean row of every unfinished order in scope, plus those finished since `finishedSince`:
	 * all the map, the filters and the progress counts need, and nothing the lists alone show.
	 */
	async mapOrders(finishedSince: string): Promise<ConsoleMapOrder[]> {
		const rows = await this.db
			.selectFrom('work_orders')
			.select([
				'work_orders.id',
				'work_orders.service_code',
				'work_orders.lat',
				'work_orders.long',
				'work_orders.field_status',
				'work_orders.priority',
				'work_orders.crew_id',
				'work_orders.requested_at',
				'work_orders.due_at',
				'work_orders.closed_at',
				'work_orders.change_seq'
			])
			.where(orderInScope(this.scope))
			.where((eb) =>
				eb.or([eb('field_status', 'not in', FINISHED), eb('work_orders.updated_at', '>=', finishedSince)])
			)
			.orderBy('work_orders.id')
			.execute();
		return rows.map((row) => ({
			id: row.id,
			serviceCode: row.service_code,
			lat: Number(row.lat),
			long: Number(row.long),
			status: row.field_status,
			priority: row.priority,
			crewId: row.crew_id,
			requestedAt: row.requested_at,
			dueAt: row.due_at,
			closedAt: row.closed_at,
			changeSeq: row.change_seq
		}));
	}

	/** Every unfinished order in scope, plus the ones finished since `finishedSince` (today). */
	async orders(finishedSince: string): Promise<ConsoleOrder[]> {
		const rows = await this.orderQuery()
			.where((eb) =>
				eb.or([eb('field_status', 'not in', FINISHED), eb('work_orders.updated_at', '>=', finishedSince)])
			)
			.orderBy('work_orders.requested_at', 'desc')
			.execute();
		return rows.map(toConsoleOrder);
	}

	/** Orders in scope written after change `afterSeq`, oldest change first. */
	async ordersChangedSince(afterSeq: number, limit: number): Promise<ConsoleOrder[]> {
		const rows = await this.orderQuery()
			.where('work_orders.change_seq', '>', afterSeq)
			.orderBy('work_orders.change_seq')
			.limit(limit)
			.execute();
		const orders = rows.map(toConsoleOrder);
		// A new request is the likeliest duplicate: the queue marks it as soon as it arrives.
		if (this.duplicateDistanceM === null) return orders;
		return markPossibleDuplicates(this.db, orders, this.duplicateDistanceM);
	}

	/** Positions of crews in scope with an id above `afterId`, oldest first. */
	async locationsSince(afterId: number, limit: number): Promise<ConsoleLocation[]> {
		const rows = await this.locationQuery()
			.where('crew_locations.id', '>', afterId)
			.orderBy('crew_locations.id')
			.limit(limit)
			.execute();
		return rows.map(toConsoleLocation);
	}

	/** Positions captured since `since` (today's trails), oldest first per crew. */
	async trailsSince(since: string): Promise<ConsoleLocation[]> {
		const rows = await this.locationQuery()
			.where('crew_locations.captured_at', '>=', since)
			.orderBy('crew_locations.crew_id')
			.orderBy('crew_locations.captured_at')
			.execute();
		return rows.map(toConsoleLocation);
	}

	/** Each crew's newest position, however old ("last seen"). */
	async lastPositions(): Promise<ConsoleLocation[]> {
		const newest = this.db
			.selectFrom('crew_locations')
			.select(['crew_id', (eb) => eb.fn.max('id').as('id')])
			.groupBy('crew_id');
		const rows = await this.locationQuery()
			.innerJoin(newest.as('newest'), 'newest.id', 'crew_locations.id')
			.execute();
		return rows.map(toConsoleLocation);
	}

	crews(): Promise<ConsoleCrew[]> {
		return this.db
			.selectFrom('crews')
			.select(['id', 'name', 'color', 'department'])
			.where('active', '=', 1)
			.where(crewInScope(this.scope))
			.orderBy('name')
			.execute();
	}

	async services(): Promise<ConsoleService[]> {
		const rows = await this.db
			.selectFrom('services')
			.select(['service_code', 'service_name', 'department', 'sla_hours'])
			.where(serviceInScope(this.scope))
			.orderBy('sort_order')
			.orderBy('service_code')
			.execute();
		return rows.map((row) => ({
			code: row.service_code,
			name: row.service_name,
			department: row.department,
			slaHours: row.sla_hours
		}));
	}

	/** The newest change number and position id: where a live stream without a cursor starts. */
	async cursors(): Promise<{ seq: number; locationId: number }> {
		const counter = await this.db
			.selectFrom('change_counter')
			.select('value')
			.where('id', '=', 1)
			.executeTakeFirst();
		const location = await this.db
			.selectFrom('crew_locations')
			.select((eb) => eb.fn.max('id').as('id'))
			.executeTakeFirst();
		return { seq: counter?.value ?? 0, locationId: Number(location?.id ?? 0) };
	}

	/** The console's order columns within scope, for other console reads to refine. */
	orderSelect() {
		return this.orderQuery();
	}

	/** A row of `orderSelect` as the console receives it. */
	static toConsoleOrder(row: OrderRow): ConsoleOrder {
		return toConsoleOrder(row);
	}

	private orderQuery() {
		return this.db
			.selectFrom('work_orders')
			.select([
				'work_orders.id',
				'work_orders.service_code',
				'work_orders.lat',
				'work_orders.long',
				'work_orders.address',
				'work_orders.field_status',
				'work_orders.priority',
				'work_orders.crew_id',
				'work_orders.requested_at',
				'work_orders.due_at',
				'work_orders.closed_at',
				'work_orders.needs_review',
				'work_orders.change_seq'
			])
			.where(orderInScope(this.scope));
	}

	private locationQuery() {
		return this.db
			.selectFrom('crew_locations')
			.innerJoin('crews', 'crews.id', 'crew_locations.crew_id')
			.select([
				'crew_locations.id',
				'crew_locations.crew_id',
				'crew_locations.lat',
				'crew_locations.long',
				'crew_locations.accuracy_m',
				'crew_locations.captured_at'
			])
			.where(crewInScope(this.scope));
	}
}

type OrderRow = {
	id: string;
	service_code: string;
	lat: number;
	long: number;
	address: string | null;
	field_status: string;
	priority: number;
	crew_id: string | null;
	requested_at: string;
	due_at: string | null;
	closed_at: string | null;
	needs_review: number;
	change_seq: number;
};

function toConsoleOrder(row: OrderRow): ConsoleOrder {
	return {
		id: row.id,
		serviceCode: row.service_code,
		lat: Number(row.lat),
		long: Number(row.long),
		address: row.address,
		status: row.field_status,
		priority: row.priority,
		crewId: row.crew_id,
		requestedAt: row.requested_at,
		dueAt: row.due_at,
		closedAt: row.closed_at,
		needsReview: row.needs_review,
		changeSeq: row.change_seq
	};
}

function toConsoleLocation(row: {
	id: number;
	crew_id: string;
	lat: number;
	long: number;
	accuracy_m: number | null;
	captured_at: string;
}): ConsoleLocation {
	return {
		id: Number(row.id),
		crewId: row.crew_id,
		lat: Number(row.lat),
		long: Number(row.long),
		accuracy: row.accuracy_m === null ? null : Number(row.accuracy_m),
		at: row.captured_at
	};
}
