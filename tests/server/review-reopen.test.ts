import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v } from '../../src/lib/domain';
import { REOPEN_REASON_MAX, reopenInput } from '../../src/lib/domain/review';
import { REOPENED_STATUS_NOTES, ReopenService } from '../../src/lib/server/services/reopen';
import { testBackends } from './backends';
import { reviewWorld, type ReviewWorld } from './review-world';
import { mutation, NOW } from './sync-world';

const later = new Date(NOW.getTime() + 60_000);
const DANA_DEVICE = '00000000-0000-4000-8000-00000000da7a';

describe.each(testBackends())('reopen with a reason on $name', (backend) => {
	let world: ReviewWorld;
	let reopen: ReopenService;
	let drop: () => Promise<void>;

	beforeEach(async () => {
		const created = await backend.create();
		drop = created.drop;
		world = await reviewWorld(created.handle);
		reopen = new ReopenService(created.handle.db);
		await world.givenOrder('CS-1');
		await world.givenOrder('CS-2');
		await world.givenOrder('CS-3');
		await world.pushOk(world.dana, DANA_DEVICE, [
			mutation(1, 'closeOrder', {
				orderId: 'CS-1',
				resolutionCode: 'no_problem_found',
				notes: 'Looks fine.'
			}),
			mutation(2, 'unableToComplete', { orderId: 'CS-2', reason: 'no_access' })
		]);
	});
	afterEach(async () => {
		world.cleanup();
		await drop();
	});

	it('sends a closed order back to the same crew through reopened, with the reason as a note', async () => {
		const before = await world.repos.workOrders.get('CS-1');
		const result = await reopen.reopen(
			world.supervisor,
			{ orderId: 'CS-1', reason: 'Resident says the hole is still there.' },
			later
		);
		expect(result).toMatchObject({ ok: true });
		const order = await world.repos.workOrders.get('CS-1');
		expect(order).toMatchObject({
			field_status: 'assigned',
			crew_id: 'crew-north',
			resolution_code: null,
			closed_at: null,
			status_notes: REOPENED_STATUS_NOTES
		});
		expect(order?.change_seq).toBeGreaterThan(before?.change_seq ?? 0);
		const moves = (await world.repos.history.listForOrder('CS-1'))
			.filter((entry) => entry.from_status !== entry.to_status)
			.slice(-2)
			.map((entry) => [entry.action, entry.from_status, entry.to_status, entry.actor_user_id]);
		expect(moves).toEqual([
			['reopened', 'closed', 'reopened', 'u-sup'],
			['assigned', 'reopened', 'assigned', 'u-sup']
		]);
		const note = (await world.repos.notes.listForOrder('CS-1')).at(-1);
		expect(note).toMatchObject({
			author_kind: 'supervisor',
			author_user_id: 'u-sup',
			visibility: 'internal',
			body: 'Reopened: Resident says the hole is still there.'
		});
	});

	it("reaches the crew's tablet on its next sync, reason included", async () => {
		const first = await world.pullOk(world.dana, DANA_DEVICE);
		await reopen.reopen(world.supervisor, { orderId: 'CS-1', reason: 'Still there.' }, later);
		const next = await world.pullOk(world.dana, DANA_DEVICE, first.cursor);
		const pulled = next.orders.find((order) => order.id === 'CS-1');
		expect(pulled?.status).toBe('assigned');
		expect(next.notes.filter((note) => note.orderId === 'CS-1').map((note) => note.body)).toContain(
			'Reopened: Still there.'
		);
	});

	it('sends an unable-to-complete order straight back to assigned, or to another crew', async () => {
		const result = await reopen.reopen(
			world.supervisor,
			{ orderId: 'CS-2', reason: 'Gate code is 1234.', crewId: 'crew-south' },
			later
		);
		expect(result).toMatchObject({ ok: true });
		expect(await world.repos.workOrders.get('CS-2')).toMatchObject({
			field_status: 'assigned',
			crew_id: 'crew-south',
			unable_reason: null,
			assigned_at: later.toISOString()
		});
		const last = (await world.repos.history.listForOrder('CS-2')).find(
			(entry) => entry.action === 'reopened'
		);
		expect(last).toMatchObject({
			from_status: 'unable_to_complete',
			to_status: 'assigned',
			to_crew_id: 'crew-south'
		});
		expect(JSON.parse(last?.detail ?? '{}')).toMatchObject({ reason: 'Gate code is 1234.' });
	});

	it('refuses an open order, a crew outside the department, and an unknown order', async () => {
		expect(await reopen.reopen(world.supervisor, { orderId: 'CS-3', reason: 'x' }, later)).toMatchObject({
			ok: false,
			status: 409
		});
		expect(
			await reopen.reopen(world.supervisor, { orderId: 'CS-1', reason: 'x', crewId: 'crew-parks' }, later)
		).toMatchObject({ ok: false, status: 404 });
		expect(await reopen.reopen(world.supervisor, { orderId: 'CS-404', reason: 'x' }, later)).toMatchObject({
			ok: false,
			status: 404
		});
		expect((await world.repos.workOrders.get('CS-1'))?.field_status).toBe('closed');
	});

	it("refuses another department's supervisor as if the order did not exist", async () => {
		expect(await reopen.reopen(world.parksSupervisor, { orderId: 'CS-1', reason: 'x' }, later)).toMatchObject(
			{
				ok: false,
				status: 404
			}
		);
		expect((await world.repos.workOrders.get('CS-1'))?.field_status).toBe('closed');
	});

	it('a second reopen of the same order is refused, not applied twice', async () => {
		await reopen.reopen(world.supervisor, { orderId: 'CS-1', reason: 'Still there.' }, later);
		expect(
			await reopen.reopen(world.supervisor, { orderId: 'CS-1', reason: 'Still there.' }, later)
		).toMatchObject({
			ok: false,
			status: 409
		});
		const reopenNotes = (await world.repos.notes.listForOrder('CS-1')).filter(
			(n) => n.author_kind === 'supervisor'
		);
		expect(reopenNotes).toHaveLength(1);
	});
});

describe('reopen input', () => {
	it('needs a non-empty reason within the limit', () => {
		expect(v.validate(reopenInput, { orderId: 'CS-1', reason: '   ' }).ok).toBe(false);
		expect(v.validate(reopenInput, { orderId: 'CS-1' }).ok).toBe(false);
		expect(v.validate(reopenInput, { orderId: 'CS-1', reason: 'x'.repeat(REOPEN_REASON_MAX + 1) }).ok).toBe(
			false
		);
		expect(v.validate(reopenInput, { orderId: 'CS-1', reason: ' Still there ' })).toEqual({
			ok: true,
			value: { orderId: 'CS-1', reason: 'Still there' }
		});
	});
});
