/** Auto-assign rules: new requests of a service, optionally inside an area, go straight to a crew. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAutoAssignRule } from '../../src/lib/server/open311/auto-assign-admin';
import { createWorld, NOW, type Open311World } from '../open311/harness';
import { testBackends } from './backends';

const DOWNTOWN = { west: -85.64, south: 41.94, east: -85.62, north: 41.95 };

for (const backend of testBackends()) {
	describe(`Open311 auto-assign (${backend.name})`, () => {
		let world: Open311World;
		beforeEach(async () => {
			world = await createWorld(backend);
			await world.repos.crews.insert({
				id: 'crew-south',
				name: 'Streets South',
				department: 'Public Works',
				color: '#16b',
				active: 1,
				created_at: NOW.toISOString()
			});
		});
		afterEach(async () => world.close());

		const file = async (lat: string, long: string, service = 'POTHOLE') => {
			const response = await world.postForm('requests.json', {
				api_key: world.apiKey,
				service_code: service,
				'attribute[SIZE]': 'small',
				lat,
				long
			});
			const id = (await response.json())[0].service_request_id as string;
			return world.repos.workOrders.get(id);
		};

		it('assigns by area first, then by service, and leaves other services in the queue', async () => {
			const at = NOW.toISOString();
			await world.repos.autoAssignRules.insert({
				id: 'all',
				service_code: 'POTHOLE',
				west: null,
				south: null,
				east: null,
				north: null,
				crew_id: 'crew-south',
				created_at: at
			});
			await world.repos.autoAssignRules.insert({
				id: 'downtown',
				service_code: 'POTHOLE',
				...DOWNTOWN,
				crew_id: 'crew-north',
				created_at: at
			});
			expect(await file('41.9436', '-85.6325')).toMatchObject({
				crew_id: 'crew-north',
				field_status: 'assigned',
				assigned_at: at
			});
			expect(await file('41.9300', '-85.6500')).toMatchObject({
				crew_id: 'crew-south',
				field_status: 'assigned'
			});
			expect(await file('41.9436', '-85.6325', 'ABANDONED_VEHICLE')).toMatchObject({
				crew_id: null,
				field_status: 'new'
			});
			const history = await world.repos.history.listForOrder('CS-000001');
			expect(history.map((entry) => entry.action)).toEqual(['created', 'assigned']);
			expect(JSON.parse(history[1]?.detail ?? '{}')).toEqual({ autoAssignRuleId: 'downtown' });
		});

		it('skips a rule whose crew is no longer active', async () => {
			await world.db().updateTable('crews').set({ active: 0 }).where('id', '=', 'crew-north').execute();
			await world.repos.autoAssignRules.insert({
				id: 'r',
				service_code: 'POTHOLE',
				west: null,
				south: null,
				east: null,
				north: null,
				crew_id: 'crew-north',
				created_at: NOW.toISOString()
			});
			expect(await file('41.9436', '-85.6325')).toMatchObject({ crew_id: null, field_status: 'new' });
		});
		it('an admin adds rules by crew name and area, and bad input is refused with a reason', async () => {
			const added = await addAutoAssignRule(
				world.repos,
				{ serviceCode: 'pothole', crew: 'streets south', area: '-85.64, 41.94, -85.62, 41.95' },
				NOW
			);
			expect(added).toMatchObject({
				ok: true,
				rule: { service_code: 'POTHOLE', crew_id: 'crew-south', west: -85.64 }
			});
			expect(await file('41.9436', '-85.6325')).toMatchObject({
				crew_id: 'crew-south',
				field_status: 'assigned'
			});
			const refusals = await Promise.all([
				addAutoAssignRule(world.repos, { serviceCode: 'NOPE', crew: 'Streets South' }, NOW),
				addAutoAssignRule(world.repos, { serviceCode: 'POTHOLE', crew: 'Nobody' }, NOW),
				addAutoAssignRule(world.repos, { serviceCode: 'POTHOLE', crew: 'crew-south', area: '1,2,3' }, NOW),
				addAutoAssignRule(
					world.repos,
					{ serviceCode: 'POTHOLE', crew: 'crew-south', area: '-85.6,41.95,-85.7,41.94' },
					NOW
				),
				addAutoAssignRule(world.repos, { serviceCode: 'POTHOLE', crew: 'crew-south', sortOrder: -1 }, NOW)
			]);
			expect(refusals.map((result) => result.ok)).toEqual([false, false, false, false, false]);
			expect(await world.repos.autoAssignRules.list()).toHaveLength(1);
		});
	});
}
