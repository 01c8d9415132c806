/**
 * A fingerprint of the data a bad request must not change: row counts and a hash of every row of
 * the tables that hold the city's work, read straight from the test server's database.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/** Tables and the columns left out because honest traffic moves them (last seen, last used). */
const WATCHED: Record<string, string[]> = {
	work_orders: [],
	notes: [],
	photos: [],
	photo_blobs: [],
	photo_upload_chunks: [],
	work_order_photos: [],
	status_history: [],
	mutation_log: [],
	users: [],
	crews: [],
	services: [],
	open311_updates: [],
	devices: ['last_seen_at'],
	api_keys: ['last_used_at']
};

export type Snapshot = Record<string, { rows: number; hash: string }>;

export async function snapshotData(port: number): Promise<Snapshot> {
	const url = process.env.E2E_DATABASE_URL;
	const read = url ? await postgresReader(url) : sqliteReader(port);
	try {
		const snapshot: Snapshot = {};
		for (const [table, skipped] of Object.entries(WATCHED)) {
			const rows = (await read.all(`select * from ${table}`)).map((row) => {
				for (const column of skipped) delete row[column];
				return JSON.stringify(row, (_key, value) =>
					Buffer.isBuffer(value) ? crypto.createHash('sha256').update(value).digest('hex') : value
				);
			});
			rows.sort();
			snapshot[table] = {
				rows: rows.length,
				hash: crypto.createHash('sha256').update(rows.join('\n')).digest('hex')
			};
		}
		return snapshot;
	} finally {
		await read.close();
	}
}

interface Reader {
	all(sql: string): Promise<Record<string, unknown>[]>;
	close(): Promise<void>;
}

function sqliteReader(port: number): Reader {
	const db = new Database(path.resolve(`test-results/e2e-data-${port}/curbside.sqlite`), { readonly: true });
	return {
		all: async (sql) => db.prepare(sql).all() as Record<string, unknown>[],
		close: async () => {
			db.close();
		}
	};
}

async function postgresReader(url: string): Promise<Reader> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	return {
		all: async (sql) => (await client.query(sql)).rows as Record<string, unknown>[],
		close: () => client.end()
	};
}
