/**
 * A fresh DATA_DIR holding the large synthetic city, with exactly `assigned` open orders on the
 * crew of `username` (the generator spreads orders over four crews and many states; the bench
 * needs one crew with a full day of backlog, so it moves orders here rather than changing the
 * generator's defaults).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { generateLargeCity } from '../src/lib/server/seed/generate';
import { writeCity } from '../src/lib/server/seed/seed-database';

export interface BenchCity {
	dataDir: string;
	crewOrders: number;
	remove(): void;
}

export async function writeBenchCity(options: {
	requests: number;
	username: string;
	assigned: number;
}): Promise<BenchCity> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'curbside-bench-'));
	const handle = openDatabase({ dialect: 'sqlite', filename: path.join(dataDir, 'curbside.sqlite') });
	try {
		await migrateToLatest(handle);
		await writeCity(
			handle.db,
			generateLargeCity({ seed: 7, requestCount: options.requests, now: new Date() })
		);
		const { db } = handle;
		const user = await db
			.selectFrom('users')
			.select('crew_id')
			.where('username', '=', options.username)
			.executeTakeFirstOrThrow();
		if (!user.crew_id) throw new Error(`${options.username} has no crew`);
		const other = await db
			.selectFrom('crews')
			.select('id')
			.where('id', '!=', user.crew_id)
			.executeTakeFirstOrThrow();
		// Everything of the crew goes elsewhere first, then exactly `assigned` open orders come back.
		await db
			.updateTable('work_orders')
			.set({ crew_id: other.id })
			.where('crew_id', '=', user.crew_id)
			.execute();
		const picked = await db
			.selectFrom('work_orders')
			.select('id')
			.where('field_status', 'in', ['new', 'assigned'])
			.orderBy('id')
			.limit(options.assigned)
			.execute();
		const ids = picked.map((row) => row.id);
		for (let start = 0; start < ids.length; start += 500) {
			await db
				.updateTable('work_orders')
				.set({ crew_id: user.crew_id, field_status: 'assigned' })
				.where('id', 'in', ids.slice(start, start + 500))
				.execute();
		}
		return {
			dataDir,
			crewOrders: ids.length,
			remove: () => fs.rmSync(dataDir, { recursive: true, force: true })
		};
	} finally {
		await handle.close();
	}
}
