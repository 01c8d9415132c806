/**
 * An Open311 endpoint over a fresh database, called in-process through the same dispatcher the
 * route uses: real requests in, real responses out, on SQLite and (in CI) PostgreSQL.
 */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/schema';
import os from 'node:os';
import path from 'node:path';
import { PhotoStore } from '../../src/lib/server/photos/store';
import { repositories, type Repositories } from '../../src/lib/server/repositories';
import { serviceRows } from '../../src/lib/server/seed/catalog';
import { createApiKey } from '../../src/lib/server/open311/api-keys';
import { defaultOpen311Config, type Open311Config } from '../../src/lib/server/open311/config';
import type { Open311Deps } from '../../src/lib/server/open311/deps';
import { handleOpen311 } from '../../src/lib/server/open311/router';
import type { TestBackend } from '../server/backends';

export const BASE_URL = 'http://curbside.test';
export const NOW = new Date('2026-11-02T14:00:00.000Z');

export interface Open311World {
	deps: Open311Deps;
	repos: Repositories;
	db(): Kysely<Database>;
	apiKey: string;
	/** Moves the clock the endpoint sees. */
	setNow(at: Date): void;
	get(pathAndQuery: string, headers?: Record<string, string>): Promise<Response>;
	post(pathAndQuery: string, body: BodyInit, headers?: Record<string, string>): Promise<Response>;
	postForm(pathAndQuery: string, fields: Record<string, string | string[]>): Promise<Response>;
	close(): Promise<void>;
}

export async function createWorld(
	backend: TestBackend,
	config: Partial<Open311Config> = {}
): Promise<Open311World> {
	const { handle, drop } = await backend.create();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'curbside-open311-'));
	const repos = repositories(handle.db);
	for (const service of serviceRows()) await repos.services.upsert(service);
	await repos.crews.insert({
		id: 'crew-north',
		name: 'Streets North',
		department: 'Public Works',
		color: '#1b6',
		active: 1,
		created_at: NOW.toISOString()
	});
	const key = await createApiKey(repos, { label: 'Test client', createdByUserId: null, now: NOW });
	let now = NOW;
	const deps: Open311Deps = {
		db: handle.db,
		repos,
		photos: new PhotoStore(handle.db, dataDir, handle.dialect),
		config: defaultOpen311Config(config),
		now: () => now
	};
	const call = (method: string, target: string, body?: BodyInit, headers: Record<string, string> = {}) => {
		const url = new URL(`/open311/v2/${target}`, BASE_URL);
		const request = new Request(url, { method, body, headers });
		return handleOpen311(
			deps,
			{ request, url, baseUrl: BASE_URL },
			url.pathname.slice('/open311/v2/'.length)
		);
	};
	return {
		deps,
		repos,
		db: () => handle.db,
		apiKey: key.key,
		setNow: (at) => {
			now = at;
		},
		get: (target, headers) => call('GET', target, undefined, headers),
		post: (target, body, headers) => call('POST', target, body, headers),
		postForm: (target, fields) => {
			const params = new URLSearchParams();
			for (const [name, value] of Object.entries(fields)) {
				for (const one of Array.isArray(value) ? value : [value]) params.append(name, one);
			}
			return call('POST', target, params.toString(), {
				'content-type': 'application/x-www-form-urlencoded'
			});
		},
		close: async () => {
			await drop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
