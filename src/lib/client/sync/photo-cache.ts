/**
 * Photos the crew did not take (the resident's report, a teammate's before/after) are fetched
 * after a pull and kept on the device, for orders still open, so the crew can see them at the
 * site with no signal. They are stored as already uploaded, so they are never sent back.
 */
import { isFinalStatus } from '$lib/domain';
import type { CurbsideDb } from '../db/schema';
import type { Transport } from './transport';

/** A bound per sync, so a first sync of thousands of orders does not stall on photos. */
export const MAX_PHOTOS_CACHED_PER_SYNC = 40;

export async function cacheServerPhotos(
	db: CurbsideDb,
	transport: Transport,
	limit = MAX_PHOTOS_CACHED_PER_SYNC
): Promise<number> {
	if (!transport.photoGet) return 0;
	const links = await db.photoLinks.where('pending').equals(0).toArray();
	const orders = await db.orders.bulkGet([...new Set(links.map((link) => link.orderId))]);
	const openOrders = new Set(
		orders.flatMap((order) => (order && !isFinalStatus(order.status) ? [order.id] : []))
	);
	const wanted = [
		...new Set(links.filter((link) => openOrders.has(link.orderId)).map((link) => link.sha256))
	];
	const held = await db.photos.bulkGet(wanted);
	const missing = wanted.filter((_, index) => held[index] === undefined).slice(0, limit);
	let cached = 0;
	for (const sha256 of missing) {
		const blob = await transport.photoGet(sha256);
		if (!blob) continue;
		await db.photos.put({
			sha256,
			blob,
			size: blob.size,
			contentType: blob.type || 'image/jpeg',
			uploadedBytes: blob.size,
			uploaded: 1,
			rejectedReason: null,
			createdAt: new Date().toISOString()
		});
		cached += 1;
	}
	return cached;
}
