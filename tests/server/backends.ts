/**
 * The database engines a server test can run against: always a fresh SQLite file, and a fresh
 * PostgreSQL database when TEST_DATABASE_URL points at a server (as `.ci/run` arranges).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';

export interface TestBackend {
	name: DialectName;
	/** A new, migrated, empty database; `drop` removes it. */
	create(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }>;
}

const sqliteBackend: TestBackend = {
	name: 'sqlite',
	async create() {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curbside-test-'));
		const handle = openDatabase({ dialect: 'sqlite', filename: path.join(dir, 'test.sqlite') });
		await migrateToLatest(handle);
		return {
			handle,
			drop: async () => {
				await handle.close();
				fs.rmSync(dir, { recursive: true, force: true });
			}
		};
	}
};

function postgresBackend(adminUrl: string): TestBackend {
	return {
		name: 'postgres',
		async create() {
			const name = `curbside_test_${crypto.randomBytes(6).toString('hex')}`;
			const admin = new pg.Client({ connectionString: adminUrl });
			await admin.connect();
			await admin.query(`create database ${name}`);
			await admin.end();
			const url = new URL(adminUrl);
			url.pathname = `/${name}`;
			const handle = openDatabase({ dialect: 'postgres', connectionString: url.toString() });
			await migrateToLatest(handle);
			return {
				handle,
				drop: async () => {
					await handle.close();
					const cleanup = new pg.Client({ connectionString: adminUrl });
					await cleanup.connect();
					await cleanup.query(`drop database if exists ${name} with (force)`);
					await cleanup.end();
				}
			};
		}
	};
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. PG_ONLY=1 runs PostgreSQL alone. */
export function testBackends(): TestBackend[] {
	const url = process.env.TEST_DATABASE_URL;
	const backends: TestBackend[] = [];
	if (process.env.PG_ONLY !== '1') backends.push(sqliteBackend);
	if (url) backends.push(postgresBackend(url));
	return backends;
}
