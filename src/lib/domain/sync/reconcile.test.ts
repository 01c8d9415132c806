import { describe, expect, it } from 'vitest';
import { parseMutation, type TypedMutation } from './mutations';
import type { SyncOrder } from './protocol';
import {
	LATE_REASONS,
	applyToLocal,
	classifyOrderWork,
	closeRequirementProblem,
	orderFromReport,
	reapplyPending
} from './reconcile';

const AT = '2026-11-02T14:30:00.000Z';

function m(id: number, name: string, args: unknown): TypedMutation {
	const result = parseMutation({ id, name, args, capturedAt: AT });
	if (!result.ok) throw new Error(result.reason);
	return result.mutation;
}

const ORDER: SyncOrder = {
	id: 'CS-000001',
	clientId: null,
	serviceCode: 'POTHOLE',
	serviceName: 'Pothole',
	description: 'Hole',
	lat: 41.9,
	long: -85.6,
	address: null,
	status: 'assigned',
	priority: 3,
	dueAt: null,
	requestedAt: AT,
	updatedAt: AT,
	routeOrder: 1,
	resolutionCode: null,
	unableReason: null,
	timeOnSiteMinutes: null,
	materials: [],
	attributes: {},
	closeRequirements: { afterPhoto: true, timeOnSite: false, materials: false },
	statusNotes: null,
	startedAt: null,
	closedAt: null,
	changeSeq: 10
};

describe('applyToLocal', () => {
	it('[S16] re-applies pending start and close over a pulled order, in device order', () => {
		const pending = [
			m(1, 'startWork', { orderId: 'CS-000001' }),
			m(2, 'closeOrder', { orderId: 'CS-000001', resolutionCode: 'fixed', timeOnSiteMinutes: 30 })
		];
		expect(reapplyPending(ORDER, pending)).toMatchObject({
			status: 'closed',
			resolutionCode: 'fixed',
			timeOnSiteMinutes: 30,
			startedAt: AT,
			closedAt: AT
		});
		expect(ORDER.status).toBe('assigned');
	});

	it('[S10] leaves the order alone when the lifecycle would refuse, as the server will', () => {
		const closed = { ...ORDER, status: 'closed' as const };
		expect(applyToLocal(closed, m(1, 'startWork', { orderId: 'CS-000001' }))).toBe(closed);
	});

	it('[S16] ignores other orders, notes and photos', () => {
		expect(applyToLocal(ORDER, m(1, 'startWork', { orderId: 'CS-000002' }))).toBe(ORDER);
		const note = m(2, 'addNote', {
			noteId: '3b241101-e2bb-4255-8caf-4136c566a962',
			orderId: 'CS-000001',
			body: 'x'
		});
		expect(applyToLocal(ORDER, note)).toBe(ORDER);
		expect(applyToLocal(ORDER, m(3, 'recordLocation', { lat: 1, long: 1 }))).toBe(ORDER);
	});

	it('[S13] a field-reported order answers to its device UUID after the server renames it', () => {
		const clientId = '3b241101-e2bb-4255-8caf-4136c566a962';
		const report = m(1, 'reportProblem', {
			orderId: clientId,
			serviceCode: 'POTHOLE',
			lat: 1,
			long: 2,
			description: 'd'
		});
		if (report.name !== 'reportProblem') throw new Error('expected a report');
		const local = orderFromReport(report, {
			serviceName: 'Pothole',
			closeRequirements: ORDER.closeRequirements
		});
		expect(local).toMatchObject({ id: clientId, clientId, status: 'assigned', changeSeq: 0 });
		const pulled = { ...local, id: 'CS-000042' };
		expect(applyToLocal(pulled, m(2, 'startWork', { orderId: clientId })).status).toBe('in_progress');
	});

	it('marks unable to complete with its reason', () => {
		const unable = m(1, 'unableToComplete', { orderId: 'CS-000001', reason: 'weather' });
		expect(applyToLocal(ORDER, unable)).toMatchObject({
			status: 'unable_to_complete',
			unableReason: 'weather'
		});
	});
});

describe('classifyOrderWork', () => {
	const held = { status: 'assigned' as const, crewId: 'north', finalisedByCrewId: null };

	it('[S11] work on an order that left the crew, or was cancelled or closed by others, is late', () => {
		const note = { name: 'addNote' as const };
		expect(classifyOrderWork(note, { ...held, crewId: 'south' }, 'north')).toEqual({
			kind: 'late',
			reason: LATE_REASONS.reassigned
		});
		expect(classifyOrderWork(note, { ...held, crewId: null }, 'north').kind).toBe('late');
		expect(classifyOrderWork(note, { ...held, status: 'cancelled' }, 'north')).toMatchObject({
			kind: 'late'
		});
		expect(classifyOrderWork({ name: 'closeOrder' }, { ...held, status: 'closed' }, 'north')).toEqual({
			kind: 'late',
			reason: LATE_REASONS.closed
		});
	});

	it('[S10] on an order the crew holds, the lifecycle decides', () => {
		expect(classifyOrderWork({ name: 'startWork' }, held, 'north')).toEqual({ kind: 'apply' });
		expect(
			classifyOrderWork({ name: 'startWork' }, { ...held, status: 'in_progress' }, 'north')
		).toMatchObject({
			kind: 'refuse',
			reason: expect.stringMatching(/already started/)
		});
		const closedByUs = { ...held, status: 'closed' as const, finalisedByCrewId: 'north' };
		expect(classifyOrderWork({ name: 'addNote' }, closedByUs, 'north')).toEqual({ kind: 'apply' });
		expect(classifyOrderWork({ name: 'closeOrder' }, closedByUs, 'north').kind).toBe('refuse');
	});
});

describe('closeRequirementProblem', () => {
	const all = { afterPhoto: true, timeOnSite: true, materials: true };

	it('[S6] lists everything a work-done close is missing', () => {
		const close = { resolutionCode: 'fixed', afterPhotoCount: 0, materialCount: 0 };
		expect(closeRequirementProblem(all, close)).toBe(
			'Closing this order needs an after photo, the time on site, the materials used.'
		);
		expect(
			closeRequirementProblem(all, { ...close, afterPhotoCount: 1, timeOnSiteMinutes: 0, materialCount: 1 })
		).toBeNull();
	});

	it('asks nothing of a close where no work was done', () => {
		expect(
			closeRequirementProblem(all, {
				resolutionCode: 'no_problem_found',
				afterPhotoCount: 0,
				materialCount: 0
			})
		).toBeNull();
	});
});
