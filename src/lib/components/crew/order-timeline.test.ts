import { describe, expect, it } from 'vitest';
import type { LocalHistoryEntry, LocalNote, OutboxEntry } from '$lib/client/db/schema';
import { actionTitle, orderTimeline } from './order-timeline';

const history = (id: string, action: string, at: string, more: Partial<LocalHistoryEntry> = {}) => ({
	id,
	orderId: 'CS-000001',
	at,
	action,
	fromStatus: null,
	toStatus: null,
	actorKind: 'supervisor',
	actorName: 'Sue Park',
	summary: null,
	...more
});

const note = (id: string, body: string, capturedAt: string, pending: 0 | 1): LocalNote => ({
	id,
	orderId: 'CS-000001',
	body,
	authorKind: 'crew',
	authorName: pending ? null : 'Dana Reyes',
	visibility: 'internal',
	lateReport: false,
	capturedAt,
	receivedAt: capturedAt,
	pending
});

const entry = (
	id: number,
	mutation: OutboxEntry['mutation'],
	state: OutboxEntry['state'] = 'pending'
): OutboxEntry => ({
	id,
	mutation,
	orderId: 'CS-000001',
	photoShas: [],
	state,
	reason: null
});

describe('orderTimeline', () => {
	it('[S24] merges history, notes and unconfirmed local work, oldest first', () => {
		const items = orderTimeline(
			[
				history('1', 'created', '2026-11-02T08:00:00.000Z', { actorKind: 'resident', actorName: null }),
				history('2', 'assigned', '2026-11-02T09:00:00.000Z', { summary: 'To Streets North' }),
				history('3', 'noted', '2026-11-02T10:00:00.000Z')
			],
			[
				note('n1', 'Cones placed', '2026-11-02T10:00:00.000Z', 0),
				note('n2', 'Back tomorrow', '2026-11-02T12:30:00.000Z', 1)
			],
			[
				entry(1, {
					id: 1,
					name: 'startWork',
					args: { orderId: 'CS-000001' },
					capturedAt: '2026-11-02T12:00:00.000Z'
				}),
				entry(2, {
					id: 2,
					name: 'addNote',
					args: { noteId: 'n2', orderId: 'CS-000001', body: 'Back tomorrow' },
					capturedAt: '2026-11-02T12:30:00.000Z'
				}),
				entry(3, {
					id: 3,
					name: 'closeOrder',
					args: {
						orderId: 'CS-000001',
						resolutionCode: 'fixed',
						notes: '',
						materials: [],
						afterPhotoLinkIds: []
					},
					capturedAt: '2026-11-02T13:00:00.000Z'
				})
			]
		);
		expect(items.map((item) => [item.title, item.detail, item.who, item.pending])).toEqual([
			['Reported', null, 'Resident', false],
			['Assigned', 'To Streets North', 'Sue Park', false],
			['Note', 'Cones placed', 'Dana Reyes', false],
			['Work started', null, 'You, on this device', true],
			['Note', 'Back tomorrow', 'Crew', true],
			['Closed', 'Resolution: Fixed', 'You, on this device', true]
		]);
		expect(new Set(items.map((item) => item.key)).size).toBe(items.length);
	});

	it('[S6] refused or late work is not shown as done on the timeline', () => {
		const refused = entry(
			1,
			{ id: 1, name: 'startWork', args: { orderId: 'CS-000001' }, capturedAt: '2026-11-02T12:00:00.000Z' },
			'refused'
		);
		expect(orderTimeline([], [], [refused])).toEqual([]);
	});

	it('names an action it does not know in plain words', () => {
		expect(actionTitle('late-report')).toBe('Late field report');
		expect(actionTitle('moved-route')).toBe('Moved route');
	});
});
