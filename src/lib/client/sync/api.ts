/**
 * The ONE typed API of the sync worker (worker.ts exposes it, client.ts wraps it). The page calls
 * these; every write also nudges the scheduler, so "after each local write" needs no UI wiring.
 */
import type { TypedMutation } from '$lib/domain/sync/mutations';
import type { UnableReason } from '$lib/domain/resolution';
import type { CloseInput, PhotoKind, ReportInput } from '../db/actions';
import type { SyncResult } from './engine';
import type { SyncEventListener } from './events';

export interface SyncWorkerApi {
	/** Starts the triggers (S21) and sends events to `listener` (a comlink proxy). Call once per page. */
	start(listener: SyncEventListener): Promise<void>;
	syncNow(): Promise<SyncResult | null>;
	setOnline(online: boolean): Promise<void>;
	/** After the crew signed in again (S19). */
	resumeAfterSignIn(): Promise<void>;
	/** The page wrote to the store itself: announce the new queue and schedule a (debounced) sync. */
	localWrite(): Promise<void>;

	startWork(orderId: string): Promise<TypedMutation>;
	addNote(orderId: string, body: string): Promise<TypedMutation>;
	addPhoto(orderId: string, photo: Blob, kind: PhotoKind): Promise<TypedMutation>;
	closeOrder(orderId: string, input: CloseInput): Promise<TypedMutation>;
	unableToComplete(orderId: string, reason: UnableReason, text?: string): Promise<TypedMutation>;
	reportProblem(input: ReportInput): Promise<TypedMutation>;
	recordLocation(lat: number, long: number, accuracyM?: number): Promise<TypedMutation>;
	dismiss(mutationId: number): Promise<void>;
}
