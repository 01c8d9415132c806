/** Field work on an existing order: start, note, photo, close, unable to complete (S9-S11). */
import type { Kysely } from 'kysely';
import {
	RESOLUTION_LABELS,
	classifyOrderWork,
	closeRequirementProblem,
	isFieldStatus,
	isFinalStatus,
	type TypedMutation
} from '$lib/domain';
import type { Database, WorkOrderRow } from '$lib/server/db/schema';
import { repositories } from '$lib/server/repositories';
import { FieldWorkRepository } from '$lib/server/repositories/field-work';
import { auditFor, derivedNoteId } from './audit';
import { keepLateReport } from './late-report';
import { parseCloseRequirements } from './sync-views';
import type { Settled, SyncActor } from './types';

export type OrderWork = Extract<
	TypedMutation,
	{ name: 'startWork' | 'addNote' | 'addPhoto' | 'closeOrder' | 'unableToComplete' }
>;

export async function applyOrderWork(
	trx: Kysely<Database>,
	actor: SyncActor,
	mutation: OrderWork,
	receivedAt: string
): Promise<Settled> {
	const work = new FieldWorkRepository(trx);
	const order = await work.findByIdOrToken(mutation.args.orderId);
	if (!order)
		return { outcome: 'refused', reason: `There is no work order ${mutation.args.orderId}.`, orderId: null };
	const status = isFieldStatus(order.field_status) ? order.field_status : 'new';
	const finalisedByCrewId = isFinalStatus(status) ? await work.crewThatSetStatus(order.id, status) : null;
	const verdict = classifyOrderWork(
		mutation,
		{ status, crewId: order.crew_id, finalisedByCrewId },
		actor.crewId
	);
	if (verdict.kind === 'refuse') return { outcome: 'refused', reason: verdict.reason, orderId: order.id };
	if (verdict.kind === 'late') {
		// A late report is work done while the order was the crew's; a crew that never had the order
		// has no business adding to it (issue 8: crew A cannot change crew B's orders or notes).
		if (order.crew_id !== actor.crewId && !(await crewEverHad(trx, order.id, actor.crewId)))
			return { outcome: 'refused', reason: NOT_YOUR_CREWS, orderId: order.id };
		await keepLateReport(trx, actor, mutation, order, receivedAt);
		return { outcome: 'late', reason: verdict.reason, orderId: order.id };
	}
	const refusal = await applyToOrder(trx, actor, mutation, order, receivedAt);
	return refusal === null
		? { outcome: 'applied', orderId: order.id }
		: { outcome: 'refused', reason: refusal, orderId: order.id };
}

const NOT_YOUR_CREWS = 'This work order was never given to your crew.';

/** Whether the order was ever assigned to, or taken from, this crew (its status history says). */
async function crewEverHad(trx: Kysely<Database>, orderId: string, crewId: string): Promise<boolean> {
	const row = await trx
		.selectFrom('status_history')
		.select('id')
		.where('work_order_id', '=', orderId)
		.where((eb) => eb('to_crew_id', '=', crewId).or('from_crew_id', '=', crewId))
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** Writes the work; returns why it was refused instead, before writing anything. */
async function applyToOrder(
	trx: Kysely<Database>,
	actor: SyncActor,
	mutation: OrderWork,
	order: WorkOrderRow,
	receivedAt: string
): Promise<string | null> {
	const repos = repositories(trx);
	const audit = (action: string, detail?: Record<string, unknown>) =>
		auditFor(actor, mutation, receivedAt, action, detail);
	const capturedAt = mutation.capturedAt;
	const note = (id: string, body: string) => ({
		id,
		work_order_id: order.id,
		author_user_id: actor.userId,
		author_kind: 'crew',
		body,
		visibility: 'internal',
		late_report: 0,
		captured_at: capturedAt,
		received_at: receivedAt
	});

	switch (mutation.name) {
		case 'startWork':
			await repos.workOrders.update(
				order.id,
				{ field_status: 'in_progress', started_at: capturedAt },
				audit('started')
			);
			return null;
		case 'addNote':
			await repos.notes.add(note(mutation.args.noteId, mutation.args.body), audit('noted'));
			return null;
		case 'addPhoto': {
			const { linkId, sha256, kind } = mutation.args;
			const link = { id: linkId, work_order_id: order.id, sha256, kind, author_user_id: actor.userId };
			await repos.photos.attach(
				{ ...link, late_report: 0, captured_at: capturedAt, received_at: receivedAt },
				audit('photographed', { kind })
			);
			return null;
		}
		case 'closeOrder': {
			const args = mutation.args;
			const service = await repos.services.get(order.service_code);
			const afterPhotoCount = await new FieldWorkRepository(trx).countAfterPhotos(
				order.id,
				args.afterPhotoLinkIds
			);
			const problem = closeRequirementProblem(parseCloseRequirements(service?.close_requirements ?? null), {
				resolutionCode: args.resolutionCode,
				afterPhotoCount,
				timeOnSiteMinutes: args.timeOnSiteMinutes,
				materialCount: args.materials.length
			});
			if (problem) return problem;
			if (args.notes !== '')
				await repos.notes.add(note(derivedNoteId(actor, mutation), args.notes), audit('noted'));
			const changes = {
				field_status: 'closed',
				resolution_code: args.resolutionCode,
				closed_at: capturedAt,
				// The crew's closing words are what the resident reads in Open311's status_notes.
				status_notes: args.notes !== '' ? args.notes : `${RESOLUTION_LABELS[args.resolutionCode]}.`,
				...(args.timeOnSiteMinutes !== undefined ? { time_on_site_minutes: args.timeOnSiteMinutes } : {}),
				...(args.materials.length > 0 ? { materials: JSON.stringify(args.materials) } : {})
			};
			await repos.workOrders.update(
				order.id,
				changes,
				audit('closed', { resolutionCode: args.resolutionCode })
			);
			return null;
		}
		case 'unableToComplete': {
			const { reason, text } = mutation.args;
			if (text !== '') await repos.notes.add(note(derivedNoteId(actor, mutation), text), audit('noted'));
			await repos.workOrders.update(
				order.id,
				{ field_status: 'unable_to_complete', unable_reason: reason },
				audit('unable', { reason })
			);
			return null;
		}
	}
}
