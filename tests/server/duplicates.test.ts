import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { haversineMeters, v } from '../../src/lib/domain';
import { mergeInput } from '../../src/lib/domain/review';
import { defaultOpen311Config } from '../../src/lib/server/open311/config';
import { handleOpen311 } from '../../src/lib/server/open311/router';
import {
	duplicateDistanceFromEnv,
	DuplicateService,
	turfMeters
} from '../../src/lib/server/services/duplicates';
import { testBackends } from './backends';
import { audit, orderRow } from './fixtures';
import { reviewWorld, type ReviewWorld } from './review-world';
import { NOW } from './sync-world';

const later = new Date(NOW.getTime() + 60_000);
const base = { lat: 41.9436, long: -85.6325 };
/** About `meters` east of the base point. */
const east = (meters: number) => ({
	lat: base.lat,
	long: base.long + meters / (111_195 * Math.cos((base.lat * Math.PI) / 180))
});

describe.each(testBackends())('duplicate hints and merge on $name', (backend) => {
	let world: ReviewWorld;
	let duplicates: DuplicateService;
	let drop: () => Promise<void>;
	let db: Parameters<typeof handleOpen311>[0]['db'];

	beforeEach(async () => {
		const created = await backend.create();
		drop = created.drop;
		db = created.handle.db;
		world = await reviewWorld(created.handle);
		duplicates = new DuplicateService(created.handle.db);
		const { repos } = world;
		await repos.workOrders.insert(orderRow('CS-1', { ...base }), audit('created'));
		await repos.workOrders.insert(orderRow('CS-2', { ...east(20) }), audit('created'));
		await repos.workOrders.insert(orderRow('CS-3', { ...east(90) }), audit('created'));
		await repos.workOrders.insert(orderRow('CS-4', { ...east(5), field_status: 'closed' }), audit('created'));
		await repos.workOrders.insert(
			orderRow('CS-5', { ...east(5), service_code: 'GRAFFITI', crew_id: null }),
			audit('created')
		);
	});
	afterEach(async () => {
		world.cleanup();
		await drop();
	});

	it('hints at open orders of the same service within the distance, nearest first', async () => {
		const hints = await duplicates.hints(world.supervisor, 'CS-1', 50);
		expect(hints).toMatchObject({ ok: true, value: { orderId: 'CS-1', maxDistanceM: 50 } });
		if (!hints.ok) return;
		expect(hints.value.candidates.map((c) => c.orderId)).toEqual(['CS-2']);
		expect(hints.value.candidates[0]?.distanceM).toBeCloseTo(20, 0);
		const wider = await duplicates.hints(world.supervisor, 'CS-1', 100);
		expect(wider.ok && wider.value.candidates.map((c) => c.orderId)).toEqual(['CS-2', 'CS-3']);
	});

	it('pairs each newer open request with the nearest older one for the review page', async () => {
		await world.repos.workOrders.insert(
			orderRow('CS-6', { ...east(22), requested_at: '2026-11-02T16:00:00.000Z' }),
			audit('created')
		);
		const pairs = await duplicates.pairs(world.supervisor, 50);
		const shown = pairs.map((pair) => [pair.copy.orderId, pair.kept.orderId, Math.round(pair.distanceM)]);
		// CS-2 and CS-1 were filed at the same time: the id breaks the tie, CS-1 counts as older.
		expect(shown).toEqual([
			['CS-6', 'CS-2', 2],
			['CS-2', 'CS-1', 20]
		]);
		expect(await duplicates.pairs(world.parksSupervisor, 50)).toEqual([]);
	});

	it("hides orders outside the supervisor's department", async () => {
		expect(await duplicates.hints(world.parksSupervisor, 'CS-1', 50)).toMatchObject({
			ok: false,
			status: 404
		});
		const parks = await duplicates.hints(world.parksSupervisor, 'CS-5', 50);
		expect(parks.ok && parks.value.candidates).toEqual([]);
	});

	it('closes the copy as a duplicate linked to the kept order, history on both', async () => {
		await world.repos.notes.add(
			{
				id: 'note-copy',
				work_order_id: 'CS-2',
				author_user_id: null,
				author_kind: 'resident',
				body: 'It is by the bus stop.',
				visibility: 'public',
				late_report: 0,
				captured_at: NOW.toISOString(),
				received_at: NOW.toISOString()
			},
			audit('noted')
		);
		const result = await duplicates.merge(world.supervisor, { copyId: 'CS-2', keptId: 'CS-1' }, later);
		expect(result).toMatchObject({ ok: true });
		expect(await world.repos.workOrders.get('CS-2')).toMatchObject({
			field_status: 'closed',
			resolution_code: 'duplicate',
			duplicate_of: 'CS-1',
			closed_at: later.toISOString(),
			status_notes: expect.stringMatching(/^Duplicate of #CS-1\./)
		});
		const copyHistory = await world.repos.history.listForOrder('CS-2');
		expect(copyHistory.at(-1)).toMatchObject({
			action: 'closed',
			from_status: 'new',
			to_status: 'closed',
			actor_user_id: 'u-sup'
		});
		const keptHistory = await world.repos.history.listForOrder('CS-1');
		expect(keptHistory.at(-1)).toMatchObject({ action: 'duplicate-merged', to_status: 'new' });
		expect(JSON.parse(keptHistory.at(-1)?.detail ?? '{}')).toMatchObject({ duplicateId: 'CS-2' });
		// Nothing lost: the copy's own notes stay on it.
		expect((await world.repos.notes.listForOrder('CS-2')).map((n) => n.id)).toEqual(['note-copy']);
		// And it no longer shows as a hint.
		const hints = await duplicates.hints(world.supervisor, 'CS-1', 50);
		expect(hints.ok && hints.value.candidates).toEqual([]);
	});

	it('shows the merged copy to Open311 clients as closed, duplicate of the kept request', async () => {
		await duplicates.merge(world.supervisor, { copyId: 'CS-2', keptId: 'CS-1' }, later);
		const deps = {
			db,
			repos: world.repos,
			photos: world.photos,
			config: defaultOpen311Config({}),
			now: () => later
		};
		const url = new URL('http://curbside.test/open311/v2/requests/CS-2.json?extensions=true');
		const answer = await handleOpen311(
			deps,
			{ request: new Request(url), url, baseUrl: 'http://curbside.test' },
			'requests/CS-2.json'
		);
		expect(answer.status).toBe(200);
		const [request] = (await answer.json()) as Record<string, unknown>[];
		expect(request).toMatchObject({
			service_request_id: 'CS-2',
			status: 'closed',
			status_notes: expect.stringMatching(/^Duplicate of #CS-1\./),
			extended_attributes: expect.objectContaining({ extended_status: 'duplicate', duplicate_of: 'CS-1' })
		});
	});

	it('refuses merging into itself, into a closed order, across services, twice, or out of scope', async () => {
		const merge = (copyId: string, keptId: string, actor = world.supervisor) =>
			duplicates.merge(actor, { copyId, keptId }, later);
		expect(await merge('CS-1', 'CS-1')).toMatchObject({ ok: false, status: 400 });
		expect(await merge('CS-2', 'CS-4')).toMatchObject({
			ok: false,
			status: 409,
			error: expect.stringContaining('closed')
		});
		expect(await merge('CS-2', 'CS-404')).toMatchObject({ ok: false, status: 404 });
		expect(await merge('CS-2', 'CS-5', world.admin)).toMatchObject({
			ok: false,
			status: 409,
			error: expect.stringContaining('different service')
		});
		expect(await merge('CS-2', 'CS-1', world.parksSupervisor)).toMatchObject({ ok: false, status: 404 });
		expect((await world.repos.workOrders.get('CS-2'))?.field_status).toBe('new');
		expect(await merge('CS-2', 'CS-1')).toMatchObject({ ok: true });
		expect(await merge('CS-2', 'CS-1')).toMatchObject({ ok: false, status: 409 });
	});
});

describe('duplicate settings', () => {
	it('takes the server default distance from DUPLICATE_DISTANCE_M, within limits', () => {
		expect(duplicateDistanceFromEnv({})).toBe(50);
		expect(duplicateDistanceFromEnv({ DUPLICATE_DISTANCE_M: '75' })).toBe(75);
		expect(duplicateDistanceFromEnv({ DUPLICATE_DISTANCE_M: 'far' })).toBe(50);
		expect(duplicateDistanceFromEnv({ DUPLICATE_DISTANCE_M: '-3' })).toBe(50);
		expect(duplicateDistanceFromEnv({ DUPLICATE_DISTANCE_M: '99999' })).toBe(1000);
	});

	it('measures with turf, agreeing with the domain haversine to the centimetre', () => {
		const a = base;
		const b = east(42);
		expect(Math.abs(turfMeters(a, b) - haversineMeters(a, b))).toBeLessThan(0.01);
	});

	it('checks merge input', () => {
		expect(v.validate(mergeInput, { copyId: 'CS-1' }).ok).toBe(false);
		expect(v.validate(mergeInput, { copyId: 'CS-1', keptId: 'CS-2' }).ok).toBe(true);
	});
});
