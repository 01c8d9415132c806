import type { Kysely } from 'kysely';
import type { Database, NewWorkOrderPhoto, PhotoRow, WorkOrderPhotoRow } from '../db/schema';
import { inTransaction } from './transaction';
import { WorkOrderRepository, type AuditEntry } from './work-orders';

export class PhotoRepository {
	constructor(private readonly db: Kysely<Database>) {}

	/** Records stored photo bytes; content addressing makes a second save of the same bytes a no-op. */
	async saveMetadata(photo: PhotoRow): Promise<void> {
		await this.db
			.insertInto('photos')
			.values(photo)
			.onConflict((conflict) => conflict.column('sha256').doNothing())
			.execute();
	}

	get(sha256: string): Promise<PhotoRow | undefined> {
		return this.db.selectFrom('photos').selectAll().where('sha256', '=', sha256).executeTakeFirst();
	}

	/** Attaches a stored photo to an order (idempotent by link id) and advances the order's sequence. */
	async attach(link: NewWorkOrderPhoto, audit: AuditEntry): Promise<boolean> {
		return inTransaction(this.db, async (trx) => {
			const inserted = await trx
				.insertInto('work_order_photos')
				.values(link)
				.onConflict((conflict) => conflict.column('id').doNothing())
				.executeTakeFirst();
			if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
			await new WorkOrderRepository(trx).touch(link.work_order_id, audit);
			return true;
		});
	}

	listForOrder(workOrderId: string): Promise<WorkOrderPhotoRow[]> {
		return this.db
			.selectFrom('work_order_photos')
			.selectAll()
			.where('work_order_id', '=', workOrderId)
			.orderBy('captured_at')
			.orderBy('id')
			.execute();
	}

	async putBlob(sha256: string, data: Uint8Array): Promise<void> {
		await this.db
			.insertInto('photo_blobs')
			.values({ sha256, data })
			.onConflict((conflict) => conflict.column('sha256').doNothing())
			.execute();
	}

	async getBlob(sha256: string): Promise<Uint8Array | undefined> {
		const row = await this.db
			.selectFrom('photo_blobs')
			.select('data')
			.where('sha256', '=', sha256)
			.executeTakeFirst();
		return row?.data;
	}
}
