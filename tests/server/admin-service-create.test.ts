/**
 * An admin adds a service: checked like every admin form, unique in any case, and then offered
 * over Open311 and to the crews' offline catalogue (S25), unless it is added as not offered.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v } from '../../src/lib/domain';
import { formFields } from '../../src/lib/server/services/admin-support';
import {
	NEW_SERVICE_CHECKBOXES,
	createService,
	newServiceForm,
	type NewServiceForm
} from '../../src/lib/server/services/admin-service-create';
import { activeCatalogue } from '../../src/lib/server/sync/catalogue';
import { createWorld, type Open311World } from '../open311/harness';
import { testBackends } from './backends';

const sidewalk: NewServiceForm = {
	service_code: 'SIDEWALK_TRIP',
	service_name: 'Sidewalk trip hazard',
	group: 'Streets',
	description: 'A raised or broken slab someone could trip on',
	department: 'Public Works',
	sla_hours: 120,
	after_photo: true,
	time_on_site: false,
	materials: true,
	active: true
};

function posted(fields: Record<string, string>): v.Result<NewServiceForm> {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.set(key, value);
	return v.validate(newServiceForm, formFields(data, NEW_SERVICE_CHECKBOXES));
}

describe('the new service form', () => {
	it('upper-cases the code and reads unticked boxes as false', () => {
		const result = posted({
			service_code: ' sidewalk_trip ',
			service_name: 'Sidewalk trip hazard',
			group: 'Streets',
			department: 'Public Works',
			sla_hours: '120',
			after_photo: 'on'
		});
		expect(result).toEqual({
			ok: true,
			value: {
				service_code: 'SIDEWALK_TRIP',
				service_name: 'Sidewalk trip hazard',
				group: 'Streets',
				description: '',
				department: 'Public Works',
				sla_hours: 120,
				after_photo: true,
				time_on_site: false,
				materials: false,
				active: false
			}
		});
	});

	it('lists every problem at once, each in words', () => {
		const result = posted({
			service_code: 'side walk!',
			service_name: '',
			group: 'x',
			department: 'y',
			sla_hours: '0'
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues.map((issue) => `${issue.path}:${issue.code}`)).toEqual([
			'service_code:pattern',
			'service_name:required',
			'sla_hours:range'
		]);
		expect(result.issues[0]?.message).toBe(
			'service_code must be 1 to 32 letters, digits, underscores or dashes (no spaces)'
		);
	});
});

describe.each(testBackends())('creating a service on $name', (backend) => {
	let world: Open311World;

	beforeEach(async () => {
		world = await createWorld(backend);
	});
	afterEach(async () => world.close());

	async function open311Codes(): Promise<string[]> {
		const response = await world.get('services.json');
		expect(response.status).toBe(200);
		const body = (await response.json()) as { service_code: string }[];
		return body.map((service) => service.service_code);
	}

	it('offers an active service over Open311 at once and changes the crews’ catalogue version', async () => {
		const before = await activeCatalogue(world.db());
		const created = await createService(world.db(), sidewalk);
		expect(created).toMatchObject({ ok: true, value: { service_code: 'SIDEWALK_TRIP', active: 1 } });

		expect(await open311Codes()).toContain('SIDEWALK_TRIP');
		const listed = ((await (await world.get('services.json')).json()) as Record<string, unknown>[]).find(
			(service) => service['service_code'] === 'SIDEWALK_TRIP'
		);
		expect(listed).toMatchObject({ service_name: 'Sidewalk trip hazard', group: 'Streets', metadata: false });
		expect((await world.get('services/SIDEWALK_TRIP.json')).status).toBe(200);

		const after = await activeCatalogue(world.db());
		expect(after.version).not.toBe(before.version);
		expect(after.services.at(-1)).toMatchObject({
			code: 'SIDEWALK_TRIP',
			closeRequirements: { afterPhoto: true, timeOnSite: false, materials: true }
		});
		const row = await world.repos.services.get('SIDEWALK_TRIP');
		expect(row).toMatchObject({ sla_hours: 120, department: 'Public Works', type: 'realtime' });
	});

	it('keeps a service added as not offered out of Open311 and out of the crews’ catalogue', async () => {
		const before = await activeCatalogue(world.db());
		expect((await createService(world.db(), { ...sidewalk, active: false })).ok).toBe(true);
		expect(await open311Codes()).not.toContain('SIDEWALK_TRIP');
		expect((await world.get('services/SIDEWALK_TRIP.json')).status).toBe(404);
		expect((await activeCatalogue(world.db())).version).toBe(before.version);
	});

	it('refuses a code already in use, in any case, and changes nothing', async () => {
		const potholeBefore = await world.repos.services.get('POTHOLE');
		for (const code of ['POTHOLE', 'pothole', 'PotHole']) {
			const result = await createService(world.db(), { ...sidewalk, service_code: code.toUpperCase() });
			expect(result).toEqual({
				ok: false,
				issues: [
					{
						path: 'service_code',
						code: 'taken',
						message: 'There is already a service with the code POTHOLE.'
					}
				]
			});
		}
		expect(await world.repos.services.get('POTHOLE')).toEqual(potholeBefore);
		expect((await createService(world.db(), sidewalk)).ok).toBe(true);
		expect((await createService(world.db(), sidewalk)).ok).toBe(false);
	});

	it('two admins adding the same code at once: one service, and the other is told it is taken', async () => {
		const results = await Promise.all([
			createService(world.db(), sidewalk),
			createService(world.db(), sidewalk)
		]);
		expect(results.filter((result) => result.ok)).toHaveLength(1);
		expect(results.find((result) => !result.ok)).toMatchObject({ issues: [{ code: 'taken' }] });
	});
});
