import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { createLiveFeed, type LiveFeed } from '../../src/lib/server/live/feed';
import { liveStream } from '../../src/lib/server/live/stream';
import { repositories, withRepositories, type Repositories } from '../../src/lib/server/repositories';
import { FieldWorkRepository } from '../../src/lib/server/repositories/field-work';
import { ConsoleQueries } from '../../src/lib/server/services/console-queries';
import { scopeFor } from '../../src/lib/server/services/department-scope';
import { testBackends } from './backends';
import { audit, givenCrew, givenService, givenUser, orderRow } from './fixtures';
import { readEvents, type SseEvent } from './live-support';

const sqlite = testBackends().filter((backend) => backend.name === 'sqlite');
const citywide = scopeFor({ role: 'admin', department: null });

// The CI's PostgreSQL step (PG_ONLY=1) leaves no SQLite backend; live-postgres.test.ts covers it there.
if (sqlite.length === 0)
	describe.skip('live stream on sqlite (not in a PG_ONLY run)', () => it('runs on SQLite'));

describe.each(sqlite)('live stream on $name', (backend) => {
	let handle: DatabaseHandle;
	let repos: Repositories;
	let feed: LiveFeed;
	let drop: () => Promise<void>;
	let abort: AbortController;

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		repos = repositories(handle.db);
		feed = createLiveFeed({ dialect: 'sqlite', filename: ':unused:' });
		abort = new AbortController();
		await givenService(repos);
		await givenCrew(repos, 'north', 'Streets North');
		await givenUser(repos, 'dana', 'dana', 'north');
		await repos.workOrders.insert(orderRow('CS-1'), audit('created'));
	});
	afterEach(async () => {
		abort.abort();
		await feed.close();
		await drop();
	});

	function open(sinceSeq: number | null, scope = citywide) {
		const source = new ConsoleQueries(handle.db, scope);
		const stream = liveStream({ feed, source, sinceSeq, sinceLocationId: null, signal: abort.signal });
		return readEvents(stream);
	}

	it('sends an orders event for a write made after the stream opened', async () => {
		const events = open(null);
		const hello = await events.next((event) => event.event === 'hello');
		expect(hello.data).toMatchObject({ seq: 1 });
		await repos.workOrders.update('CS-1', { crew_id: 'north', field_status: 'assigned' }, audit('assigned'));
		const change = await events.next((event) => event.event === 'orders');
		expect(change.id).toBe('2');
		expect(change.data).toEqual({
			orders: [expect.objectContaining({ id: 'CS-1', status: 'assigned', crewId: 'north', changeSeq: 2 })]
		});
	});

	it('resumes from a cursor: sends what changed since, then nothing it already sent', async () => {
		await repos.workOrders.update('CS-1', { priority: 1 }, audit('updated'));
		const events = open(1);
		const catchUp = await events.next((event) => event.event === 'orders');
		expect(catchUp.data).toEqual({ orders: [expect.objectContaining({ id: 'CS-1', priority: 1 })] });
		await repos.workOrders.update('CS-1', { priority: 2 }, audit('updated'));
		const next = await events.next((event) => event.event === 'orders');
		expect(next).toMatchObject({ id: '3', data: { orders: [expect.objectContaining({ priority: 2 })] } });
	});

	it('sends nothing for a rolled-back write', async () => {
		const events = open(null);
		await events.next((event) => event.event === 'hello');
		await expect(
			withRepositories(handle.db, async (trx) => {
				await trx.workOrders.update('CS-1', { priority: 1 }, audit('updated'));
				throw new Error('changed my mind');
			})
		).rejects.toThrow('changed my mind');
		await repos.workOrders.update('CS-1', { priority: 4 }, audit('updated'));
		const change = await events.next((event) => event.event === 'orders');
		expect(change.data).toEqual({ orders: [expect.objectContaining({ priority: 4 })] });
		expect(events.seen.filter((event: SseEvent) => event.event === 'orders')).toHaveLength(1);
	});

	it('keeps orders of other departments out of a supervisor stream', async () => {
		await givenService(repos, 'TRASH');
		await handle.db
			.updateTable('services')
			.set({ department: 'Sanitation' })
			.where('service_code', '=', 'TRASH')
			.execute();
		const events = open(null, scopeFor({ role: 'supervisor', department: 'Sanitation' }));
		await events.next((event) => event.event === 'hello');
		await repos.workOrders.update('CS-1', { priority: 1 }, audit('updated'));
		await repos.workOrders.insert(orderRow('CS-2', { service_code: 'TRASH' }), audit('created'));
		const change = await events.next((event) => event.event === 'orders');
		expect(change.data).toEqual({ orders: [expect.objectContaining({ id: 'CS-2' })] });
	});

	it('sends a location event when a crew position is stored', async () => {
		const events = open(null);
		await events.next((event) => event.event === 'hello');
		await handle.db.transaction().execute(async (trx) => {
			await new FieldWorkRepository(trx).recordLocation({
				crewId: 'north',
				userId: 'dana',
				lat: 41.94,
				long: -85.63,
				accuracyM: 12,
				capturedAt: '2026-11-02T15:00:00.000Z',
				receivedAt: '2026-11-02T15:00:05.000Z'
			});
		});
		const position = await events.next((event) => event.event === 'location');
		expect(position.data).toMatchObject({
			crewId: 'north',
			lat: 41.94,
			long: -85.63,
			accuracy: 12,
			at: '2026-11-02T15:00:00.000Z'
		});
	});

	it('stops listening when the client goes away', async () => {
		const events = open(null);
		await events.next((event) => event.event === 'hello');
		abort.abort();
		await events.closed;
	});
});
