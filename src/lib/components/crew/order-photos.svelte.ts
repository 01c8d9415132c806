/**
 * The photos of one order, live from the local store: each link with a thumbnail when this device
 * holds the bytes, and how far its upload got (the engine records the bytes the server holds on
 * the photo row after every piece, so the bar moves as the upload does).
 */
import { liveQuery } from 'dexie';
import type { CurbsideDb, LocalPhoto, LocalPhotoLink } from '$lib/client/db/schema';

export interface OrderPhoto {
	linkId: string;
	sha256: string;
	kind: LocalPhotoLink['kind'];
	/** An object URL of the local bytes; null when only the server has them. */
	thumbnailUrl: string | null;
	/** 0..1 of the bytes on the server; 1 once uploaded (or when the photo came from the server). */
	uploaded: number;
	rejectedReason: string | null;
}

export class OrderPhotos {
	photos = $state.raw<OrderPhoto[]>([]);
	/** One URL per photo for the life of the page: the blob read back from IndexedDB is a new object each time. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache of object URLs, never rendered
	private readonly urls = new Map<string, string>();

	constructor(
		private readonly db: CurbsideDb,
		private readonly orderId: string
	) {}

	readonly afterCount = $derived(this.photos.filter((photo) => photo.kind === 'after').length);

	watch(): () => void {
		const subscription = liveQuery(() => this.read()).subscribe({
			next: (photos) => {
				this.photos = photos;
			}
		});
		return () => {
			subscription.unsubscribe();
			for (const url of this.urls.values()) URL.revokeObjectURL(url);
			this.urls.clear();
		};
	}

	private async read(): Promise<OrderPhoto[]> {
		const links = await this.db.photoLinks.where('orderId').equals(this.orderId).sortBy('capturedAt');
		const rows = await this.db.photos.bulkGet(links.map((link) => link.sha256));
		return links.map((link, index) => this.view(link, rows[index]));
	}

	private view(link: LocalPhotoLink, row: LocalPhoto | undefined): OrderPhoto {
		return {
			linkId: link.id,
			sha256: link.sha256,
			kind: link.kind,
			thumbnailUrl: row ? this.urlOf(row) : null,
			uploaded: uploadedFraction(row),
			rejectedReason: row?.rejectedReason ?? null
		};
	}

	private urlOf(row: LocalPhoto): string {
		let url = this.urls.get(row.sha256);
		if (!url) {
			url = URL.createObjectURL(row.blob);
			this.urls.set(row.sha256, url);
		}
		return url;
	}
}

/** 0..1 of a photo's bytes on the server, for its progress bar; 1 when only the server holds it. */
export function uploadedFraction(row: LocalPhoto | undefined): number {
	if (!row || row.uploaded) return 1;
	return row.size > 0 ? Math.min(1, row.uploadedBytes / row.size) : 0;
}
