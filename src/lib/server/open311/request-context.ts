/**
 * Everything the request view needs besides the order rows, loaded in a few queries for a whole
 * page of orders: services, public photos, public notes and (for extensions) the history.
 */
import type { NoteRow, ServiceRow, StatusHistoryRow, WorkOrderRow } from '../db/schema';
import type { Repositories } from '../repositories';
import type { PublicPhotoLink } from './repositories/reads';

export interface RequestContext {
	services: ReadonlyMap<string, ServiceRow>;
	photos: ReadonlyMap<string, PublicPhotoLink[]>;
	publicNotes: ReadonlyMap<string, NoteRow[]>;
	/** Present only when the client asked for extensions. */
	history: ReadonlyMap<string, StatusHistoryRow[]> | null;
	timeZone: string;
	baseUrl: string;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const row of rows) {
		const id = key(row);
		const group = groups.get(id);
		if (group) group.push(row);
		else groups.set(id, [row]);
	}
	return groups;
}

export async function loadRequestContext(
	repos: Repositories,
	orders: readonly WorkOrderRow[],
	options: { extensions: boolean; timeZone: string; baseUrl: string }
): Promise<RequestContext> {
	const ids = orders.map((order) => order.id);
	const [services, photos, notes, history] = await Promise.all([
		repos.services.list({ includeInactive: true }),
		repos.open311Reads.publicPhotosFor(ids),
		repos.open311Reads.publicNotesFor(ids),
		options.extensions ? repos.open311Reads.historyFor(ids) : Promise.resolve(null)
	]);
	return {
		services: new Map(services.map((service) => [service.service_code, service])),
		photos: groupBy(photos, (photo) => photo.work_order_id),
		publicNotes: groupBy(notes, (note) => note.work_order_id),
		history: history ? groupBy(history, (entry) => entry.work_order_id) : null,
		timeZone: options.timeZone,
		baseUrl: options.baseUrl
	};
}
