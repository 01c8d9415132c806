/**
 * A fresh database holding the large synthetic city, with exactly the asked number of open orders
 * on the crew of each named user (the generator spreads orders over four crews and many states;
 * a bench needs one crew with a full day of backlog, so it moves orders rather than changing the
 * generator's defaults). SQLite in a fresh DATA_DIR, or a PostgreSQL database when a URL is given.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import type { Database } from '../../src/lib/server/db/schema';
import { generateLargeCity } from '../../src/lib/server/seed/generate';
import { writeCity } from '../../src/lib/server/seed/seed-database';

export interface BenchCity {
	dataDir: string;
	/** '' for SQLite (in dataDir), else the PostgreSQL URL the server must use. */
	databaseUrl: string;
	/** Open orders now on each named user's crew. */
	assigned: Record<string, number>;
	open(): DatabaseHandle;
	remove(): void;
}

export interface CityOptions {
	requests: number;
	/** username -> open orders their crew must hold; each user must be on a different crew. */
	crews: Record<string, number>;
	databaseUrl?: string;
}

export async function writeBenchCity(options: CityOptions): Promise<BenchCity> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'curbside-bench-'));
	const databaseUrl = options.databaseUrl ?? '';
	const open = (): DatabaseHandle =>
		databaseUrl
			? openDatabase({ dialect: 'postgres', connectionString: databaseUrl })
			: openDatabase({ dialect: 'sqlite', filename: path.join(dataDir, 'curbside.sqlite') });
	const handle = open();
	const assigned: Record<string, number> = {};
	try {
		await migrateToLatest(handle);
		await writeCity(
			handle.db,
			generateLargeCity({ seed: 7, requestCount: options.requests, now: new Date() })
		);
		const crewOf = async (username: string) => {
			const user = await handle.db
				.selectFrom('users')
				.select('crew_id')
				.where('username', '=', username)
				.executeTakeFirstOrThrow();
			if (!user.crew_id) throw new Error(`${username} has no crew`);
			return user.crew_id;
		};
		const named = await Promise.all(Object.keys(options.crews).map(crewOf));
		const crewIds = (await handle.db.selectFrom('crews').select('id').execute()).map((row) => row.id);
		// Orders of the named crews wait on a crew the bench does not use.
		const parking = crewIds.find((id) => !named.includes(id));
		if (!parking) throw new Error('the city needs a crew the bench does not name');
		const taken = new Set<string>();
		for (const [index, [username, count]] of Object.entries(options.crews).entries()) {
			assigned[username] = await giveOrders(handle.db, named[index] as string, parking, count, taken);
		}
		return {
			dataDir,
			databaseUrl,
			assigned,
			open,
			remove: () => fs.rmSync(dataDir, { recursive: true, force: true })
		};
	} finally {
		await handle.close();
	}
}

/** Empties the crew, then gives it exactly `count` open orders not given to another crew here. */
async function giveOrders(
	db: Kysely<Database>,
	crewId: string,
	parking: string,
	count: number,
	taken: Set<string>
): Promise<number> {
	await db.updateTable('work_orders').set({ crew_id: parking }).where('crew_id', '=', crewId).execute();
	const open = await db
		.selectFrom('work_orders')
		.select('id')
		.where('field_status', 'in', ['new', 'assigned'])
		.orderBy('id')
		.execute();
	const ids = open
		.map((row) => row.id)
		.filter((id) => !taken.has(id))
		.slice(0, count);
	for (const id of ids) taken.add(id);
	for (let start = 0; start < ids.length; start += 500) {
		await db
			.updateTable('work_orders')
			.set({ crew_id: crewId, field_status: 'assigned' })
			.where('id', 'in', ids.slice(start, start + 500))
			.execute();
	}
	return ids.length;
}
