import { describe, expect, it } from 'vitest';
import type { CloseRequirements } from '$lib/domain/sync/protocol';
import {
	checkClose,
	emptyMaterialRow,
	parseMaterials,
	parseMinutes,
	requirementList,
	type CloseDraft
} from './close-rules';

const POTHOLE: CloseRequirements = { afterPhoto: true, timeOnSite: true, materials: true };
const NOTHING: CloseRequirements = { afterPhoto: false, timeOnSite: false, materials: false };

const row = (key: number, name: string, quantity: string, unit: string) => ({ key, name, quantity, unit });

function draft(overrides: Partial<CloseDraft> = {}): CloseDraft {
	return {
		resolutionCode: 'fixed',
		notes: '  Filled with cold patch.  ',
		timeOnSite: '35',
		materials: [row(0, 'Cold patch', '2', 'bags')],
		...overrides
	};
}

describe('the close form', () => {
	it('turns a complete pothole close into the closeOrder input, trimmed', () => {
		expect(checkClose(draft(), POTHOLE, 1)).toEqual({
			ok: true,
			input: {
				resolutionCode: 'fixed',
				notes: 'Filled with cold patch.',
				timeOnSiteMinutes: 35,
				materials: [{ name: 'Cold patch', quantity: 2, unit: 'bags' }]
			}
		});
	});

	it('says exactly what a fix is missing for this service', () => {
		const checked = checkClose(draft({ timeOnSite: '', materials: [emptyMaterialRow(0)] }), POTHOLE, 0);
		expect(checked).toEqual({
			ok: false,
			problem: 'Closing this order needs an after photo, the time on site, the materials used.'
		});
	});

	it('does not ask for the service requirements when no work was done', () => {
		const checked = checkClose(
			draft({ resolutionCode: 'duplicate', timeOnSite: '', materials: [] }),
			POTHOLE,
			0
		);
		expect(checked).toMatchObject({ ok: true, input: { resolutionCode: 'duplicate', materials: [] } });
	});

	it('asks for a resolution first', () => {
		expect(checkClose(draft({ resolutionCode: '' }), NOTHING, 0)).toEqual({
			ok: false,
			problem: 'Choose a resolution.'
		});
	});

	it('leaves time on site out when it was not typed', () => {
		const checked = checkClose(draft({ timeOnSite: ' ' }), NOTHING, 0);
		expect(checked.ok && 'timeOnSiteMinutes' in checked.input).toBe(false);
	});

	it('lists the service requirements for the form', () => {
		expect(requirementList(POTHOLE)).toHaveLength(3);
		expect(requirementList(NOTHING)).toEqual([]);
	});
});

describe('time on site', () => {
	it('accepts whole minutes up to a day and nothing else', () => {
		expect(parseMinutes('0')).toBe(0);
		expect(parseMinutes(' 90 ')).toBe(90);
		expect(parseMinutes('')).toBeNull();
		for (const bad of ['1.5', '-1', '1441', 'ten']) expect(parseMinutes(bad)).toHaveProperty('problem');
	});
});

describe('material rows', () => {
	it('ignores blank rows, so an untouched row never blocks a close', () => {
		expect(
			parseMaterials([emptyMaterialRow(0), row(1, 'Asphalt', '0.5', 'tons'), emptyMaterialRow(2)])
		).toEqual([{ name: 'Asphalt', quantity: 0.5, unit: 'tons' }]);
	});

	it('names the half-filled row and what it lacks', () => {
		expect(parseMaterials([row(0, 'Asphalt', '1', 'tons'), row(1, 'Sand', '', 'bags')])).toEqual({
			problem: 'Material 2 needs a quantity of 0 or more.'
		});
		expect(parseMaterials([row(0, '', '1', 'tons')])).toEqual({ problem: 'Material 1 needs a name.' });
		expect(parseMaterials([row(0, 'Sand', '3', ' ')])).toEqual({
			problem: 'Material 1 needs a unit (e.g. bags, tons, each).'
		});
		expect(parseMaterials([row(0, 'Sand', '-2', 'bags')])).toHaveProperty('problem');
	});
});
