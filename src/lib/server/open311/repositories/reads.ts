import { sql, type Kysely } from 'kysely';
import type { Database, NoteRow, StatusHistoryRow } from '../../db/schema';

/** Photo kinds the public may see: what the reporter sent and what the crew left behind. */
export const PUBLIC_PHOTO_KINDS = ['reporter', 'after'] as const;

export interface PublicPhotoLink {
	work_order_id: string;
	sha256: string;
	kind: string;
	captured_at: string;
	content_type: string;
}

/**
 * The reads Open311 needs over many orders at once (one query per kind of child row, not one
 * per order), and the request-number lookup for new ids.
 */
export class Open311ReadRepository {
	constructor(private readonly db: Kysely<Database>) {}

	/** The highest CS- number in use; ids are padded but grow in length past 999999, hence length first. */
	async lastRequestId(): Promise<string | undefined> {
		const row = await this.db
			.selectFrom('work_orders')
			.select('id')
			.where('id', 'like', 'CS-%')
			.orderBy(sql`length(id)`, 'desc')
			.orderBy('id', 'desc')
			.limit(1)
			.executeTakeFirst();
		return row?.id;
	}

	publicNotesFor(orderIds: readonly string[]): Promise<NoteRow[]> {
		if (orderIds.length === 0) return Promise.resolve([]);
		return this.db
			.selectFrom('notes')
			.selectAll()
			.where('work_order_id', 'in', orderIds)
			.where('visibility', '=', 'public')
			.orderBy('captured_at')
			.orderBy('id')
			.execute();
	}

	historyFor(orderIds: readonly string[]): Promise<StatusHistoryRow[]> {
		if (orderIds.length === 0) return Promise.resolve([]);
		return this.db
			.selectFrom('status_history')
			.selectAll()
			.where('work_order_id', 'in', orderIds)
			.orderBy('change_seq')
			.execute();
	}

	/** Public photos with their type (for the URL's extension); links whose bytes have not arrived are left out. */
	publicPhotosFor(orderIds: readonly string[]): Promise<PublicPhotoLink[]> {
		if (orderIds.length === 0) return Promise.resolve([]);
		return this.db
			.selectFrom('work_order_photos')
			.innerJoin('photos', 'photos.sha256', 'work_order_photos.sha256')
			.select([
				'work_order_photos.work_order_id',
				'work_order_photos.sha256',
				'work_order_photos.kind',
				'work_order_photos.captured_at',
				'photos.content_type'
			])
			.where('work_order_photos.work_order_id', 'in', orderIds)
			.where('work_order_photos.kind', 'in', PUBLIC_PHOTO_KINDS)
			.orderBy('work_order_photos.captured_at')
			.orderBy('work_order_photos.id')
			.execute();
	}

	/** History entries in a time window, oldest first. */
	historyBetween(from: string, to: string, limit: number): Promise<StatusHistoryRow[]> {
		return this.db
			.selectFrom('status_history')
			.selectAll()
			.where('at', '>=', from)
			.where('at', '<=', to)
			.orderBy('at')
			.orderBy('id')
			.limit(limit)
			.execute();
	}

	/** Only photos attached to an order as public kinds are ever served to the public. */
	async isPublicPhoto(sha256: string): Promise<boolean> {
		const row = await this.db
			.selectFrom('work_order_photos')
			.select('id')
			.where('sha256', '=', sha256)
			.where('kind', 'in', PUBLIC_PHOTO_KINDS)
			.limit(1)
			.executeTakeFirst();
		return row !== undefined;
	}
}
