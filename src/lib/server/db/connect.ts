/**
 * Opens the database with the dialect the configuration names. Everything above this file talks
 * Kysely and does not know which engine is underneath.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { publishLocal } from '../live/local-bus';
import type { DatabaseConfig } from './config';
import type { Database } from './schema';
import { BetterSqliteDialect } from './sqlite-dialect';

export type DialectName = DatabaseConfig['dialect'];

export interface DatabaseHandle {
	db: Kysely<Database>;
	dialect: DialectName;
	close(): Promise<void>;
}

// PostgreSQL returns BIGINT (int8) and COUNT(*) as strings to be safe beyond 2^53; our change
// sequence and counts stay far below that, so parse them as numbers on both engines alike.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export function openDatabase(config: DatabaseConfig): DatabaseHandle {
	if (config.dialect === 'postgres') {
		const pool = new pg.Pool({ connectionString: config.connectionString, max: 10 });
		const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
		return { db, dialect: 'postgres', close: () => db.destroy() };
	}
	fs.mkdirSync(path.dirname(config.filename), { recursive: true });
	const sqlite = new SQLite(config.filename);
	// WAL lets readers proceed while a sync writes; busy_timeout waits out a concurrent writer
	// (a CLI next to the server) instead of failing at once.
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// The server holds one connection; SQLite's default 2 MB page cache made a crew's pull read
	// most of its pages back from the operating system (5,000 orders spread over a city's table).
	// 64 MB keeps a large city's working set in the process (issue #9: a page of 500 orders read
	// in about half the time).
	sqlite.pragma('cache_size = -65536');
	// PostgreSQL's pg_notify, in-process: writers announce changes with the same SQL on both engines
	// (see live/notify.ts for why SQLite may publish before the commit).
	sqlite.function('pg_notify', (channel: unknown, payload: unknown) => {
		publishLocal(String(channel), String(payload));
		return null;
	});
	const db = new Kysely<Database>({ dialect: new BetterSqliteDialect(sqlite) });
	return { db, dialect: 'sqlite', close: () => db.destroy() };
}
