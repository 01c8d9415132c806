import { describe, expect, it } from 'vitest';
import { mergeChoice } from './duplicate-hints.svelte';

describe('which request a merge from the dispatch panel closes', () => {
	it('closes the newer of the two and keeps the older, whichever one is selected', () => {
		const older = { id: 'CS-7', requestedAt: '2026-11-02T10:00:00.000Z' };
		const newer = { id: 'CS-12', requestedAt: '2026-11-03T10:00:00.000Z' };
		const asHint = (order: typeof older) => ({ orderId: order.id, requestedAt: order.requestedAt });
		expect(mergeChoice(newer, asHint(older))).toEqual({ copyId: 'CS-12', keptId: 'CS-7' });
		expect(mergeChoice(older, asHint(newer))).toEqual({ copyId: 'CS-12', keptId: 'CS-7' });
	});

	it('breaks a tie of request times by id', () => {
		const at = '2026-11-02T10:00:00.000Z';
		expect(mergeChoice({ id: 'CS-2', requestedAt: at }, { orderId: 'CS-1', requestedAt: at })).toEqual({
			copyId: 'CS-2',
			keptId: 'CS-1'
		});
	});
});
