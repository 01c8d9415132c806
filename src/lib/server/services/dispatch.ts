/**
 * Dispatch: supervisors assigning, reassigning and unassigning orders, with priority and due time.
 * A batch is all or nothing, so a supervisor never has to work out which half of a selection moved.
 */
import type { Kysely } from 'kysely';
import { isFieldStatus, transitionFor, type AssignOrders, type Issue } from '$lib/domain';
import type { SessionUser } from '../auth/types';
import type { Database, WorkOrderRow } from '../db/schema';
import { withRepositories } from '../repositories';

export type DispatchResult =
	{ ok: true; orders: WorkOrderRow[] } | { ok: false; status: 400 | 404; error: string; details: Issue[] };

export class DispatchService {
	constructor(private readonly db: Kysely<Database>) {}

	async assign(actor: SessionUser, input: AssignOrders, now: Date): Promise<DispatchResult> {
		const at = now.toISOString();
		const action = input.crewId === null ? 'unassign' : 'assign';
		try {
			const orders = await withRepositories(this.db, async (repos) => {
				if (input.crewId !== null) {
					const crew = await repos.crews.get(input.crewId);
					if (!crew || crew.active !== 1) throw new Refusal(404, 'There is no active crew with that id.', []);
				}
				const found = await repos.workOrders.list({ ids: input.orderIds }, { limit: input.orderIds.length });
				const byId = new Map(found.map((order) => [order.id, order]));
				const problems: Issue[] = [];
				for (const [index, id] of input.orderIds.entries()) {
					const order = byId.get(id);
					if (!order) {
						problems.push({
							path: `orderIds[${index}]`,
							code: 'not_found',
							message: `There is no work order ${id}.`
						});
						continue;
					}
					const status = isFieldStatus(order.field_status) ? order.field_status : 'new';
					const move = transitionFor(action, status);
					if (!move.ok)
						problems.push({
							path: `orderIds[${index}]`,
							code: 'transition',
							message: `${id}: ${move.reason}`
						});
				}
				if (problems.length > 0) throw new Refusal(400, 'None of the orders were changed.', problems);

				const updated: WorkOrderRow[] = [];
				for (const id of input.orderIds) {
					const order = byId.get(id) as WorkOrderRow;
					const crewChanges = order.crew_id !== input.crewId;
					const row = await repos.workOrders.update(
						id,
						{
							crew_id: input.crewId,
							field_status: input.crewId === null ? 'new' : 'assigned',
							...(crewChanges ? { assigned_at: input.crewId === null ? null : at, route_order: null } : {}),
							...(input.priority !== undefined ? { priority: input.priority } : {}),
							...(input.dueAt !== undefined ? { due_at: input.dueAt.toISOString() } : {})
						},
						{
							at,
							actorUserId: actor.id,
							actorKind: actor.role === 'admin' ? 'admin' : 'supervisor',
							action: input.crewId === null ? 'unassigned' : 'assigned',
							detail: { priority: input.priority, dueAt: input.dueAt?.toISOString() }
						}
					);
					if (row) updated.push(row);
				}
				return updated;
			});
			return { ok: true, orders };
		} catch (cause) {
			if (cause instanceof Refusal)
				return { ok: false, status: cause.status, error: cause.message, details: cause.details };
			throw cause;
		}
	}
}

/** Thrown inside the transaction to roll it back with a reason for the caller. */
class Refusal extends Error {
	constructor(
		readonly status: 400 | 404,
		message: string,
		readonly details: Issue[]
	) {
		super(message);
	}
}
