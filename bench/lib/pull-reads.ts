/**
 * The SQL one pull request reads with, recorded from a real pull and replayed straight through the
 * database driver (better-sqlite3 or pg): the server-load bench's bare query loop, against which
 * the whole stack's overhead is measured (issue #9).
 *
 * What is recorded is what the database does for one pull of a page asked again and again, as the
 * bench's HTTP loop asks it: the pull is run once first so that what the server keeps (each order's
 * notes and history, the catalogue) is kept, then a second pull and the next page it reads ahead
 * (S14) are recorded. Only reads: the pull's one write, a device's last-seen time, happens at most
 * once a minute per device.
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/lib/server/db/schema';
import { BetterSqliteDialect } from '../../src/lib/server/db/sqlite-dialect';
import { pullAheadFor } from '../../src/lib/server/sync/pull-ahead';
import type { BenchCity } from './city';

export interface PullReads {
	/** The statements one pull reads with, in the order it ran them. */
	sql: string[];
	/** Runs them all once, one after the other, as one pull does. */
	runOnce(): Promise<void>;
	close(): Promise<void>;
}

interface Statement {
	sql: string;
	parameters: readonly unknown[];
}

export async function recordPullReads(
	city: BenchCity,
	pull: (db: Kysely<Database>) => Promise<void>
): Promise<PullReads> {
	const recorded: Statement[] = [];
	let recording = false;
	const log = (event: LogEvent) => {
		if (recording && event.level === 'query' && /^\s*select\b/i.test(event.query.sql))
			recorded.push({ sql: event.query.sql, parameters: event.query.parameters });
	};
	const record = async (db: Kysely<Database>) => {
		await pull(db);
		await pullAheadFor(db).settled();
		recording = true;
		await pull(db);
		await pullAheadFor(db).settled();
		recording = false;
		if (recorded.length === 0) throw new Error('the pull read nothing: no statement to replay');
	};

	if (city.databaseUrl) {
		const pool = new pg.Pool({ connectionString: city.databaseUrl, max: 10 });
		const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
		await record(db);
		return {
			sql: recorded.map((statement) => statement.sql),
			async runOnce() {
				for (const statement of recorded) await pool.query(statement.sql, [...statement.parameters]);
			},
			close: () => db.destroy()
		};
	}
	const sqlite = new SQLite(path.join(city.dataDir, 'curbside.sqlite'));
	// As the server opens it (src/lib/server/db/connect.ts): the same page cache.
	sqlite.pragma('cache_size = -65536');
	const db = new Kysely<Database>({ dialect: new BetterSqliteDialect(sqlite), log });
	await record(db);
	const prepared = recorded.map((statement) => ({
		run: sqlite.prepare(statement.sql),
		parameters: statement.parameters
	}));
	return {
		sql: recorded.map((statement) => statement.sql),
		async runOnce() {
			for (const statement of prepared) statement.run.all(...statement.parameters);
		},
		close: () => db.destroy()
	};
}
