/**
 * Why an order was closed, and why a crew could not complete one. The codes are stored in the
 * database (work_orders.resolution_code, unable_reason); the labels are what people read.
 */

export const RESOLUTION_CODES = [
	'fixed',
	'temporary_fix',
	'no_further_action',
	'no_problem_found',
	'duplicate',
	'not_our_responsibility',
	'referred'
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export const RESOLUTION_LABELS: Readonly<Record<ResolutionCode, string>> = {
	fixed: 'Fixed',
	temporary_fix: 'Temporary fix',
	no_further_action: 'No further action',
	no_problem_found: 'No problem found',
	duplicate: 'Duplicate',
	not_our_responsibility: 'Not our responsibility',
	referred: 'Referred to another agency'
};

export function isResolutionCode(value: unknown): value is ResolutionCode {
	return typeof value === 'string' && (RESOLUTION_CODES as readonly string[]).includes(value);
}

export const UNABLE_REASONS = [
	'no_access',
	'needs_equipment',
	'unsafe',
	'wrong_location',
	'weather',
	'other'
] as const;
export type UnableReason = (typeof UNABLE_REASONS)[number];

export const UNABLE_REASON_LABELS: Readonly<Record<UnableReason, string>> = {
	no_access: 'No access',
	needs_equipment: 'Needs other equipment',
	unsafe: 'Unsafe to work',
	wrong_location: 'Wrong or unclear location',
	weather: 'Weather',
	other: 'Other (explain)'
};

export function isUnableReason(value: unknown): value is UnableReason {
	return typeof value === 'string' && (UNABLE_REASONS as readonly string[]).includes(value);
}

/** 'other' tells a supervisor nothing on its own, so it needs the crew's words. */
export function unableReasonNeedsText(reason: UnableReason): boolean {
	return reason === 'other';
}

/** Checks a reason and its free text together; returns a plain-English problem or null. */
export function unableReasonProblem(reason: UnableReason, text: string | null | undefined): string | null {
	if (unableReasonNeedsText(reason) && (text ?? '').trim() === '') {
		return 'Please describe why the work could not be completed.';
	}
	return null;
}
