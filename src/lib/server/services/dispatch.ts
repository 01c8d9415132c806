/**
 * Dispatch: supervisors assigning, reassigning and unassigning orders, with priority and due time.
 * A batch is all or nothing, so a supervisor never has to work out which half of a selection moved.
 */
import type { Kysely } from 'kysely';
import { isFieldStatus, transitionFor, type AssignOrders, type Issue } from '$lib/domain';
import type { SessionUser } from '../auth/types';
import type { Database, WorkOrderRow } from '../db/schema';
import { withRepositories, type Repositories } from '../repositories';
import { inScope, scopeFor } from './department-scope';

export type DispatchResult =
	| { ok: true; orders: WorkOrderRow[] }
	| { ok: false; status: 400 | 403 | 404; error: string; details: Issue[] };

/** Priority and due time set on orders without moving them between crews. */
export interface UpdateOrders {
	orderIds: string[];
	priority?: AssignOrders['priority'];
	dueAt?: Date;
}

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
					if (!inScope(scopeFor(actor), crew.department))
						throw new Refusal(403, `${crew.name} is outside your department.`, []);
				}
				const byId = await this.findInScope(repos, actor, input.orderIds);
				const problems: Issue[] = [];
				for (const [index, id] of input.orderIds.entries()) {
					const order = byId.get(id);
					if (!order) {
						problems.push(notFound(index, id));
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
			return refused(cause);
		}
	}

	/** Sets priority and/or due time on orders in the actor's scope, keeping their crew and status. */
	async update(actor: SessionUser, input: UpdateOrders, now: Date): Promise<DispatchResult> {
		const at = now.toISOString();
		try {
			const orders = await withRepositories(this.db, async (repos) => {
				const byId = await this.findInScope(repos, actor, input.orderIds);
				const problems = input.orderIds.flatMap((id, index) => (byId.has(id) ? [] : [notFound(index, id)]));
				if (problems.length > 0) throw new Refusal(400, 'None of the orders were changed.', problems);
				const updated: WorkOrderRow[] = [];
				for (const id of input.orderIds) {
					if (!byId.has(id)) continue;
					const row = await repos.workOrders.update(
						id,
						{
							...(input.priority !== undefined ? { priority: input.priority } : {}),
							...(input.dueAt !== undefined ? { due_at: input.dueAt.toISOString() } : {})
						},
						{
							at,
							actorUserId: actor.id,
							actorKind: actor.role === 'admin' ? 'admin' : 'supervisor',
							action: 'updated',
							detail: { priority: input.priority, dueAt: input.dueAt?.toISOString() }
						}
					);
					if (row) updated.push(row);
				}
				return updated;
			});
			return { ok: true, orders };
		} catch (cause) {
			return refused(cause);
		}
	}

	/**
	 * Loads the orders, refusing (403) the whole batch when any order's service belongs to a
	 * department outside the actor's scope. Missing orders are simply absent from the map.
	 */
	private async findInScope(
		repos: Repositories,
		actor: SessionUser,
		orderIds: string[]
	): Promise<Map<string, WorkOrderRow>> {
		const found = await repos.workOrders.list({ ids: orderIds }, { limit: orderIds.length });
		const byId = new Map(found.map((order) => [order.id, order]));
		const scope = scopeFor(actor);
		const departments = new Map(
			(await repos.services.list({ includeInactive: true })).map((s) => [s.service_code, s.department])
		);
		const outside = found.filter((order) => !inScope(scope, departments.get(order.service_code) ?? ''));
		if (outside.length > 0)
			throw new Refusal(
				403,
				`${outside.map((order) => order.id).join(', ')} ${outside.length === 1 ? 'belongs' : 'belong'} to another department.`,
				[]
			);
		return byId;
	}
}

function notFound(index: number, id: string): Issue {
	return { path: `orderIds[${index}]`, code: 'not_found', message: `There is no work order ${id}.` };
}

function refused(cause: unknown): DispatchResult {
	if (cause instanceof Refusal)
		return { ok: false, status: cause.status, error: cause.message, details: cause.details };
	throw cause;
}

/** Thrown inside the transaction to roll it back with a reason for the caller. */
class Refusal extends Error {
	constructor(
		readonly status: 400 | 403 | 404,
		message: string,
		readonly details: Issue[]
	) {
		super(message);
	}
}
