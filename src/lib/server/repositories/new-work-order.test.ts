import { describe, expect, it } from 'vitest';
import { newWorkOrderRow } from './new-work-order';

const essentials = {
	id: 'CS-000001',
	service_code: 'POTHOLE',
	description: 'Deep pothole',
	lat: 41.9436,
	long: -85.6325,
	requested_at: '2026-11-02T14:00:00.000Z',
	updated_at: '2026-11-02T14:00:00.000Z',
	source: 'open311',
	priority: 3
};

describe('newWorkOrderRow', () => {
	it('makes an order nobody has touched yet: new, unassigned, no reporter, no field work', () => {
		const row = newWorkOrderRow(essentials);
		expect(row).toMatchObject({ ...essentials, field_status: 'new', crew_id: null, needs_review: 0 });
		expect(row).toMatchObject({ attributes: '{}', materials: '[]', email: null, closed_at: null });
		expect(Object.values(row)).not.toContain(undefined);
	});

	it('takes what the caller knows over the defaults', () => {
		const row = newWorkOrderRow(essentials, { crew_id: 'crew-north', field_status: 'assigned' });
		expect(row).toMatchObject({ crew_id: 'crew-north', field_status: 'assigned', route_order: null });
	});
});
