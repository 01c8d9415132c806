/**
 * The fault harness on PostgreSQL: the world is written once into a template database, and every
 * seed gets its own database made from it with `CREATE DATABASE ... TEMPLATE`, which copies files
 * instead of re-running the migrations (the same fresh-database-per-test idea as
 * tests/server/backends.ts, at a price hundreds of seeds can pay).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../../src/lib/server/db/connect';
import { scratchRoot, seedWorld, type PostgresTemplate, type SeedDatabase } from './world';

function databaseUrl(adminUrl: string, database: string): string {
	const url = new URL(adminUrl);
	url.pathname = `/${database}`;
	return url.toString();
}

function uniqueName(prefix: string): string {
	return `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
}

async function asAdmin(adminUrl: string, statement: string): Promise<void> {
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(statement);
	} finally {
		await admin.end();
	}
}

export async function buildPostgresTemplate(adminUrl: string): Promise<PostgresTemplate> {
	const database = uniqueName('curbside_sync_tpl');
	await asAdmin(adminUrl, `create database ${database}`);
	const handle = openDatabase({ dialect: 'postgres', connectionString: databaseUrl(adminUrl, database) });
	try {
		await seedWorld(handle);
	} finally {
		// CREATE DATABASE ... TEMPLATE refuses a template with open connections: close the pool.
		await handle.close();
	}
	const dir = fs.mkdtempSync(path.join(scratchRoot(), 'curbside-sync-pg-'));
	return { engine: 'postgres', dir, adminUrl, database };
}

export async function copyPostgresTemplate(template: PostgresTemplate, seed: number): Promise<SeedDatabase> {
	const database = uniqueName(`curbside_sync_${seed}`);
	await asAdmin(template.adminUrl, `create database ${database} template ${template.database}`);
	const dir = fs.mkdtempSync(path.join(template.dir, `seed-${seed}-`));
	return {
		config: { dialect: 'postgres', connectionString: databaseUrl(template.adminUrl, database) },
		dir,
		remove: async () => {
			fs.rmSync(dir, { recursive: true, force: true });
			await asAdmin(template.adminUrl, `drop database if exists ${database} with (force)`);
		}
	};
}

export async function dropPostgresTemplate(template: PostgresTemplate): Promise<void> {
	fs.rmSync(template.dir, { recursive: true, force: true });
	await asAdmin(template.adminUrl, `drop database if exists ${template.database} with (force)`);
}
