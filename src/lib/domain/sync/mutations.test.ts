import { describe, expect, it } from 'vitest';
import { makeMutation, orderIdOf, parseMutation, photosReferenced, type TypedMutation } from './mutations';

const AT = '2026-11-02T09:30:00-05:00';
const NOTE_ID = '3b241101-e2bb-4255-8caf-4136c566a962';
const SHA = 'ab'.repeat(32);

function parsed(name: string, args: unknown, capturedAt = AT): TypedMutation {
	const result = parseMutation({ id: 1, name, args, capturedAt });
	if (!result.ok) throw new Error(result.reason);
	return result.mutation;
}

describe('mutation schemas', () => {
	it('[S6] parses each mutation and normalises the capture time to UTC', () => {
		const note = parsed('addNote', { noteId: NOTE_ID, orderId: 'CS-000001', body: '  Coned off  ' });
		expect(note).toEqual({
			id: 1,
			name: 'addNote',
			args: { noteId: NOTE_ID, orderId: 'CS-000001', body: 'Coned off' },
			capturedAt: '2026-11-02T14:30:00.000Z'
		});
	});

	it('[S6] fills in defaults for what a close may leave out', () => {
		const close = parsed('closeOrder', { orderId: 'CS-000001', resolutionCode: 'fixed' });
		expect(close.args).toEqual({
			orderId: 'CS-000001',
			resolutionCode: 'fixed',
			notes: '',
			afterPhotoLinkIds: [],
			timeOnSiteMinutes: undefined,
			materials: []
		});
	});

	it.each([
		['teleport', {}, /does not know: teleport/],
		['addNote', { noteId: 'x', orderId: 'CS-1', body: 'b' }, /noteId must be a UUID/],
		['addNote', { noteId: NOTE_ID, orderId: 'CS-1', body: '' }, /body is required/],
		['addNote', { noteId: NOTE_ID, orderId: 'CS-1', body: 'x'.repeat(4001) }, /between 1 and 4000/],
		['addPhoto', { linkId: NOTE_ID, orderId: 'CS-1', sha256: SHA.toUpperCase(), kind: 'after' }, /SHA-256/],
		['addPhoto', { linkId: NOTE_ID, orderId: 'CS-1', sha256: SHA, kind: 'selfie' }, /kind must be one of/],
		[
			'closeOrder',
			{ orderId: 'CS-1', resolutionCode: 'fixed', timeOnSiteMinutes: 1441 },
			/timeOnSiteMinutes/
		],
		['closeOrder', { orderId: 'CS-1', resolutionCode: 'gone' }, /resolutionCode/],
		['unableToComplete', { orderId: 'CS-1', reason: 'other' }, /describe why/],
		['reportProblem', { orderId: 'CS-000009', serviceCode: 'P', lat: 1, long: 1, description: 'd' }, /UUID/],
		['recordLocation', { lat: 91, long: 0 }, /lat must be a number between -90 and 90/],
		['startWork', null, /value is required/]
	])('[S6] refuses %s with a reason the crew can read', (name, args, reason) => {
		const result = parseMutation({ id: 1, name, args, capturedAt: AT });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(reason);
	});

	it('[S12] refuses a capture time without a zone', () => {
		const result = parseMutation({
			id: 1,
			name: 'startWork',
			args: { orderId: 'CS-1' },
			capturedAt: '2026-11-02 09:30'
		});
		expect(result).toEqual({ ok: false, reason: 'The action has no valid capture time.' });
	});

	it('[S8] names the photos a mutation needs on the server first', () => {
		expect(
			photosReferenced(parsed('addPhoto', { linkId: NOTE_ID, orderId: 'CS-1', sha256: SHA, kind: 'after' }))
		).toEqual([SHA]);
		const report = parsed('reportProblem', {
			orderId: NOTE_ID,
			serviceCode: 'POTHOLE',
			lat: 41.9,
			long: -85.6,
			description: 'Hole',
			photos: [{ linkId: NOTE_ID, sha256: SHA }]
		});
		expect(photosReferenced(report)).toEqual([SHA]);
		expect(orderIdOf(report)).toBe(NOTE_ID);
		expect(photosReferenced(parsed('startWork', { orderId: 'CS-1' }))).toEqual([]);
		expect(orderIdOf(parsed('recordLocation', { lat: 1, long: 2 }))).toBeNull();
	});

	it('builds wire mutations that parse back', () => {
		const wire = makeMutation(7, 'unableToComplete', { orderId: 'CS-1', reason: 'weather' }, new Date(AT));
		expect(parseMutation(wire)).toMatchObject({ ok: true, mutation: { id: 7, args: { text: '' } } });
	});
});
