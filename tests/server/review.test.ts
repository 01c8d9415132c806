import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v } from '../../src/lib/domain';
import { lateDecisionInput, refusalAckInput } from '../../src/lib/domain/review';
import { ReviewService } from '../../src/lib/server/services/review';
import { testBackends } from './backends';
import { reviewWorld, type ReviewWorld } from './review-world';
import { audit } from './fixtures';
import { mutation, NOW, uuid } from './sync-world';

const later = new Date(NOW.getTime() + 60_000);
const DANA_DEVICE = '00000000-0000-4000-8000-00000000da7a';
const SAM_DEVICE = '00000000-0000-4000-8000-0000000005a3';

describe.each(testBackends())('supervisor review queue on $name', (backend) => {
	let world: ReviewWorld;
	let review: ReviewService;
	let drop: () => Promise<void>;

	beforeEach(async () => {
		const created = await backend.create();
		drop = created.drop;
		world = await reviewWorld(created.handle);
		review = new ReviewService(created.handle.db);
		await world.givenOrder('CS-1');
		// Given to Streets South while Dana was offline: her note is a late field report.
		await world.givenOrder('CS-2');
		await world.repos.workOrders.update('CS-2', { crew_id: 'crew-south' }, audit('assigned'));
		await world.givenOrder('CS-3', {
			field_status: 'closed',
			resolution_code: 'fixed',
			closed_at: NOW.toISOString()
		});
		await world.pushOk(world.dana, DANA_DEVICE, [
			mutation(1, 'closeOrder', {
				orderId: 'CS-1',
				resolutionCode: 'no_problem_found',
				notes: 'Nothing there by the time we arrived.',
				timeOnSiteMinutes: 15,
				materials: [{ name: 'cold patch', quantity: 2, unit: 'bag' }]
			}),
			mutation(2, 'addNote', { noteId: uuid(), orderId: 'CS-2', body: 'Filled half of it before the rain.' }),
			mutation(3, 'startWork', { orderId: 'CS-404' }),
			// Already closed by her own crew: refused, not late.
			mutation(4, 'startWork', { orderId: 'CS-1' })
		]);
	});
	afterEach(async () => {
		world.cleanup();
		await drop();
	});

	it('lists closures with their details, late field reports and refused changes', async () => {
		const queue = await review.queue(world.supervisor, later);
		expect(queue.scope).toBe('Public Works');
		const closure = queue.closures.find((item) => item.orderId === 'CS-1');
		expect(closure).toMatchObject({
			resolutionCode: 'no_problem_found',
			resolutionLabel: 'No problem found',
			crewName: 'Streets North',
			timeOnSiteMinutes: 15,
			materials: [{ name: 'cold patch', quantity: 2, unit: 'bag' }]
		});
		expect(closure?.notes.map((note) => note.body)).toContain('Nothing there by the time we arrived.');
		expect(queue.closures.map((item) => item.orderId).sort()).toEqual(['CS-1', 'CS-3']);

		expect(queue.lateReports).toHaveLength(1);
		expect(queue.lateReports[0]).toMatchObject({
			orderId: 'CS-2',
			needsReview: 1,
			crewName: 'Streets South'
		});
		expect(queue.lateReports[0]?.notes.map((note) => note.body)).toEqual([
			'Filled half of it before the rain.'
		]);

		const refusals = queue.refusals.map((item) => [item.mutationId, item.orderId, item.userName]);
		expect(refusals.sort()).toEqual([
			[3, null, 'User dana'],
			[4, 'CS-1', 'User dana']
		]);
		expect(queue.refusals.every((item) => item.reason.length > 0)).toBe(true);
	});

	it('accepting a closure records it once and takes it off the queue', async () => {
		const first = await review.acceptClosure(world.supervisor, { orderId: 'CS-1' }, later);
		expect(first).toEqual({ ok: true, value: { orderId: 'CS-1', changed: true } });
		const again = await review.acceptClosure(world.supervisor, { orderId: 'CS-1' }, later);
		expect(again).toEqual({ ok: true, value: { orderId: 'CS-1', changed: false } });
		const history = await world.repos.history.listForOrder('CS-1');
		const reviewed = history.filter((entry) => entry.action === 'closure-reviewed');
		expect(reviewed).toHaveLength(1);
		expect(reviewed[0]).toMatchObject({
			actor_user_id: 'u-sup',
			actor_kind: 'supervisor',
			to_status: 'closed'
		});
		const queue = await review.queue(world.supervisor, later);
		expect(queue.closures.map((item) => item.orderId)).toEqual(['CS-3']);
	});

	it('refuses to review a closure of an open order', async () => {
		expect(await review.acceptClosure(world.supervisor, { orderId: 'CS-2' }, later)).toMatchObject({
			ok: false,
			status: 409
		});
	});

	it('accepting a late report settles its items and clears needs_review, once', async () => {
		const result = await review.decideLateReport(
			world.supervisor,
			{ orderId: 'CS-2', decision: 'accept' },
			later
		);
		expect(result).toMatchObject({ ok: true, value: { changed: true } });
		expect((await world.repos.workOrders.get('CS-2'))?.needs_review).toBe(0);
		const repeat = await review.decideLateReport(
			world.supervisor,
			{ orderId: 'CS-2', decision: 'dismiss' },
			later
		);
		expect(repeat).toMatchObject({ ok: true, value: { changed: false, settled: [] } });
		const decisions = (await world.repos.history.listForOrder('CS-2')).filter((entry) =>
			entry.action.startsWith('late-report-')
		);
		expect(decisions.map((entry) => entry.action)).toEqual(['late-report-accepted']);
		expect((await review.queue(world.supervisor, later)).lateReports).toEqual([]);
		// The note itself stays on the order, still marked late.
		const notes = await world.repos.notes.listForOrder('CS-2');
		expect(notes.filter((note) => note.late_report === 1)).toHaveLength(1);
	});

	it('dismissing only the items seen leaves a newer late item waiting', async () => {
		const seen = (await review.queue(world.supervisor, later)).lateReports[0]?.notes.map((n) => n.id) ?? [];
		await world.pushOk(world.sam, SAM_DEVICE, [
			mutation(1, 'addNote', { noteId: uuid(), orderId: 'CS-2', body: 'Cones left on site.' })
		]);
		expect((await world.repos.workOrders.get('CS-2'))?.needs_review).toBe(2);
		const result = await review.decideLateReport(
			world.supervisor,
			{ orderId: 'CS-2', decision: 'dismiss', itemIds: seen },
			later
		);
		expect(result).toMatchObject({ ok: true, value: { changed: true, settled: seen } });
		expect((await world.repos.workOrders.get('CS-2'))?.needs_review).toBe(1);
		const waiting = (await review.queue(world.supervisor, later)).lateReports;
		expect(waiting[0]?.notes.map((note) => note.body)).toEqual(['Cones left on site.']);
	});

	it('acknowledging a refusal takes it off the queue, records it on the order, and is idempotent', async () => {
		const key = { deviceId: DANA_DEVICE, mutationId: 4 };
		expect(await review.acknowledgeRefusal(world.supervisor, key, later)).toEqual({
			ok: true,
			value: { orderId: 'CS-1', changed: true }
		});
		expect(await review.acknowledgeRefusal(world.supervisor, key, later)).toMatchObject({
			ok: true,
			value: { changed: false }
		});
		const entry = (await world.repos.history.listForOrder('CS-1')).find(
			(row) => row.action === 'refusal-acknowledged'
		);
		expect(entry).toMatchObject({ actor_user_id: 'u-sup' });
		expect(JSON.parse(entry?.detail ?? '{}')).toMatchObject({ deviceId: DANA_DEVICE, mutationId: 4 });
		// A refusal naming no order is acknowledged in its log row alone.
		const orderless = await review.acknowledgeRefusal(
			world.supervisor,
			{ deviceId: DANA_DEVICE, mutationId: 3 },
			later
		);
		expect(orderless).toEqual({ ok: true, value: { orderId: null, changed: true } });
		expect((await review.queue(world.supervisor, later)).refusals).toEqual([]);
	});

	it('answers 404 for an unknown refusal and for one that was applied, not refused', async () => {
		expect(
			await review.acknowledgeRefusal(world.supervisor, { deviceId: DANA_DEVICE, mutationId: 1 }, later)
		).toMatchObject({ ok: false, status: 404 });
		expect(
			await review.acknowledgeRefusal(world.supervisor, { deviceId: 'nope', mutationId: 1 }, later)
		).toMatchObject({ ok: false, status: 404 });
	});

	it("keeps another department's supervisor out of the queue and its decisions", async () => {
		const queue = await review.queue(world.parksSupervisor, later);
		expect(queue).toMatchObject({ scope: 'Parks', closures: [], lateReports: [], refusals: [] });
		expect(await review.acceptClosure(world.parksSupervisor, { orderId: 'CS-1' }, later)).toMatchObject({
			ok: false,
			status: 404
		});
		expect(
			await review.decideLateReport(world.parksSupervisor, { orderId: 'CS-2', decision: 'accept' }, later)
		).toMatchObject({ ok: false, status: 404 });
		expect(
			await review.acknowledgeRefusal(world.parksSupervisor, { deviceId: DANA_DEVICE, mutationId: 4 }, later)
		).toMatchObject({ ok: false, status: 404 });
		expect((await world.repos.workOrders.get('CS-2'))?.needs_review).toBe(1);
		// An admin sees every department.
		const all = await review.queue(world.admin, later);
		expect(all.closures.length).toBe(2);
	});

	it('lists orders a crew could not complete, with the reason, until they are reopened', async () => {
		await world.givenOrder('CS-4');
		await world.pushOk(world.dana, DANA_DEVICE, [
			mutation(5, 'unableToComplete', { orderId: 'CS-4', reason: 'other', text: 'Car parked on it.' })
		]);
		const unable = (await review.queue(world.supervisor, later)).unable;
		expect(unable).toHaveLength(1);
		expect(unable[0]).toMatchObject({
			orderId: 'CS-4',
			unableLabel: 'Other (explain)',
			crewName: 'Streets North'
		});
		expect(unable[0]?.notes.map((note) => note.body)).toEqual(['Car parked on it.']);
	});

	it('leaves closures older than the review window out', async () => {
		const weekLater = new Date(NOW.getTime() + 8 * 86_400_000);
		expect((await review.queue(world.supervisor, weekLater)).closures).toEqual([]);
	});
});

describe('review decision input', () => {
	it('refuses a decision that is neither accept nor dismiss, and unknown fields', () => {
		expect(v.validate(lateDecisionInput, { orderId: 'CS-1', decision: 'maybe' }).ok).toBe(false);
		expect(v.validate(lateDecisionInput, { orderId: 'CS-1', decision: 'accept', extra: 1 }).ok).toBe(false);
		expect(v.validate(refusalAckInput, { deviceId: 'd', mutationId: 0 }).ok).toBe(false);
		expect(v.validate(refusalAckInput, { deviceId: 'd', mutationId: 2 }).ok).toBe(true);
	});
});
