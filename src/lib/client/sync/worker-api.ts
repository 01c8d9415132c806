/**
 * Builds the worker's API from its parts. Kept apart from worker.ts (which only wires the browser
 * globals) so it can be exercised in Node with a fake transport and an in-memory lock.
 */
import { LocalActions, type ActionDeps } from '../db/actions';
import type { CurbsideDb } from '../db/schema';
import type { SyncWorkerApi } from './api';
import { SyncEngine } from './engine';
import type { SyncEvent, SyncEventListener } from './events';
import type { Lock } from './lock';
import { SyncScheduler, type Timers } from './scheduler';
import type { Transport } from './transport';

export interface WorkerParts {
	db: CurbsideDb;
	transport: Transport;
	lock: Lock;
	timers?: Timers;
	newId?: ActionDeps['newId'];
}

export function createSyncWorkerApi(parts: WorkerParts): SyncWorkerApi {
	const listeners = new Set<SyncEventListener>();
	const emit = (event: SyncEvent) => {
		for (const listener of listeners) {
			try {
				listener(event);
			} catch {
				// A page that went away leaves a dead proxy behind; the others still get events.
				listeners.delete(listener);
			}
		}
	};
	const engine = new SyncEngine({
		db: parts.db,
		transport: parts.transport,
		lock: parts.lock,
		onEvent: emit
	});
	const scheduler = new SyncScheduler({ sync: () => engine.sync(), emit, timers: parts.timers });
	const actions = new LocalActions({ db: parts.db, newId: parts.newId });
	let started = false;
	// Offline, a sync could only fail and start a backoff; going online starts the next one.
	let online = true;

	/** Every action: commit locally first (S1), then tell the UI and schedule a sync. */
	async function written<T>(write: Promise<T>): Promise<T> {
		const result = await write;
		await engine.announceQueue();
		if (online) scheduler.localWrite();
		return result;
	}

	return {
		async start(listener) {
			listeners.add(listener);
			await engine.announceQueue();
			if (started) return;
			started = true;
			if (online) void scheduler.start();
		},
		syncNow: () => scheduler.now(),
		async setOnline(isOnline) {
			online = isOnline;
			if (!started) return;
			if (isOnline) void scheduler.online();
			else scheduler.offline();
		},
		async resumeAfterSignIn() {
			void scheduler.resume();
		},
		async localWrite() {
			await engine.announceQueue();
			if (online) scheduler.localWrite();
		},
		startWork: (orderId) => written(actions.startWork(orderId)),
		addNote: (orderId, body) => written(actions.addNote(orderId, body)),
		addPhoto: (orderId, photo, kind) => written(actions.addPhoto(orderId, photo, kind)),
		closeOrder: (orderId, input) => written(actions.closeOrder(orderId, input)),
		unableToComplete: (orderId, reason, text) => written(actions.unableToComplete(orderId, reason, text)),
		reportProblem: (input) => written(actions.reportProblem(input)),
		recordLocation: (lat, long, accuracyM) => written(actions.recordLocation(lat, long, accuracyM)),
		dismiss: (mutationId) => written(actions.dismiss(mutationId))
	};
}
