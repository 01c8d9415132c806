import { describe, expect, it } from 'vitest';
import {
	isResolutionCode,
	isUnableReason,
	RESOLUTION_CODES,
	RESOLUTION_LABELS,
	UNABLE_REASON_LABELS,
	UNABLE_REASONS,
	unableReasonNeedsText,
	unableReasonProblem
} from './resolution';

describe('resolution codes and unable reasons', () => {
	it('has a label for every code', () => {
		for (const code of RESOLUTION_CODES) expect(RESOLUTION_LABELS[code]).toMatch(/^[A-Z]/);
		for (const reason of UNABLE_REASONS) expect(UNABLE_REASON_LABELS[reason]).toMatch(/^[A-Z]/);
	});

	it('recognises codes', () => {
		expect(isResolutionCode('not_our_responsibility')).toBe(true);
		expect(isResolutionCode('Fixed')).toBe(false);
		expect(isUnableReason('weather')).toBe(true);
		expect(isUnableReason('lunch')).toBe(false);
	});

	it('requires free text only for other', () => {
		expect(UNABLE_REASONS.filter(unableReasonNeedsText)).toEqual(['other']);
		expect(unableReasonProblem('other', '  ')).toMatch(/describe why/);
		expect(unableReasonProblem('other', undefined)).not.toBeNull();
		expect(unableReasonProblem('other', 'gate locked, no key')).toBeNull();
		expect(unableReasonProblem('no_access', null)).toBeNull();
	});
});
