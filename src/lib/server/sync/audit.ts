import type { TypedMutation } from '$lib/domain';
import type { AuditEntry } from '$lib/server/repositories';
import type { SyncActor } from './types';

/** The history entry of a write made by a synced mutation: who, from which device, captured when (S12). */
export function auditFor(
	actor: SyncActor,
	mutation: TypedMutation,
	receivedAt: string,
	action: string,
	detail: Record<string, unknown> = {}
): AuditEntry {
	return {
		at: receivedAt,
		actorUserId: actor.userId,
		actorKind: 'crew',
		action,
		detail: { deviceId: actor.deviceId, mutationId: mutation.id, capturedAt: mutation.capturedAt, ...detail }
	};
}

/**
 * Id of a note the server writes on behalf of a mutation (close notes, unable text, late reports):
 * derived from the mutation, so it is the same id however often the mutation is looked at.
 */
export function derivedNoteId(actor: SyncActor, mutation: TypedMutation): string {
	return `sync:${actor.deviceId}:${mutation.id}`;
}
