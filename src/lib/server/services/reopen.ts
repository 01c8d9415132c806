/**
 * Reopen with a reason: a supervisor sends a finished order back for more work. A closed order
 * goes closed -> reopened -> assigned (two history entries, as the lifecycle wants); an order the
 * crew could not complete goes straight back to assigned. Either way it goes to the same crew
 * unless another is chosen, the reason becomes a supervisor note the crew reads on the order, and
 * the order's change sequence moves, so the crew's tablet receives it on its next sync. With no
 * crew to send it to (a request closed from the queue), it waits in the dispatch queue.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { canTransition, isFieldStatus, statusLabel, type FieldStatus } from '$lib/domain';
import type { ReopenInput } from '$lib/domain/review';
import type { SessionUser } from '../auth/types';
import type { Database, WorkOrderRow } from '../db/schema';
import { withRepositories, type Repositories } from '../repositories';
import { inScope, scopeFor } from './department-scope';
import { notFound, Refusal, settle, staffAudit, type ServiceResult } from './review-support';

/** Residents read this (Open311 status_notes); the reason itself is internal, for the crew. */
export const REOPENED_STATUS_NOTES = 'The request has been reopened for more work.';

const REOPENABLE: readonly FieldStatus[] = ['closed', 'unable_to_complete'];

export class ReopenService {
	constructor(private readonly db: Kysely<Database>) {}

	reopen(actor: SessionUser, input: ReopenInput, now: Date): Promise<ServiceResult<WorkOrderRow>> {
		const at = now.toISOString();
		return settle(() =>
			withRepositories(this.db, async (repos) => {
				const scope = scopeFor(actor);
				const order = await repos.workOrders.getForDecision(input.orderId);
				const service = order ? await repos.services.get(order.service_code) : undefined;
				if (!order || !inScope(scope, service?.department ?? ''))
					throw notFound(`work order ${input.orderId}`);
				const status: FieldStatus = isFieldStatus(order.field_status) ? order.field_status : 'new';
				if (!REOPENABLE.includes(status)) {
					throw new Refusal(
						409,
						`Only a closed or unable-to-complete order can be reopened; ${order.id} is ${statusLabel(status)}.`
					);
				}
				const crewId = await chooseCrew(repos, actor, input.crewId ?? order.crew_id);
				const crewChanges = crewId !== order.crew_id;
				const audit = (action: string) =>
					staffAudit(actor, at, action, { reason: input.reason, ...(crewChanges ? { crewId } : {}) });
				const target = { statusNotes: REOPENED_STATUS_NOTES };

				if (status === 'closed') {
					must(canTransition('closed', 'reopened'));
					await repos.workOrders.reopen(
						order.id,
						'reopened',
						{ ...target, crewId: order.crew_id, crewChanges: false },
						audit('reopened')
					);
					if (crewId !== null) {
						must(canTransition('reopened', 'assigned'));
						await repos.workOrders.assignReopened(order.id, crewId, crewChanges, audit('assigned'));
					}
				} else {
					const to = crewId === null ? 'new' : 'assigned';
					must(canTransition(status, to));
					await repos.workOrders.reopen(order.id, to, { ...target, crewId, crewChanges }, audit('reopened'));
				}
				await repos.notes.add(
					{
						id: crypto.randomUUID(),
						work_order_id: order.id,
						author_user_id: actor.id,
						author_kind: 'supervisor',
						body: `Reopened: ${input.reason}`,
						visibility: 'internal',
						late_report: 0,
						captured_at: at,
						received_at: at
					},
					staffAudit(actor, at, 'noted', { reopened: true })
				);
				return (await repos.workOrders.get(order.id)) as WorkOrderRow;
			})
		);
	}
}

/** The crew to send the order to: active and in the supervisor's scope; null means the queue. */
async function chooseCrew(
	repos: Repositories,
	actor: SessionUser,
	crewId: string | null
): Promise<string | null> {
	if (crewId === null) return null;
	const crew = await repos.crews.get(crewId);
	if (!crew || !inScope(scopeFor(actor), crew.department)) throw notFound(`crew ${crewId}`);
	if (crew.active !== 1) {
		throw new Refusal(409, `${crew.name} is no longer an active crew; choose another crew to reopen it for.`);
	}
	return crew.id;
}

/** The lifecycle allows every move above; a failure here is a programming error, not a user's. */
function must(allowed: boolean): void {
	if (!allowed) throw new Error('Reopen attempted a move the lifecycle forbids.');
}
