/**
 * Live updates across server processes on one PostgreSQL: two app contexts, each with its own
 * connection pool and its own LISTEN connection, as two processes behind a load balancer would
 * have. A write through one must reach a console streaming from the other. Runs when
 * TEST_DATABASE_URL is set.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import type { LiveSignal } from '../../src/lib/server/live/channel';
import { createLiveFeed, type LiveFeed } from '../../src/lib/server/live/feed';
import { liveStream } from '../../src/lib/server/live/stream';
import { repositories } from '../../src/lib/server/repositories';
import { FieldWorkRepository } from '../../src/lib/server/repositories/field-work';
import { ConsoleQueries } from '../../src/lib/server/services/console-queries';
import { scopeFor } from '../../src/lib/server/services/department-scope';
import { audit, givenCrew, givenService, givenUser, orderRow } from './fixtures';
import { readEvents } from './live-support';

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)('live updates between two server processes on one PostgreSQL', () => {
	const name = `curbside_live_${crypto.randomBytes(6).toString('hex')}`;
	let databaseUrl: string;
	let writer: DatabaseHandle;
	let reader: DatabaseHandle;
	let writerFeed: LiveFeed;
	let readerFeed: LiveFeed;
	const abort = new AbortController();

	beforeAll(async () => {
		const admin = new pg.Client({ connectionString: adminUrl });
		await admin.connect();
		await admin.query(`create database ${name}`);
		await admin.end();
		const url = new URL(adminUrl as string);
		url.pathname = `/${name}`;
		databaseUrl = url.toString();
		writer = openDatabase({ dialect: 'postgres', connectionString: databaseUrl });
		reader = openDatabase({ dialect: 'postgres', connectionString: databaseUrl });
		await migrateToLatest(writer);
		const repos = repositories(writer.db);
		await givenService(repos);
		await givenCrew(repos, 'north', 'Streets North');
		await givenUser(repos, 'dana', 'dana', 'north');
		await repos.workOrders.insert(orderRow('CS-1'), audit('created'));
		writerFeed = createLiveFeed({ dialect: 'postgres', connectionString: databaseUrl });
		readerFeed = createLiveFeed({ dialect: 'postgres', connectionString: databaseUrl });
		await Promise.all([writerFeed.ready, readerFeed.ready]);
	});

	afterAll(async () => {
		abort.abort();
		await writerFeed?.close();
		await readerFeed?.close();
		await writer?.close();
		await reader?.close();
		const cleanup = new pg.Client({ connectionString: adminUrl });
		await cleanup.connect();
		await cleanup.query(`drop database if exists ${name} with (force)`);
		await cleanup.end();
	});

	it('hears a committed write made through the other process, and its crew positions', async () => {
		const source = new ConsoleQueries(
			reader.db,
			scopeFor({ role: 'supervisor', department: 'Public Works' })
		);
		const events = readEvents(
			liveStream({ feed: readerFeed, source, sinceSeq: null, sinceLocationId: null, signal: abort.signal })
		);
		await events.next((event) => event.event === 'hello');

		await repositories(writer.db).workOrders.update(
			'CS-1',
			{ crew_id: 'north', field_status: 'assigned' },
			audit('assigned')
		);
		const change = await events.next((event) => event.event === 'orders');
		expect(change.data).toEqual({
			orders: [expect.objectContaining({ id: 'CS-1', status: 'assigned', crewId: 'north' })]
		});

		await writer.db.transaction().execute((trx) =>
			new FieldWorkRepository(trx).recordLocation({
				crewId: 'north',
				userId: 'dana',
				lat: 41.95,
				long: -85.64,
				accuracyM: null,
				capturedAt: '2026-11-02T15:00:00.000Z',
				receivedAt: '2026-11-02T15:00:01.000Z'
			})
		);
		const position = await events.next((event) => event.event === 'location');
		expect(position.data).toMatchObject({ crewId: 'north', lat: 41.95, long: -85.64, accuracy: null });
	});

	it('delivers nothing for a write that rolls back', async () => {
		const heard: LiveSignal[] = [];
		let heardOne = () => {};
		const first = new Promise<void>((resolve) => (heardOne = resolve));
		const stop = readerFeed.subscribe((signal) => {
			heard.push(signal);
			heardOne();
		});
		await expect(
			writer.db.transaction().execute(async (trx) => {
				await repositories(trx).workOrders.update('CS-1', { priority: 1 }, audit('updated'));
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		const kept = await repositories(writer.db).workOrders.update('CS-1', { priority: 2 }, audit('updated'));
		await first;
		stop();
		expect(heard).toEqual([{ kind: 'orders', seq: kept?.change_seq }]);
	});
});
