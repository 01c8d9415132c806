/**
 * Writes the generated demo city into an empty database, in one transaction: either the whole
 * city is there or none of it is.
 */
import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/password';
import type { Database, NewStatusHistory, NewWorkOrder } from '../db/schema';
import { generateDemoCity, type DemoCity } from './generate';

export interface SeedResult {
	summary: string;
}

/** Seeds the demo city when the database has no users yet; returns null when it was not empty. */
export async function seedDemoCityIfEmpty(
	db: Kysely<Database>,
	options: { now: Date; seed?: number; requestCount?: number }
): Promise<SeedResult | null> {
	const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
	if (existing) return null;
	const city = generateDemoCity({
		seed: options.seed ?? 311,
		requestCount: options.requestCount,
		now: options.now
	});
	await writeCity(db, city);
	return {
		summary: `${city.services.length} services, ${city.crews.length} crews, ${city.users.length} people, ${city.workOrders.length} requests`
	};
}

export async function writeCity(db: Kysely<Database>, city: DemoCity): Promise<void> {
	const users = await Promise.all(
		city.users.map(async ({ demoPassword, ...user }) => ({
			...user,
			password_hash: await hashPassword(demoPassword)
		}))
	);
	const { orders, history, lastSeq } = numberChanges(city.workOrders, city.history);
	await db.transaction().execute(async (trx) => {
		await insertChunks(trx, 'services', city.services);
		await insertChunks(trx, 'crews', city.crews);
		await insertChunks(trx, 'users', users);
		await insertChunks(trx, 'work_orders', orders);
		await insertChunks(trx, 'notes', city.notes);
		await insertChunks(trx, 'status_history', history);
		await trx.updateTable('change_counter').set({ value: lastSeq }).where('id', '=', 1).execute();
	});
}

/**
 * Gives the seeded history real change numbers in time order, and each order the number of its
 * latest entry, exactly as if every change had gone through the repositories one by one.
 */
export function numberChanges(orders: NewWorkOrder[], history: NewStatusHistory[]) {
	const numbered = [...history]
		.sort((a, b) => a.at.localeCompare(b.at) || a.work_order_id.localeCompare(b.work_order_id))
		.map((entry, index) => ({ ...entry, change_seq: index + 1 }));
	const latest = new Map<string, number>();
	for (const entry of numbered) latest.set(entry.work_order_id, entry.change_seq);
	let lastSeq = numbered.length;
	const withSeq = orders.map((order) => {
		const seq = latest.get(order.id) ?? ++lastSeq;
		return { ...order, change_seq: seq };
	});
	return { orders: withSeq, history: numbered, lastSeq };
}

type Table = 'services' | 'crews' | 'users' | 'work_orders' | 'notes' | 'status_history';

/** Multi-row inserts in chunks that stay under both engines' bound-parameter limits. */
async function insertChunks<T extends object>(trx: Kysely<Database>, table: Table, rows: T[]): Promise<void> {
	if (rows.length === 0) return;
	const columns = Object.keys(rows[0] as object).length;
	const size = Math.max(1, Math.floor(30_000 / columns));
	for (let start = 0; start < rows.length; start += size) {
		// The row types come from the schema, so this widening only loses what Kysely cannot infer
		// for a table name held in a variable.
		await trx
			.insertInto(table)
			.values(rows.slice(start, start + size) as never)
			.execute();
	}
}
