/** S11: work that arrives after the order left the crew's hands is kept, flagged, and changes no status. */
import type { Kysely } from 'kysely';
import { RESOLUTION_LABELS, UNABLE_REASON_LABELS } from '$lib/domain';
import type { Database, WorkOrderRow } from '$lib/server/db/schema';
import { repositories } from '$lib/server/repositories';
import { FieldWorkRepository } from '$lib/server/repositories/field-work';
import { auditFor, derivedNoteId } from './audit';
import type { OrderWork } from './order-work';
import type { SyncActor } from './types';

export async function keepLateReport(
	trx: Kysely<Database>,
	actor: SyncActor,
	mutation: OrderWork,
	order: WorkOrderRow,
	receivedAt: string
): Promise<void> {
	// A start alone carries nothing a supervisor could act on; the mutation log keeps it.
	if (mutation.name === 'startWork') return;
	const repos = repositories(trx);
	const audit = (action: string) => auditFor(actor, mutation, receivedAt, action, { late: true });
	const capturedAt = mutation.capturedAt;
	if (mutation.name === 'addPhoto') {
		const { linkId, sha256, kind } = mutation.args;
		await repos.photos.attach(
			{
				id: linkId,
				work_order_id: order.id,
				sha256,
				kind,
				author_user_id: actor.userId,
				late_report: 1,
				captured_at: capturedAt,
				received_at: receivedAt
			},
			audit('photographed')
		);
	} else {
		const id = mutation.name === 'addNote' ? mutation.args.noteId : derivedNoteId(actor, mutation);
		await repos.notes.add(
			{
				id,
				work_order_id: order.id,
				author_user_id: actor.userId,
				author_kind: 'crew',
				body: lateNoteBody(mutation),
				visibility: 'internal',
				late_report: 1,
				captured_at: capturedAt,
				received_at: receivedAt
			},
			audit('noted')
		);
	}
	await new FieldWorkRepository(trx).flagForReview(order.id, audit('late-report'));
}

/** What the crew reported, in words a supervisor reads on the order. */
export function lateNoteBody(mutation: Exclude<OrderWork, { name: 'startWork' | 'addPhoto' }>): string {
	if (mutation.name === 'addNote') return mutation.args.body;
	if (mutation.name === 'unableToComplete') {
		const { reason, text } = mutation.args;
		return joinSentences([`Late field report: unable to complete (${UNABLE_REASON_LABELS[reason]}).`, text]);
	}
	const { resolutionCode, notes, timeOnSiteMinutes, materials } = mutation.args;
	const used = materials.map((m) => `${m.quantity} ${m.unit} ${m.name}`).join(', ');
	return joinSentences([
		`Late field report: closed as ${RESOLUTION_LABELS[resolutionCode]}.`,
		notes,
		timeOnSiteMinutes !== undefined ? `Time on site: ${timeOnSiteMinutes} min.` : '',
		used !== '' ? `Materials: ${used}.` : ''
	]);
}

function joinSentences(parts: string[]): string {
	return parts.filter((part) => part.trim() !== '').join(' ');
}
