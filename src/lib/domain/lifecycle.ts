/**
 * The work-order lifecycle: which field statuses exist, which moves between them are allowed,
 * and which user actions cause which moves. Pure rules; the server enforces them and the crew
 * app uses the same rules to decide which buttons to show while offline.
 */

export const FIELD_STATUSES = [
	'new',
	'assigned',
	'in_progress',
	'closed',
	'unable_to_complete',
	'reopened',
	'cancelled'
] as const;
export type FieldStatus = (typeof FIELD_STATUSES)[number];

export function isFieldStatus(value: unknown): value is FieldStatus {
	return typeof value === 'string' && (FIELD_STATUSES as readonly string[]).includes(value);
}

/**
 * Every allowed move. Self-moves are listed only where they mean something: assigned -> assigned
 * is a reassignment to another crew.
 */
const TRANSITIONS: Readonly<Record<FieldStatus, readonly FieldStatus[]>> = {
	// A supervisor may close a duplicate or not-ours request straight from the queue.
	new: ['assigned', 'cancelled', 'closed'],
	assigned: ['in_progress', 'assigned', 'new', 'closed', 'unable_to_complete', 'cancelled'],
	// No in_progress -> new: work has started, so the order is reassigned, never silently unassigned.
	in_progress: ['closed', 'unable_to_complete', 'assigned', 'cancelled'],
	unable_to_complete: ['assigned', 'new', 'closed', 'cancelled'],
	// Finished orders only come back through an explicit reopen, so history stays readable.
	closed: ['reopened'],
	reopened: ['assigned', 'new', 'closed', 'cancelled'],
	cancelled: ['reopened']
};

export function nextStatusesFrom(status: FieldStatus): readonly FieldStatus[] {
	return TRANSITIONS[status];
}

export function canTransition(from: FieldStatus, to: FieldStatus): boolean {
	return TRANSITIONS[from].includes(to);
}

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

export function assertTransition(from: FieldStatus, to: FieldStatus): TransitionCheck {
	if (canTransition(from, to)) return { ok: true };
	const allowed = TRANSITIONS[from].map(statusLabel).join(', ');
	return {
		ok: false,
		reason: `A work order that is ${statusLabel(from)} cannot become ${statusLabel(to)} (it can become: ${allowed}).`
	};
}

const STATUS_LABELS: Readonly<Record<FieldStatus, string>> = {
	new: 'new',
	assigned: 'assigned',
	in_progress: 'in progress',
	closed: 'closed',
	unable_to_complete: 'unable to complete',
	reopened: 'reopened',
	cancelled: 'cancelled'
};

/** Lowercase, readable inside a sentence. */
export function statusLabel(status: FieldStatus): string {
	return STATUS_LABELS[status];
}

/** Open statuses still need someone to do something; closed and cancelled are final until reopened. */
export function isFinalStatus(status: FieldStatus): boolean {
	return status === 'closed' || status === 'cancelled';
}

export const ACTOR_KINDS = ['crew', 'supervisor', 'admin', 'resident', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const ACTIONS = ['start', 'close', 'unable', 'assign', 'unassign', 'reopen', 'cancel'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Who may perform each action. Residents act only through Open311 (a reporter reopening a request
 * that was not really fixed); `system` is the server acting on an external 311 system's update.
 */
export const ACTION_ACTORS: Readonly<Record<Action, readonly ActorKind[]>> = {
	start: ['crew', 'supervisor'],
	close: ['crew', 'supervisor', 'admin', 'system'],
	unable: ['crew', 'supervisor'],
	assign: ['supervisor', 'admin', 'system'],
	unassign: ['supervisor', 'admin'],
	reopen: ['supervisor', 'admin', 'resident', 'system'],
	cancel: ['supervisor', 'admin', 'system']
};

export function actorMayPerform(actor: ActorKind, action: Action): boolean {
	return ACTION_ACTORS[action].includes(actor);
}

const ACTION_TARGETS: Readonly<Record<Action, FieldStatus>> = {
	start: 'in_progress',
	close: 'closed',
	unable: 'unable_to_complete',
	assign: 'assigned',
	unassign: 'new',
	reopen: 'reopened',
	cancel: 'cancelled'
};

export type ActionOutcome = { ok: true; to: FieldStatus } | { ok: false; reason: string };

/** The status an action leads to from the current one, or why the action makes no sense now. */
export function transitionFor(action: Action, currentStatus: FieldStatus): ActionOutcome {
	const to = ACTION_TARGETS[action];
	// Starting twice would be a no-op that hides a sync bug, so it is refused rather than ignored.
	if (action === 'start' && currentStatus === 'in_progress') {
		return { ok: false, reason: 'Work on this order has already started.' };
	}
	if (canTransition(currentStatus, to)) return { ok: true, to };
	return { ok: false, reason: refusalReason(action, currentStatus) };
}

function refusalReason(action: Action, current: FieldStatus): string {
	if (current === 'closed') return `This order is closed; reopen it before you ${action} it.`;
	if (current === 'cancelled') return `This order was cancelled; reopen it before you ${action} it.`;
	if (action === 'start') {
		return `Only an assigned order can be started; this one is ${statusLabel(current)}.`;
	}
	if (action === 'unassign' && current === 'in_progress') {
		return 'Work on this order has started; reassign it to another crew instead of unassigning it.';
	}
	if (action === 'unassign') return `This order is ${statusLabel(current)}, so there is no crew to unassign.`;
	if (action === 'reopen') {
		return `Only a closed or cancelled order can be reopened; this one is ${statusLabel(current)}.`;
	}
	if (action === 'unable') {
		return `Only an assigned or started order can be marked unable to complete; this one is ${statusLabel(current)}.`;
	}
	return `A work order that is ${statusLabel(current)} cannot be ${ACTION_PAST[action]}.`;
}

const ACTION_PAST: Readonly<Record<Action, string>> = {
	start: 'started',
	close: 'closed',
	unable: 'marked unable to complete',
	assign: 'assigned',
	unassign: 'unassigned',
	reopen: 'reopened',
	cancel: 'cancelled'
};
