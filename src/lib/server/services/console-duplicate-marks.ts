/**
 * The console's "possible duplicate" mark: a row is marked when an open request of the same
 * service lies within the duplicate distance. One self-join over a bounding-box prefilter for a
 * whole page (never one request per row), then turf measures the pairs it found. Scope needs no
 * second check: the same service is the same department.
 */
import { distance, point } from '@turf/turf';
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { ConsoleOrder } from '$lib/components/console/console-rows';
import { bboxAround } from '$lib/domain/duplicates';
import type { Database } from '../db/schema';

const FINISHED = ['closed', 'cancelled'];

export async function markPossibleDuplicates(
	db: Kysely<Database>,
	orders: ConsoleOrder[],
	maxDistanceM: number
): Promise<ConsoleOrder[]> {
	const open = orders.filter((order) => !FINISHED.includes(order.status));
	if (open.length === 0) return orders.map((order) => ({ ...order, possibleDuplicate: false }));
	// The box at the page's highest latitude is the widest in longitude: wide enough for every row.
	const widest = open.reduce((a, b) => (Math.abs(b.lat) > Math.abs(a.lat) ? b : a));
	const box = bboxAround(widest, maxDistanceM);
	const dLat = (box.north - box.south) / 2;
	const dLong = (box.east - box.west) / 2;
	const pairs = await db
		.selectFrom('work_orders as page')
		.innerJoin('work_orders as near', (join) =>
			join.onRef('near.service_code', '=', 'page.service_code').onRef('near.id', '<>', 'page.id')
		)
		.select([
			'page.id as id',
			'page.lat as lat',
			'page.long as long',
			'near.lat as nearLat',
			'near.long as nearLong'
		])
		.where(
			'page.id',
			'in',
			open.map((order) => order.id)
		)
		.where('near.field_status', 'not in', FINISHED)
		.where(
			sql<SqlBool>`${sql.ref('near.lat')} between ${sql.ref('page.lat')} - ${dLat} and ${sql.ref('page.lat')} + ${dLat}`
		)
		.where(
			sql<SqlBool>`${sql.ref('near.long')} between ${sql.ref('page.long')} - ${dLong} and ${sql.ref('page.long')} + ${dLong}`
		)
		.execute();
	const flagged = new Set<string>();
	for (const pair of pairs) {
		if (flagged.has(pair.id)) continue;
		const meters = distance(
			point([Number(pair.long), Number(pair.lat)]),
			point([Number(pair.nearLong), Number(pair.nearLat)]),
			{ units: 'meters' }
		);
		if (meters <= maxDistanceM) flagged.add(pair.id);
	}
	return orders.map((order) => ({ ...order, possibleDuplicate: flagged.has(order.id) }));
}
