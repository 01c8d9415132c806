import type { Kysely } from 'kysely';
import type { Database, NoteRow, WorkOrderPhotoRow, WorkOrderRow } from '../db/schema';

/**
 * The columns of an order a crew device receives (toSyncOrder) and the pull pages by. A resident's
 * contact details, the reporter's device and the like never leave the server; not reading them
 * also cut a page's read by about 40% (a first sync reads 5,000 rows, issue #9).
 */
const SYNCED_COLUMNS = [
	'id',
	'token',
	'source',
	'service_code',
	'description',
	'lat',
	'long',
	'address',
	'field_status',
	'priority',
	'due_at',
	'requested_at',
	'updated_at',
	'route_order',
	'resolution_code',
	'unable_reason',
	'time_on_site_minutes',
	'materials',
	'attributes',
	'status_notes',
	'started_at',
	'closed_at',
	'change_seq'
] as const satisfies readonly (keyof WorkOrderRow)[];

export type OrderWithService = Pick<WorkOrderRow, (typeof SYNCED_COLUMNS)[number]> & {
	service_name: string | null;
	close_requirements: string | null;
};

/** `in` lists are kept well under SQLite's bound-parameter limit. */
const ID_CHUNK = 500;

/** The read side of sync: what changed for a crew since a point in the change sequence. */
export class SyncPullRepository {
	constructor(private readonly db: Kysely<Database>) {}

	/** The crew's orders written after `afterSeq`, oldest change first, with their service's name and rules. */
	changedOrders(crewId: string, afterSeq: number, limit: number): Promise<OrderWithService[]> {
		return this.db
			.selectFrom('work_orders')
			.leftJoin('services', 'services.service_code', 'work_orders.service_code')
			.select(SYNCED_COLUMNS.map((column) => `work_orders.${column}` as const))
			.select(['services.service_name', 'services.close_requirements'])
			.where('work_orders.crew_id', '=', crewId)
			.where('work_orders.change_seq', '>', afterSeq)
			.orderBy('work_orders.change_seq')
			.limit(limit)
			.execute();
	}

	/**
	 * History entries after `afterSeq` in which an order left the crew and that it has not come back
	 * to since, oldest first: the source of pull tombstones.
	 */
	departures(
		crewId: string,
		afterSeq: number,
		limit: number
	): Promise<{ work_order_id: string; change_seq: number }[]> {
		return this.db
			.selectFrom('status_history')
			.innerJoin('work_orders', 'work_orders.id', 'status_history.work_order_id')
			.select(['status_history.work_order_id', 'status_history.change_seq'])
			.where('status_history.from_crew_id', '=', crewId)
			.where('status_history.change_seq', '>', afterSeq)
			.where((eb) =>
				eb.or([eb('status_history.to_crew_id', 'is', null), eb('status_history.to_crew_id', '!=', crewId)])
			)
			.where((eb) => eb.or([eb('work_orders.crew_id', 'is', null), eb('work_orders.crew_id', '!=', crewId)]))
			.orderBy('status_history.change_seq')
			.limit(limit)
			.execute();
	}

	async notesFor(orderIds: readonly string[]): Promise<(NoteRow & { author_name: string | null })[]> {
		const rows: (NoteRow & { author_name: string | null })[] = [];
		for (const chunk of chunks(orderIds)) {
			const found = await this.db
				.selectFrom('notes')
				.leftJoin('users', 'users.id', 'notes.author_user_id')
				.selectAll('notes')
				.select('users.display_name as author_name')
				.where('notes.work_order_id', 'in', chunk)
				.orderBy('notes.captured_at')
				.orderBy('notes.id')
				.execute();
			rows.push(...found);
		}
		return rows;
	}

	async photosFor(orderIds: readonly string[]): Promise<WorkOrderPhotoRow[]> {
		const rows: WorkOrderPhotoRow[] = [];
		for (const chunk of chunks(orderIds)) {
			const found = await this.db
				.selectFrom('work_order_photos')
				.selectAll()
				.where('work_order_id', 'in', chunk)
				.orderBy('captured_at')
				.orderBy('id')
				.execute();
			rows.push(...found);
		}
		return rows;
	}

	/** Whether a crew member may see a photo: it belongs to one of the crew's orders, or they linked it. */
	async crewMaySeePhoto(sha256: string, crewId: string | null, userId: string): Promise<boolean> {
		const row = await this.db
			.selectFrom('work_order_photos')
			.innerJoin('work_orders', 'work_orders.id', 'work_order_photos.work_order_id')
			.select('work_order_photos.id')
			.where('work_order_photos.sha256', '=', sha256)
			.where((eb) =>
				eb.or([
					eb('work_order_photos.author_user_id', '=', userId),
					...(crewId ? [eb('work_orders.crew_id', '=', crewId)] : [])
				])
			)
			.limit(1)
			.executeTakeFirst();
		return row !== undefined;
	}
}

function* chunks(ids: readonly string[]): Generator<string[]> {
	for (let start = 0; start < ids.length; start += ID_CHUNK) yield ids.slice(start, start + ID_CHUNK);
}
