/**
 * Reconcile rules, pure: how a queued mutation changes the device's copy of an order before the
 * server confirms it, and how the server classifies field work that arrives after the order
 * has moved on (docs/sync-spec.md, S9-S11).
 */
import { transitionFor, type Action, type FieldStatus } from '../lifecycle';
import { orderIdOf, type TypedMutation } from './mutations';
import type { CloseRequirements, SyncOrder } from './protocol';

const STATUS_ACTIONS: Partial<Record<TypedMutation['name'], Action>> = {
	startWork: 'start',
	closeOrder: 'close',
	unableToComplete: 'unable'
};

/** The lifecycle action a mutation performs, or null for append-only work (notes, photos). */
export function actionOf(mutation: Pick<TypedMutation, 'name'>): Action | null {
	return STATUS_ACTIONS[mutation.name] ?? null;
}

/**
 * The optimistic local effect of a mutation on an order. The client re-applies its pending
 * mutations, oldest first, over every pulled order until the server confirms them. A mutation the
 * lifecycle would refuse leaves the order as it is, as the server will.
 */
export function applyToLocal(order: SyncOrder, mutation: TypedMutation): SyncOrder {
	const target = orderIdOf(mutation);
	// A field-reported order keeps answering to the device's UUID after the server renames it.
	if (target === null || (target !== order.id && target !== order.clientId)) return order;
	const action = actionOf(mutation);
	if (!action) return order;
	const move = transitionFor(action, order.status);
	if (!move.ok) return order;
	const at = mutation.capturedAt;
	if (mutation.name === 'startWork') return { ...order, status: move.to, startedAt: at };
	if (mutation.name === 'closeOrder') {
		const { resolutionCode, timeOnSiteMinutes, materials } = mutation.args;
		return {
			...order,
			status: move.to,
			resolutionCode,
			timeOnSiteMinutes: timeOnSiteMinutes ?? order.timeOnSiteMinutes,
			materials: materials.length > 0 ? materials : order.materials,
			closedAt: at
		};
	}
	if (mutation.name === 'unableToComplete') {
		return { ...order, status: move.to, unableReason: mutation.args.reason };
	}
	return order;
}

/** Folds pending mutations (in device order) over a pulled order. */
export function reapplyPending(order: SyncOrder, pending: readonly TypedMutation[]): SyncOrder {
	return pending.reduce(applyToLocal, order);
}

/** The local order a field report creates before the server has seen it. */
export function orderFromReport(
	mutation: Extract<TypedMutation, { name: 'reportProblem' }>,
	service: { serviceName: string; closeRequirements: CloseRequirements }
): SyncOrder {
	const { args, capturedAt } = mutation;
	return {
		id: args.orderId,
		clientId: args.orderId,
		serviceCode: args.serviceCode,
		serviceName: service.serviceName,
		description: args.description,
		lat: args.lat,
		long: args.long,
		address: args.address ?? null,
		status: 'assigned',
		priority: 3,
		dueAt: null,
		requestedAt: capturedAt,
		updatedAt: capturedAt,
		routeOrder: null,
		resolutionCode: null,
		unableReason: null,
		timeOnSiteMinutes: null,
		materials: [],
		attributes: {},
		closeRequirements: service.closeRequirements,
		statusNotes: null,
		startedAt: null,
		closedAt: null,
		changeSeq: 0
	};
}

/** What the server knows about an order when field work on it arrives. */
export interface OrderFacts {
	status: FieldStatus;
	crewId: string | null;
	/** When closed or cancelled: the crew of whoever did it (null for a supervisor or the system). */
	finalisedByCrewId: string | null;
}

export type WorkVerdict =
	{ kind: 'apply' } | { kind: 'late'; reason: string } | { kind: 'refuse'; reason: string };

export const LATE_REASONS = {
	reassigned: 'The order was given to another crew before this arrived; it is kept as a late field report.',
	cancelled: 'The order was cancelled before this arrived; it is kept as a late field report.',
	closed: 'Someone else closed the order before this arrived; it is kept as a late field report.'
} as const;

/**
 * Conflicts follow the domain, not last-write-wins. Work on an order that left the crew's hands
 * while it was offline is late (kept, flagged, status untouched); a move the lifecycle forbids on
 * an order the crew still holds is refused with the lifecycle's reason.
 */
export function classifyOrderWork(
	mutation: Pick<TypedMutation, 'name'>,
	order: OrderFacts,
	authorCrewId: string
): WorkVerdict {
	if (order.crewId !== authorCrewId) return { kind: 'late', reason: LATE_REASONS.reassigned };
	if (order.status === 'cancelled') return { kind: 'late', reason: LATE_REASONS.cancelled };
	if (order.status === 'closed' && order.finalisedByCrewId !== authorCrewId) {
		return { kind: 'late', reason: LATE_REASONS.closed };
	}
	const action = actionOf(mutation);
	if (!action) return { kind: 'apply' };
	const move = transitionFor(action, order.status);
	return move.ok ? { kind: 'apply' } : { kind: 'refuse', reason: move.reason };
}

/** Resolutions that mean the crew did the work, so the service's close requirements apply. */
const WORK_DONE_RESOLUTIONS: readonly string[] = ['fixed', 'temporary_fix'];

/** What a close is missing for this service, in plain English, or null when it may close. */
export function closeRequirementProblem(
	requirements: CloseRequirements,
	close: {
		resolutionCode: string;
		afterPhotoCount: number;
		timeOnSiteMinutes?: number;
		materialCount: number;
	}
): string | null {
	if (!WORK_DONE_RESOLUTIONS.includes(close.resolutionCode)) return null;
	const missing: string[] = [];
	if (requirements.afterPhoto && close.afterPhotoCount === 0) missing.push('an after photo');
	if (requirements.timeOnSite && close.timeOnSiteMinutes === undefined) missing.push('the time on site');
	if (requirements.materials && close.materialCount === 0) missing.push('the materials used');
	return missing.length === 0 ? null : `Closing this order needs ${missing.join(', ')}.`;
}
