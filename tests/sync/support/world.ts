/**
 * The small server-side world every seed starts from: one service, one crew, one crew user and a
 * few orders assigned to the crew, in a migrated database. Built once per test file as a
 * template and copied per seed, because migrating hundreds of databases would dominate the run:
 * a SQLite file copy, or on PostgreSQL a `CREATE DATABASE ... TEMPLATE` (postgres-template.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionUser } from '../../../src/lib/server/auth/types';
import type { DatabaseConfig } from '../../../src/lib/server/db/config';
import { openDatabase, type DatabaseHandle } from '../../../src/lib/server/db/connect';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { newWorkOrderRow, repositories } from '../../../src/lib/server/repositories';

export const T0 = '2026-11-02T14:00:00.000Z';
export const CREW_ID = 'crew-north';
export const OTHER_CREW_ID = 'crew-south';
export const SUPERVISOR_ID = 'u-super';
export const ORDER_IDS = ['CS-000101', 'CS-000102', 'CS-000103', 'CS-000104'] as const;

export const CREW_USER: SessionUser = {
	id: 'u-crew',
	username: 'dana',
	displayName: 'Dana Field',
	role: 'crew',
	crewId: CREW_ID,
	department: 'Public Works'
};

/** Seeds make and drop hundreds of small databases: on a RAM disk when there is one, so fsync costs nothing. */
export function scratchRoot(): string {
	return fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
}

export interface SqliteTemplate {
	engine: 'sqlite';
	/** Scratch folder holding the template file; removing it removes the template. */
	dir: string;
	file: string;
}

/** A migrated, seeded PostgreSQL database that nobody connects to, so it can be copied per seed. */
export interface PostgresTemplate {
	engine: 'postgres';
	/** Scratch folder for the seeds' photo folders. */
	dir: string;
	adminUrl: string;
	database: string;
}

export type Template = SqliteTemplate | PostgresTemplate;

/** One seed's own server database, and the folder its photos go to. */
export interface SeedDatabase {
	config: DatabaseConfig;
	dir: string;
	remove(): Promise<void>;
}

export async function buildTemplate(): Promise<SqliteTemplate> {
	const dir = fs.mkdtempSync(path.join(scratchRoot(), 'curbside-sync-template-'));
	const file = path.join(dir, 'template.sqlite');
	const handle = openDatabase({ dialect: 'sqlite', filename: file });
	await seedWorld(handle);
	// Closing the handle checkpoints the WAL into the file, so a plain file copy is a whole database.
	await handle.close();
	return { engine: 'sqlite', dir, file };
}

/** Migrates an empty database and writes the world into it. */
export async function seedWorld(handle: DatabaseHandle): Promise<void> {
	await migrateToLatest(handle);
	const repos = repositories(handle.db);
	await repos.services.upsert({
		service_code: 'POTHOLE',
		service_name: 'Pothole',
		description: 'A hole in the road surface',
		group_name: 'Streets',
		keywords: 'road',
		type: 'realtime',
		attributes: '[]',
		sla_hours: 72,
		close_requirements: '{"afterPhoto":true}',
		department: 'Public Works',
		active: 1,
		sort_order: 1
	});
	for (const [id, name] of [
		[CREW_ID, 'Streets North'],
		[OTHER_CREW_ID, 'Streets South']
	] as const) {
		await repos.crews.insert({
			id,
			name,
			department: 'Public Works',
			color: '#1b6',
			active: 1,
			created_at: T0
		});
	}
	await repos.users.insert(userRow(CREW_USER.id, CREW_USER.username, 'crew', CREW_ID));
	await repos.users.insert(userRow(SUPERVISOR_ID, 'sam', 'supervisor', null));
	for (const [index, id] of ORDER_IDS.entries()) {
		await repos.workOrders.insert(orderRow(id, index), {
			at: T0,
			actorUserId: SUPERVISOR_ID,
			actorKind: 'supervisor',
			action: 'assigned'
		});
	}
}

/** A private copy of a SQLite template for one seed; `remove` deletes it with its photos. */
export function copySqliteTemplate(template: SqliteTemplate, seed: number): SeedDatabase {
	const dir = fs.mkdtempSync(path.join(scratchRoot(), `curbside-sync-${seed}-`));
	const file = path.join(dir, 'server.sqlite');
	fs.copyFileSync(template.file, file);
	return {
		config: { dialect: 'sqlite', filename: file },
		dir,
		remove: async () => fs.rmSync(dir, { recursive: true, force: true })
	};
}

function userRow(id: string, username: string, role: string, crewId: string | null) {
	return {
		id,
		username,
		display_name: username,
		password_hash: 'scrypt$test',
		role,
		crew_id: crewId,
		department: 'Public Works',
		disabled_at: null,
		created_at: T0
	};
}

function orderRow(id: string, index: number) {
	return newWorkOrderRow(
		{
			id,
			service_code: 'POTHOLE',
			description: `Pothole number ${index + 1}`,
			lat: 41.9436 + index / 1000,
			long: -85.6325,
			requested_at: T0,
			updated_at: T0,
			source: 'open311',
			priority: 3
		},
		{
			address: `${100 + index} N Main St`,
			zipcode: '49093',
			crew_id: CREW_ID,
			route_order: index + 1,
			field_status: 'assigned',
			assigned_at: T0,
			created_by_user_id: SUPERVISOR_ID
		}
	);
}
