import type { Kysely } from 'kysely';
import type { Database, NewNote, NoteRow } from '../db/schema';
import { inTransaction } from './transaction';
import { WorkOrderRepository, type AuditEntry } from './work-orders';

export class NoteRepository {
	constructor(private readonly db: Kysely<Database>) {}

	/**
	 * Appends a note and advances its order's change sequence. Notes are append-only; adding the
	 * same note id twice is a no-op, so a retried request never duplicates a note.
	 * Returns false when the note id already existed.
	 */
	async add(note: NewNote, audit: AuditEntry): Promise<boolean> {
		return inTransaction(this.db, async (trx) => {
			const inserted = await trx
				.insertInto('notes')
				.values(note)
				.onConflict((conflict) => conflict.column('id').doNothing())
				.executeTakeFirst();
			if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
			await new WorkOrderRepository(trx).touch(note.work_order_id, audit);
			return true;
		});
	}

	listForOrder(workOrderId: string): Promise<NoteRow[]> {
		return this.db
			.selectFrom('notes')
			.selectAll()
			.where('work_order_id', '=', workOrderId)
			.orderBy('captured_at')
			.orderBy('id')
			.execute();
	}
}
