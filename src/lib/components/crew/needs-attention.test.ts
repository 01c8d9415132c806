import { describe, expect, it } from 'vitest';
import { LocalActions } from '$lib/client/db/actions';
import { freshDb, givenPulled, nextUuid, order } from '$lib/client/test-support';
import { attentionItemOf } from './needs-attention.svelte';

/** A start and a note on one order, as LocalActions queues them. (The live list itself: e2e crew-attention.) */
async function givenOutbox() {
	const db = freshDb();
	await givenPulled(db, order('CS-000042'));
	const actions = new LocalActions({ db, newId: nextUuid });
	await actions.startWork('CS-000042');
	await actions.addNote('CS-000042', 'Checked the site.');
	const [start, note] = await db.outbox.orderBy('id').toArray();
	if (!start || !note) throw new Error('the actions left no outbox entries');
	return { db, start, note };
}

describe('needs attention', () => {
	it('lists refused work with the server’s reason, and late field reports (S6, S11)', async () => {
		const { db, start, note } = await givenOutbox();
		expect(attentionItemOf(start), 'waiting work needs no attention').toBeNull();
		expect(attentionItemOf({ ...start, state: 'sent' })).toBeNull();

		expect(attentionItemOf({ ...start, state: 'refused', reason: 'This order was cancelled.' })).toEqual({
			mutationId: start.id,
			kind: 'refused',
			action: 'Start work',
			orderId: 'CS-000042',
			reason: 'This order was cancelled.',
			capturedAt: start.mutation.capturedAt
		});
		expect(attentionItemOf({ ...note, state: 'late', reason: null })).toMatchObject({
			kind: 'late',
			action: 'Note',
			reason: 'Kept by the server as a late field report.'
		});
		// A refusal the server gave no words for still says something.
		expect(attentionItemOf({ ...note, state: 'refused', reason: null })?.reason).toBe(
			'The server refused it.'
		);
		db.close();
	});
});
