/**
 * How field statuses look to Open311 clients: the plain open/closed of GeoReport v2 and the
 * FixMyStreet extended statuses, plus the reverse for updates that FixMyStreet-style clients POST.
 */
import { canTransition, isFinalStatus, statusLabel, type FieldStatus } from './lifecycle';
import type { ResolutionCode } from './resolution';

export type Open311Status = 'open' | 'closed';

/** Lowercase, as sent on GET; clients POST them uppercase. */
export const EXTENDED_STATUSES = [
	'open',
	'closed',
	'fixed',
	'in_progress',
	'planned',
	'action_scheduled',
	'investigating',
	'duplicate',
	'not_councils_responsibility',
	'no_further_action',
	'internal_referral',
	'cancelled',
	'reopen',
	'for_triage'
] as const;
export type ExtendedStatus = (typeof EXTENDED_STATUSES)[number];

export function open311Status(fieldStatus: FieldStatus): Open311Status {
	return isFinalStatus(fieldStatus) ? 'closed' : 'open';
}

const CLOSED_EXTENDED: Readonly<Record<ResolutionCode, ExtendedStatus>> = {
	fixed: 'fixed',
	temporary_fix: 'fixed',
	duplicate: 'duplicate',
	not_our_responsibility: 'not_councils_responsibility',
	no_further_action: 'no_further_action',
	no_problem_found: 'no_further_action',
	referred: 'internal_referral'
};

const OPEN_EXTENDED: Readonly<Record<Exclude<FieldStatus, 'closed'>, ExtendedStatus>> = {
	new: 'open',
	assigned: 'action_scheduled',
	in_progress: 'in_progress',
	// Crews could not finish: the city is still working out what to do next.
	unable_to_complete: 'investigating',
	reopened: 'reopen',
	cancelled: 'cancelled'
};

/** A closed order without a resolution code (legacy or imported data) shows as plain 'closed'. */
export function extendedStatus(
	fieldStatus: FieldStatus,
	resolutionCode: ResolutionCode | null
): ExtendedStatus {
	if (fieldStatus === 'closed') return resolutionCode ? CLOSED_EXTENDED[resolutionCode] : 'closed';
	return OPEN_EXTENDED[fieldStatus];
}

export interface IncomingStatusChange {
	extended: ExtendedStatus;
	open311: Open311Status;
	/** The field status that this extended status stands for (the reverse of `extendedStatus`). */
	fieldStatus: FieldStatus;
	/** Set when the change closes the order for a known reason; null otherwise. */
	resolutionCode: ResolutionCode | null;
}

export type IncomingStatusParse = { ok: true; change: IncomingStatusChange } | { ok: false; reason: string };

const REVERSE: Readonly<Record<ExtendedStatus, [FieldStatus, ResolutionCode | null]>> = {
	open: ['new', null],
	for_triage: ['new', null],
	planned: ['assigned', null],
	action_scheduled: ['assigned', null],
	in_progress: ['in_progress', null],
	investigating: ['unable_to_complete', null],
	reopen: ['reopened', null],
	closed: ['closed', null],
	fixed: ['closed', 'fixed'],
	duplicate: ['closed', 'duplicate'],
	not_councils_responsibility: ['closed', 'not_our_responsibility'],
	no_further_action: ['closed', 'no_further_action'],
	internal_referral: ['closed', 'referred'],
	cancelled: ['cancelled', null]
};

export function parseExtendedStatus(input: string): ExtendedStatus | null {
	const text = input.trim().toLowerCase();
	return (EXTENDED_STATUSES as readonly string[]).includes(text) ? (text as ExtendedStatus) : null;
}

/** Parses a posted status (any case) into the field status and resolution it stands for. */
export function fieldChangeForExtendedStatus(status: string): IncomingStatusParse {
	const extended = parseExtendedStatus(status);
	if (!extended) {
		const known = EXTENDED_STATUSES.map((s) => s.toUpperCase()).join(', ');
		return { ok: false, reason: `status must be one of: ${known}` };
	}
	const [fieldStatus, resolutionCode] = REVERSE[extended];
	return { ok: true, change: { extended, open311: open311Status(fieldStatus), fieldStatus, resolutionCode } };
}

export type IncomingStatusEffect =
	| { kind: 'transition'; to: FieldStatus; resolutionCode: ResolutionCode | null }
	| { kind: 'none' }
	| { kind: 'refused'; reason: string };

/**
 * What an incoming update should do to an order that is currently `current`.
 * An outside system may close, cancel or reopen a request; the finer open states (assigned,
 * in progress...) belong to the dispatcher and the crew, who know where the truck is, so an
 * open-side status on an open order changes nothing (the server still records the update).
 */
export function incomingStatusEffect(
	current: FieldStatus,
	change: IncomingStatusChange
): IncomingStatusEffect {
	if (change.open311 === 'open') {
		return isFinalStatus(current)
			? { kind: 'transition', to: 'reopened', resolutionCode: null }
			: { kind: 'none' };
	}
	if (current === change.fieldStatus) return { kind: 'none' };
	if (!canTransition(current, change.fieldStatus)) {
		return {
			kind: 'refused',
			reason: `A request that is ${statusLabel(current)} cannot become ${change.extended}; reopen it first.`
		};
	}
	return { kind: 'transition', to: change.fieldStatus, resolutionCode: change.resolutionCode };
}
