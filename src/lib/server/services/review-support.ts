/** What the review, reopen and duplicate services share: results, refusals, the actor's history entry. */
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/types';
import type { Database } from '../db/schema';
import { repositories, type AuditEntry, type Repositories } from '../repositories';
import { ReviewQueueRepository, type ReviewOrderRow } from '../repositories/review-queue';
import { inTransaction } from '../repositories/transaction';
import { orderInScope, scopeFor } from './department-scope';

export type ServiceResult<T> =
	{ ok: true; value: T } | { ok: false; status: 400 | 403 | 404 | 409; error: string };

/** Thrown inside a transaction to roll it back with a reason for the caller. */
export class Refusal extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 409,
		message: string
	) {
		super(message);
	}
}

/** Runs `work`, turning a Refusal into a failed result; anything else is a real error. */
export async function settle<T>(work: () => Promise<T>): Promise<ServiceResult<T>> {
	try {
		return { ok: true, value: await work() };
	} catch (cause) {
		if (cause instanceof Refusal) return { ok: false, status: cause.status, error: cause.message };
		throw cause;
	}
}

/** A decision recorded in the status history, by the signed-in supervisor or admin. */
export function staffAudit(
	actor: SessionUser,
	at: string,
	action: string,
	detail: Record<string, unknown> = {}
): AuditEntry {
	return {
		at,
		actorUserId: actor.id,
		actorKind: actor.role === 'admin' ? 'admin' : 'supervisor',
		action,
		detail
	};
}

/**
 * Outside the scope reads as "not found", as for an order that does not exist: a supervisor of
 * one department learns nothing about another's orders by guessing ids.
 */
export function notFound(what: string): Refusal {
	return new Refusal(404, `There is no ${what} in your department.`);
}

/** One decision: every repository and the review reads over the same transaction. */
export function inDecision<T>(
	db: Kysely<Database>,
	work: (repos: Repositories, reads: ReviewQueueRepository) => Promise<T>
): Promise<T> {
	return inTransaction(db, (trx) => work(repositories(trx), new ReviewQueueRepository(trx)));
}

/** Locks the order for a decision (see getForDecision) and returns it when it is in the actor's scope. */
export async function lockOrderInScope(
	repos: Repositories,
	reads: ReviewQueueRepository,
	actor: SessionUser,
	orderId: string
): Promise<ReviewOrderRow> {
	await repos.workOrders.getForDecision(orderId);
	const order = await reads.orderInScope(orderInScope(scopeFor(actor)), orderId);
	if (!order) throw notFound(`work order ${orderId}`);
	return order;
}
