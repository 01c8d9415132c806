import { describe, expect, it } from 'vitest';
import type { LocalOrder } from '$lib/client/db/schema';
import { accuracyText, fixProblem } from './geolocation';
import { checkReport, emptyReportDraft, parseCoordinate, type ReportDraft } from './report-rules';
import { serviceOptionsFrom, type ServiceOption } from './service-options';

const POTHOLE: ServiceOption = {
	serviceCode: 'POTHOLE',
	serviceName: 'Pothole',
	closeRequirements: { afterPhoto: true, timeOnSite: true, materials: true }
};

function draft(overrides: Partial<ReportDraft> = {}): ReportDraft {
	return {
		serviceCode: 'POTHOLE',
		latitude: '44.97781',
		longitude: '-93.26501',
		address: '  ',
		description: '  A deep hole in the bike lane. ',
		...overrides
	};
}

function order(id: string, serviceCode: string, serviceName: string, updatedAt: string): LocalOrder {
	return {
		id,
		serviceCode,
		serviceName,
		updatedAt,
		closeRequirements: POTHOLE.closeRequirements
	} as LocalOrder;
}

describe('the field report form', () => {
	it('turns a complete report into the reportProblem input, trimmed, without an empty address', () => {
		expect(checkReport(draft(), [POTHOLE])).toEqual({
			ok: true,
			input: {
				serviceCode: 'POTHOLE',
				service: { serviceName: 'Pothole', closeRequirements: POTHOLE.closeRequirements },
				lat: 44.97781,
				long: -93.26501,
				description: 'A deep hole in the bike lane.'
			}
		});
	});

	it('names the one thing missing, and the field it is about', () => {
		expect(checkReport(emptyReportDraft(), [POTHOLE])).toMatchObject({ ok: false, field: 'serviceCode' });
		expect(checkReport(draft({ serviceCode: 'GONE' }), [POTHOLE])).toMatchObject({ field: 'serviceCode' });
		expect(checkReport(draft({ latitude: '', longitude: '' }), [POTHOLE])).toMatchObject({
			problem: 'Set the location: use your location, or type the latitude and longitude.'
		});
		expect(checkReport(draft({ latitude: '91' }), [POTHOLE])).toMatchObject({ field: 'latitude' });
		expect(checkReport(draft({ longitude: 'east' }), [POTHOLE])).toMatchObject({ field: 'longitude' });
		expect(checkReport(draft({ description: '   ' }), [POTHOLE])).toMatchObject({
			problem: 'Describe the problem.',
			field: 'description'
		});
		expect(checkReport(draft({ address: 'x'.repeat(201) }), [POTHOLE])).toMatchObject({ field: 'address' });
	});

	it('reads only plain decimal coordinates within range', () => {
		expect(parseCoordinate(' -93.2650 ', 180)).toBe(-93.265);
		expect(parseCoordinate('0', 90)).toBe(0);
		expect(parseCoordinate('', 90)).toBeNull();
		expect(parseCoordinate('0x10', 90)).toBeNull();
		expect(parseCoordinate('1e2', 180)).toBeNull();
		expect(parseCoordinate('180.5', 180)).toBeNull();
	});

	it('offers each service seen in the orders once, named as its newest order names it', () => {
		const options = serviceOptionsFrom([
			order('CS-1', 'POTHOLE', 'Pot hole (old name)', '2025-01-01T00:00:00.000Z'),
			order('CS-2', 'GRAFFITI', 'Graffiti', '2025-01-02T00:00:00.000Z'),
			order('CS-3', 'POTHOLE', 'Pothole', '2025-01-03T00:00:00.000Z')
		]);
		expect(options.map((option) => [option.serviceCode, option.serviceName])).toEqual([
			['GRAFFITI', 'Graffiti'],
			['POTHOLE', 'Pothole']
		]);
	});

	it('says what to do when no location can be had', () => {
		expect(fixProblem(1)).toMatch(/not allowed.*Type the latitude and longitude instead/);
		expect(fixProblem(2)).toMatch(/could not find its location/);
		expect(fixProblem(3)).toMatch(/within 15 seconds/);
		expect(accuracyText(11.6)).toBe('within 12 m');
		expect(accuracyText(2400)).toBe('within 2.4 km');
	});
});
