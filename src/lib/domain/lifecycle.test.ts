import { describe, expect, it } from 'vitest';
import {
	ACTION_ACTORS,
	ACTIONS,
	actorMayPerform,
	assertTransition,
	canTransition,
	FIELD_STATUSES,
	isFieldStatus,
	isFinalStatus,
	nextStatusesFrom,
	transitionFor,
	type FieldStatus
} from './lifecycle';

const ALLOWED: [FieldStatus, FieldStatus][] = [
	['new', 'assigned'],
	['new', 'cancelled'],
	['new', 'closed'],
	['assigned', 'in_progress'],
	['assigned', 'assigned'],
	['assigned', 'new'],
	['assigned', 'closed'],
	['assigned', 'unable_to_complete'],
	['assigned', 'cancelled'],
	['in_progress', 'closed'],
	['in_progress', 'unable_to_complete'],
	['in_progress', 'assigned'],
	['in_progress', 'cancelled'],
	['unable_to_complete', 'assigned'],
	['unable_to_complete', 'new'],
	['unable_to_complete', 'closed'],
	['unable_to_complete', 'cancelled'],
	['closed', 'reopened'],
	['reopened', 'assigned'],
	['reopened', 'new'],
	['reopened', 'closed'],
	['reopened', 'cancelled'],
	['cancelled', 'reopened']
];

describe('field status transitions', () => {
	it.each(ALLOWED)('allows %s -> %s', (from, to) => {
		expect(canTransition(from, to)).toBe(true);
		expect(assertTransition(from, to)).toEqual({ ok: true });
	});

	it('refuses every pair that is not listed', () => {
		const allowed = new Set(ALLOWED.map(([from, to]) => `${from}>${to}`));
		let refused = 0;
		for (const from of FIELD_STATUSES) {
			for (const to of FIELD_STATUSES) {
				if (allowed.has(`${from}>${to}`)) continue;
				expect(canTransition(from, to), `${from} -> ${to}`).toBe(false);
				refused++;
			}
		}
		expect(refused).toBe(FIELD_STATUSES.length ** 2 - ALLOWED.length);
	});

	it.each([
		['new', 'in_progress'],
		['in_progress', 'new'],
		['closed', 'assigned'],
		['closed', 'cancelled'],
		['cancelled', 'assigned'],
		['new', 'new']
	] as [FieldStatus, FieldStatus][])('explains why %s -> %s is refused', (from, to) => {
		const check = assertTransition(from, to);
		expect(check.ok).toBe(false);
		if (!check.ok) expect(check.reason).toMatch(/cannot become/);
	});

	it('names the readable statuses in the refusal', () => {
		expect(assertTransition('closed', 'in_progress')).toEqual({
			ok: false,
			reason: 'A work order that is closed cannot become in progress (it can become: reopened).'
		});
	});

	it('lists next statuses consistently with canTransition', () => {
		for (const from of FIELD_STATUSES) {
			for (const to of nextStatusesFrom(from)) expect(canTransition(from, to)).toBe(true);
		}
		expect(nextStatusesFrom('closed')).toEqual(['reopened']);
	});

	it('recognises field statuses and final statuses', () => {
		expect(isFieldStatus('in_progress')).toBe(true);
		expect(isFieldStatus('open')).toBe(false);
		expect(isFieldStatus(3)).toBe(false);
		expect(FIELD_STATUSES.filter(isFinalStatus)).toEqual(['closed', 'cancelled']);
	});
});

describe('actions', () => {
	it.each([
		['start', 'assigned', 'in_progress'],
		['close', 'new', 'closed'],
		['close', 'in_progress', 'closed'],
		['unable', 'assigned', 'unable_to_complete'],
		['unable', 'in_progress', 'unable_to_complete'],
		['assign', 'new', 'assigned'],
		['assign', 'assigned', 'assigned'],
		['assign', 'in_progress', 'assigned'],
		['assign', 'reopened', 'assigned'],
		['unassign', 'assigned', 'new'],
		['unassign', 'unable_to_complete', 'new'],
		['reopen', 'closed', 'reopened'],
		['reopen', 'cancelled', 'reopened'],
		['cancel', 'new', 'cancelled'],
		['cancel', 'in_progress', 'cancelled']
	] as const)('%s from %s leads to %s', (action, from, to) => {
		expect(transitionFor(action, from)).toEqual({ ok: true, to });
	});

	it.each([
		['start', 'in_progress', 'already started'],
		['start', 'new', 'Only an assigned order can be started'],
		['start', 'closed', 'reopen it before you start it'],
		['unassign', 'in_progress', 'reassign it'],
		['unassign', 'new', 'no crew to unassign'],
		['reopen', 'assigned', 'Only a closed or cancelled order can be reopened'],
		['unable', 'new', 'Only an assigned or started order'],
		['close', 'cancelled', 'was cancelled; reopen it'],
		['cancel', 'closed', 'is closed; reopen it']
	] as const)('refuses %s from %s with a reason', (action, from, reason) => {
		const outcome = transitionFor(action, from);
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.reason).toContain(reason);
	});

	it('never proposes a transition the table refuses', () => {
		for (const action of ACTIONS) {
			for (const from of FIELD_STATUSES) {
				const outcome = transitionFor(action, from);
				if (outcome.ok) expect(canTransition(from, outcome.to)).toBe(true);
			}
		}
	});

	it('says who may do what', () => {
		expect(actorMayPerform('crew', 'start')).toBe(true);
		expect(actorMayPerform('crew', 'assign')).toBe(false);
		expect(actorMayPerform('crew', 'cancel')).toBe(false);
		expect(actorMayPerform('resident', 'reopen')).toBe(true);
		expect(actorMayPerform('resident', 'close')).toBe(false);
		expect(actorMayPerform('supervisor', 'unassign')).toBe(true);
		expect(actorMayPerform('system', 'close')).toBe(true);
		for (const action of ACTIONS) expect(ACTION_ACTORS[action].length).toBeGreaterThan(0);
	});
});
