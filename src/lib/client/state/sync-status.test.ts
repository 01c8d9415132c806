import { describe, expect, it } from 'vitest';
import { SyncStatus } from './sync-status.svelte';

const item = (id: number, state: 'pending' | 'sent' | 'refused' | 'late', orderId = 'CS-1') => ({
	id,
	name: 'addNote',
	orderId,
	state,
	reason: state === 'refused' ? 'Unknown order' : null
});

describe('[S22] sync status for the UI', () => {
	it('follows the engine: queue, per-order state, progress, last sync and items needing attention', () => {
		const status = new SyncStatus();
		status.apply({ type: 'pending', count: 2, items: [item(1, 'pending'), item(2, 'refused', 'CS-2')] });
		expect(status.pendingCount).toBe(2);
		expect(status.stateOf('CS-1')).toBe('pending');
		expect(status.stateOf('CS-2')).toBe('attention');
		expect(status.stateOf('CS-3')).toBe('synced');
		expect(status.needsAttention.map((entry) => entry.id)).toEqual([2]);

		status.apply({ type: 'progress', phase: 'photos', done: 1, total: 3 });
		expect(status.syncing).toBe(true);
		status.apply({ type: 'synced', at: '2026-11-27T10:00:00.000Z' });
		expect(status.syncing).toBe(false);
		expect(status.lastSyncAt).toBe('2026-11-27T10:00:00.000Z');
	});

	it('remembers an expired session, a full disk and the last failure until a sync succeeds', () => {
		const status = new SyncStatus();
		status.apply({ type: 'connectivity', online: false });
		status.apply({ type: 'auth-expired' });
		status.apply({ type: 'quota-exceeded' });
		status.apply({
			type: 'sync-failed',
			message: 'The server answered 503.',
			retryInMs: 4000,
			failure: 'server'
		});
		expect(status).toMatchObject({ online: false, authExpired: true, storageFull: true });
		expect(status.lastError).toEqual({ message: 'The server answered 503.', retryInMs: 4000 });
		status.apply({ type: 'synced', at: '2026-11-27T10:05:00.000Z' });
		expect(status.authExpired).toBe(false);
		expect(status.lastError).toBeNull();
	});
});
