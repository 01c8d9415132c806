import type { Kysely } from 'kysely';
import type { Database, StatusHistoryRow } from '../db/schema';

export class HistoryRepository {
	constructor(private readonly db: Kysely<Database>) {}

	listForOrder(workOrderId: string): Promise<StatusHistoryRow[]> {
		return this.db
			.selectFrom('status_history')
			.selectAll()
			.where('work_order_id', '=', workOrderId)
			.orderBy('change_seq')
			.execute();
	}
}
