import { describe, expect, it } from 'vitest';
import {
	ATTRIBUTE_DATATYPES,
	isUnableReason,
	serviceDefinition,
	v,
	type ServiceAttribute
} from '$lib/domain';
import { SERVICE_CATALOG, serviceByCode, serviceRows } from './catalog';

describe('service catalogue', () => {
	it('offers the services a small US city takes 311 reports for', () => {
		expect(SERVICE_CATALOG.length).toBeGreaterThanOrEqual(10);
		const codes = SERVICE_CATALOG.map((service) => service.code);
		expect(new Set(codes).size).toBe(codes.length);
		for (const code of ['POTHOLE', 'STREETLIGHT', 'GRAFFITI', 'BULK_PICKUP', 'TREE', 'STORM_DRAIN', 'SIGN']) {
			expect(codes).toContain(code);
		}
		expect(serviceByCode('POTHOLE')).toMatchObject({ name: 'Pothole', group: 'Streets', slaHours: 72 });
		expect(serviceByCode('TREE')).toMatchObject({ group: 'Parks & Forestry', slaHours: 24 });
	});

	it('gives every service rows the admin schema accepts, attributes included', () => {
		for (const row of serviceRows()) {
			const input = {
				...row,
				group: row.group_name,
				attributes: JSON.parse(row.attributes) as unknown,
				close_requirements: JSON.parse(row.close_requirements) as unknown
			};
			const result = v.validate(serviceDefinition, input);
			expect(result, row.service_code).toMatchObject({ ok: true });
		}
	});

	it('uses every Open311 attribute datatype somewhere', () => {
		const used = new Set(SERVICE_CATALOG.flatMap((service) => service.attributes.map((a) => a.datatype)));
		expect([...used].sort()).toEqual([...ATTRIBUTE_DATATYPES].sort());
	});

	it('numbers attributes in order and gives list attributes their values', () => {
		for (const service of SERVICE_CATALOG) {
			const attributes: ServiceAttribute[] = service.attributes;
			expect(attributes.map((a) => a.order)).toEqual(attributes.map((_, index) => index + 1));
			for (const attribute of attributes) {
				const isList = attribute.datatype.endsWith('valuelist');
				expect(Boolean(attribute.values?.length), `${service.code}.${attribute.code}`).toBe(isList);
			}
		}
	});

	it('gives the generator enough to write about every service', () => {
		for (const { code, field, closeRequirements } of SERVICE_CATALOG) {
			expect(field.demand, code).toBeGreaterThan(0);
			expect(field.reports.length, code).toBeGreaterThanOrEqual(3);
			expect(field.fixedNotes.length, code).toBeGreaterThan(0);
			expect(field.crewNotes.length, code).toBeGreaterThan(0);
			expect(
				field.unableReasons.every((u) => isUnableReason(u.reason)),
				code
			).toBe(true);
			// A service that requires materials to close must suggest some.
			if (closeRequirements.materials) expect(field.materials.length, code).toBeGreaterThan(0);
		}
	});
});
