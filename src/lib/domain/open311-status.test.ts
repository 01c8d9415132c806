import { describe, expect, it } from 'vitest';
import { FIELD_STATUSES } from './lifecycle';
import {
	EXTENDED_STATUSES,
	extendedStatus,
	fieldChangeForExtendedStatus,
	incomingStatusEffect,
	open311Status,
	parseExtendedStatus,
	type IncomingStatusChange
} from './open311-status';
import { RESOLUTION_CODES } from './resolution';

function change(status: string): IncomingStatusChange {
	const parsed = fieldChangeForExtendedStatus(status);
	if (!parsed.ok) throw new Error(parsed.reason);
	return parsed.change;
}

describe('open311Status', () => {
	it('shows closed and cancelled as closed, everything else as open', () => {
		const closed = FIELD_STATUSES.filter((s) => open311Status(s) === 'closed');
		expect(closed).toEqual(['closed', 'cancelled']);
	});
});

describe('extendedStatus', () => {
	it.each([
		['new', null, 'open'],
		['assigned', null, 'action_scheduled'],
		['in_progress', null, 'in_progress'],
		['unable_to_complete', null, 'investigating'],
		['reopened', null, 'reopen'],
		['cancelled', null, 'cancelled'],
		['closed', 'fixed', 'fixed'],
		['closed', 'temporary_fix', 'fixed'],
		['closed', 'duplicate', 'duplicate'],
		['closed', 'not_our_responsibility', 'not_councils_responsibility'],
		['closed', 'no_further_action', 'no_further_action'],
		['closed', 'no_problem_found', 'no_further_action'],
		['closed', 'referred', 'internal_referral'],
		['closed', null, 'closed']
	] as const)('%s + %s -> %s', (status, resolution, expected) => {
		expect(extendedStatus(status, resolution)).toBe(expected);
	});

	it('ignores a stale resolution code on an open order', () => {
		expect(extendedStatus('reopened', 'fixed')).toBe('reopen');
	});

	it('only produces listed extended statuses, and agrees with open/closed', () => {
		for (const status of FIELD_STATUSES) {
			for (const code of [...RESOLUTION_CODES, null]) {
				const extended = extendedStatus(status, code);
				expect(EXTENDED_STATUSES).toContain(extended);
				expect(change(extended).open311).toBe(open311Status(status));
			}
		}
	});
});

describe('fieldChangeForExtendedStatus', () => {
	it.each([
		['FIXED', 'closed', 'fixed', 'closed'],
		['IN_PROGRESS', 'in_progress', null, 'open'],
		['ACTION_SCHEDULED', 'assigned', null, 'open'],
		['PLANNED', 'assigned', null, 'open'],
		['DUPLICATE', 'closed', 'duplicate', 'closed'],
		['NOT_COUNCILS_RESPONSIBILITY', 'closed', 'not_our_responsibility', 'closed'],
		['NO_FURTHER_ACTION', 'closed', 'no_further_action', 'closed'],
		['INTERNAL_REFERRAL', 'closed', 'referred', 'closed'],
		['CANCELLED', 'cancelled', null, 'closed'],
		['REOPEN', 'reopened', null, 'open'],
		['INVESTIGATING', 'unable_to_complete', null, 'open'],
		['FOR_TRIAGE', 'new', null, 'open'],
		['OPEN', 'new', null, 'open'],
		['CLOSED', 'closed', null, 'closed']
	] as const)('%s -> %s (%s)', (posted, fieldStatus, resolutionCode, open311) => {
		expect(fieldChangeForExtendedStatus(posted)).toEqual({
			ok: true,
			change: { extended: posted.toLowerCase(), open311, fieldStatus, resolutionCode }
		});
	});

	it('covers every extended status', () => {
		for (const status of EXTENDED_STATUSES) expect(fieldChangeForExtendedStatus(status).ok).toBe(true);
	});

	it('reads any case and surrounding spaces', () => {
		expect(parseExtendedStatus(' Fixed ')).toBe('fixed');
		expect(change('not_Councils_Responsibility').resolutionCode).toBe('not_our_responsibility');
	});

	it('round-trips: the field status a posted status maps to shows as that status again', () => {
		for (const status of EXTENDED_STATUSES) {
			if (status === 'planned' || status === 'for_triage') continue; // many-to-one on purpose
			const { fieldStatus, resolutionCode } = change(status);
			expect(extendedStatus(fieldStatus, resolutionCode)).toBe(status);
		}
	});

	it('refuses unknown statuses with the list of known ones', () => {
		const parsed = fieldChangeForExtendedStatus('DONE');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.reason).toMatch(/^status must be one of: OPEN, CLOSED, FIXED/);
		expect(fieldChangeForExtendedStatus('').ok).toBe(false);
	});
});

describe('incomingStatusEffect', () => {
	it('closes an open order with the posted resolution', () => {
		expect(incomingStatusEffect('in_progress', change('FIXED'))).toEqual({
			kind: 'transition',
			to: 'closed',
			resolutionCode: 'fixed'
		});
		expect(incomingStatusEffect('new', change('CANCELLED'))).toEqual({
			kind: 'transition',
			to: 'cancelled',
			resolutionCode: null
		});
	});

	it('reopens a closed or cancelled order for any open-side status', () => {
		for (const status of ['REOPEN', 'OPEN', 'IN_PROGRESS', 'INVESTIGATING']) {
			expect(incomingStatusEffect('closed', change(status))).toEqual({
				kind: 'transition',
				to: 'reopened',
				resolutionCode: null
			});
		}
		expect(incomingStatusEffect('cancelled', change('REOPEN')).kind).toBe('transition');
	});

	it('leaves the finer open states to the crew and dispatcher', () => {
		expect(incomingStatusEffect('new', change('IN_PROGRESS'))).toEqual({ kind: 'none' });
		expect(incomingStatusEffect('in_progress', change('ACTION_SCHEDULED'))).toEqual({ kind: 'none' });
	});

	it('does nothing when the order is already in the posted state', () => {
		expect(incomingStatusEffect('closed', change('DUPLICATE'))).toEqual({ kind: 'none' });
		expect(incomingStatusEffect('cancelled', change('CANCELLED'))).toEqual({ kind: 'none' });
	});

	it('refuses to move between closed and cancelled without a reopen', () => {
		const effect = incomingStatusEffect('cancelled', change('FIXED'));
		expect(effect.kind).toBe('refused');
		if (effect.kind === 'refused')
			expect(effect.reason).toBe('A request that is cancelled cannot become fixed; reopen it first.');
	});
});
