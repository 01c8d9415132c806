/**
 * Everything the sync engine tells the UI, as one discriminated union. The worker forwards these
 * through a comlink proxy; the SyncStatus rune class is their only reader.
 */
import type { OutboxState } from '../db/schema';
import type { SyncFailure } from './engine';

export type SyncPhase = 'photos' | 'push' | 'pull';

export type SyncEvent =
	| { type: 'progress'; phase: SyncPhase; done: number; total: number; sha256?: string }
	/** The queue after every change: how many entries are not on the server yet, and each entry's state. */
	| { type: 'pending'; count: number; items: OutboxItem[] }
	| { type: 'connectivity'; online: boolean }
	| { type: 'auth-expired' }
	| { type: 'quota-exceeded' }
	| { type: 'refused'; mutationId: number; orderId: string | null; reason: string }
	| { type: 'late-report'; mutationId: number; orderId: string | null; reason: string }
	| { type: 'synced'; at: string }
	/** `failure` tells an unreachable server ('network') from one that answered with a problem. */
	| { type: 'sync-failed'; message: string; retryInMs: number | null; failure: SyncFailure };

export interface OutboxItem {
	id: number;
	name: string;
	orderId: string | null;
	state: OutboxState;
	reason: string | null;
}

export type SyncEventListener = (event: SyncEvent) => void;
