/**
 * What a chaos scenario runs against: a private copy of the built app, a database (a SQLite file
 * in the scenario's data folder, or a fresh PostgreSQL database when CHAOS_DATABASE_URL names a
 * server), and read access to that database and photo store for the checks.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../../src/lib/server/db/connect';
import { PhotoStore } from '../../../src/lib/server/photos/store';
import { ROOT } from './app';

export type Engine = 'sqlite' | 'postgres';

/** The engines a scenario runs on: SQLite always, PostgreSQL when a server is given. */
export function chaosEngines(): Engine[] {
	return process.env.CHAOS_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface ChaosData {
	engine: Engine;
	dataDir: string;
	/** '' for SQLite. */
	databaseUrl: string;
	logDir: string;
	/** Opens the scenario's database and photo store for the checks (close the handle after). */
	open(): { handle: DatabaseHandle; photos: PhotoStore };
	drop(): Promise<void>;
}

export async function chaosData(name: string, engine: Engine): Promise<ChaosData> {
	const base = path.join(ROOT, 'test-results', 'chaos', `${name}-${engine}`);
	fs.rmSync(base, { recursive: true, force: true });
	const dataDir = path.join(base, 'data');
	const logDir = path.join(base, 'logs');
	fs.mkdirSync(dataDir, { recursive: true });
	fs.mkdirSync(logDir, { recursive: true });
	let databaseUrl = '';
	let dbName = '';
	const adminUrl = process.env.CHAOS_DATABASE_URL ?? '';
	if (engine === 'postgres') {
		dbName = `curbside_chaos_${name.replace(/\W/g, '_')}_${crypto.randomBytes(3).toString('hex')}`;
		const admin = new pg.Client({ connectionString: adminUrl });
		await admin.connect();
		await admin.query(`create database ${dbName}`);
		await admin.end();
		const url = new URL(adminUrl);
		url.pathname = `/${dbName}`;
		databaseUrl = url.toString();
	}
	return {
		engine,
		dataDir,
		databaseUrl,
		logDir,
		open() {
			const handle =
				engine === 'postgres'
					? openDatabase({ dialect: 'postgres', connectionString: databaseUrl })
					: openDatabase({ dialect: 'sqlite', filename: path.join(dataDir, 'curbside.sqlite') });
			return { handle, photos: new PhotoStore(handle.db, dataDir, handle.dialect) };
		},
		async drop() {
			if (engine !== 'postgres') return;
			const admin = new pg.Client({ connectionString: adminUrl });
			await admin.connect();
			await admin.query(`drop database if exists ${dbName} with (force)`);
			await admin.end();
		}
	};
}
