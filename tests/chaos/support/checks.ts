/**
 * The chaos verdicts, read straight from the server's database and photo store: every mutation
 * the device made is logged once, in order; each piece of work is on its order once; each photo
 * is stored whole, byte for byte, with no half-upload left behind.
 */
import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { TypedMutation } from '../../../src/lib/domain/sync/mutations';
import type { DatabaseHandle } from '../../../src/lib/server/db/connect';
import type { PhotoStore } from '../../../src/lib/server/photos/store';

export async function expectExactlyOnce(
	handle: DatabaseHandle,
	deviceId: string,
	mutations: readonly TypedMutation[]
): Promise<void> {
	const db = handle.db;
	const logged = await db
		.selectFrom('mutation_log')
		.select(['mutation_id', 'name', 'outcome'])
		.where('device_id', '=', deviceId)
		.orderBy('mutation_id')
		.execute();
	expect(logged.map((row) => [Number(row.mutation_id), row.name, row.outcome])).toEqual(
		mutations.map((mutation) => [mutation.id, mutation.name, 'applied'])
	);
	for (const mutation of mutations) {
		switch (mutation.name) {
			case 'addNote': {
				const notes = await db
					.selectFrom('notes')
					.select('id')
					.where('id', '=', mutation.args.noteId)
					.execute();
				expect(notes, `note ${mutation.args.noteId}`).toHaveLength(1);
				break;
			}
			case 'addPhoto': {
				const links = await db
					.selectFrom('work_order_photos')
					.select('id')
					.where('id', '=', mutation.args.linkId)
					.execute();
				expect(links, `photo link ${mutation.args.linkId}`).toHaveLength(1);
				break;
			}
			case 'startWork':
			case 'closeOrder': {
				const action = mutation.name === 'startWork' ? 'started' : 'closed';
				const history = await db
					.selectFrom('status_history')
					.select('id')
					.where('work_order_id', '=', mutation.args.orderId)
					.where('action', '=', action)
					.execute();
				expect(history, `${action} on ${mutation.args.orderId}`).toHaveLength(1);
				break;
			}
			default:
				break;
		}
	}
	const closed = mutations.flatMap((mutation) =>
		mutation.name === 'closeOrder' ? [mutation.args.orderId] : []
	);
	if (closed.length > 0) {
		const rows = await db
			.selectFrom('work_orders')
			.select(['id', 'field_status'])
			.where('id', 'in', closed)
			.execute();
		expect(rows.every((row) => row.field_status === 'closed')).toBe(true);
	}
}

export function sha256(bytes: Uint8Array): string {
	return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Each photo is held whole: its stored bytes hash to its name and equal what the device took. */
export async function expectPhotosIdentical(
	handle: DatabaseHandle,
	photos: PhotoStore,
	taken: ReadonlyMap<string, Uint8Array>
): Promise<void> {
	for (const [sha, original] of taken) {
		const stored = await photos.read(sha);
		expect(stored, `photo ${sha} stored`).not.toBeNull();
		expect(sha256(stored!.bytes)).toBe(sha);
		expect(Buffer.compare(Buffer.from(stored!.bytes), Buffer.from(original))).toBe(0);
		const leftovers = await handle.db
			.selectFrom('photo_upload_chunks')
			.select('offset')
			.where('sha256', '=', sha)
			.execute();
		expect(leftovers, `no half-upload of ${sha} left`).toEqual([]);
	}
}
