/**
 * The active service catalogue a crew device keeps offline (S25): sent with a pull only when the
 * device's copy is not the current one, so a routine pull costs one small query and no bytes.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServiceAttribute, SyncCatalogueService } from '$lib/domain';
import type { Database, ServiceRow } from '$lib/server/db/schema';
import { parseCloseRequirements } from './sync-views';

export interface Catalogue {
	version: string;
	services: SyncCatalogueService[];
}

/**
 * The last catalogue made and the rows it was made from. Every pull reads the rows (one small
 * query); shaping and hashing them again is skipped while they are the same, which they nearly
 * always are. Kept by content, so any edit to a service is seen on the next pull.
 */
let lastMade: { rows: string; catalogue: Catalogue } | null = null;

export async function activeCatalogue(db: Kysely<Database>): Promise<Catalogue> {
	const rows = await db
		.selectFrom('services')
		.selectAll()
		.where('active', '=', 1)
		.orderBy('sort_order')
		.orderBy('service_code')
		.execute();
	const key = JSON.stringify(rows);
	if (lastMade?.rows === key) return lastMade.catalogue;
	const services = rows.map(toCatalogueService);
	// The version is the content's hash: any edit, addition or retirement of a service changes it.
	const version = createHash('sha256').update(JSON.stringify(services)).digest('hex').slice(0, 16);
	lastMade = { rows: key, catalogue: { version, services } };
	return lastMade.catalogue;
}

function toCatalogueService(row: ServiceRow): SyncCatalogueService {
	return {
		code: row.service_code,
		name: row.service_name,
		description: row.description,
		group: row.group_name,
		attributes: parseAttributes(row.attributes),
		closeRequirements: parseCloseRequirements(row.close_requirements),
		sortOrder: row.sort_order
	};
}

function parseAttributes(json: string): ServiceAttribute[] {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? (value as ServiceAttribute[]) : [];
	} catch {
		return [];
	}
}
