/** FixMyStreet's servicerequestupdates: posting updates safely, and reading what happened. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, NOW, type Open311World } from '../open311/harness';
import { testBackends } from './backends';

for (const backend of testBackends()) {
	describe(`Open311 service request updates (${backend.name})`, () => {
		let world: Open311World;
		let requestId: string;
		beforeEach(async () => {
			world = await createWorld(backend);
			const response = await world.postForm('requests.json', {
				api_key: world.apiKey,
				service_code: 'POTHOLE',
				'attribute[SIZE]': 'medium',
				lat: '41.9436',
				long: '-85.6325'
			});
			requestId = (await response.json())[0].service_request_id;
		});
		afterEach(async () => world.close());

		const update = (extra: Record<string, string> = {}) => ({
			api_key: world.apiKey,
			service_request_id: requestId,
			update_id: 'fms-1',
			status: 'FIXED',
			updated_datetime: '2026-11-02T15:00:00+00:00',
			description: 'Fixed by the contractor',
			...extra
		});

		it('closes a request with an extended status, and refuses the same update_id again', async () => {
			world.setNow(new Date(NOW.getTime() + 3_600_000));
			const first = await world.postForm('servicerequestupdates.json', update());
			expect(first.status).toBe(200);
			expect(await first.json()).toEqual([{ update_id: 'fms-1' }]);
			const repeat = await world.postForm('servicerequestupdates.json', update({ status: 'REOPEN' }));
			expect(repeat.status).toBe(400);
			expect((await repeat.json())[0].description).toContain('already exists');
			const order = await world.repos.workOrders.get(requestId);
			expect(order).toMatchObject({ field_status: 'closed', resolution_code: 'fixed' });
			const history = await world.repos.history.listForOrder(requestId);
			expect(history.filter((entry) => entry.action === 'closed')).toHaveLength(1);
			const [shown] = await (await world.get(`requests/${requestId}.json`)).json();
			expect(shown).toMatchObject({ status: 'closed', status_notes: 'Fixed by the contractor' });
		});

		it('lists updates with the sender’s update_id and lowercase extended statuses', async () => {
			world.setNow(new Date(NOW.getTime() + 3_600_000));
			await world.postForm('servicerequestupdates.json', update());
			const updates = await (
				await world.get(
					'servicerequestupdates.json?start_date=2026-11-01T00:00:00Z&end_date=2026-11-03T00:00:00Z'
				)
			).json();
			expect(updates).toEqual([
				{
					update_id: 'fms-1',
					service_request_id: requestId,
					status: 'fixed',
					updated_datetime: '2026-11-02T10:00:00-05:00',
					description: 'Fixed by the contractor',
					media_url: null
				}
			]);
		});

		it('records a comment on an open request as a public note without changing its status', async () => {
			const response = await world.postForm(
				'servicerequestupdates.xml',
				update({ status: 'OPEN', description: 'Still there this morning' })
			);
			expect(response.status).toBe(200);
			expect(await response.text()).toContain(
				'<service_request_updates><request_update><update_id>fms-1</update_id>'
			);
			expect((await world.repos.workOrders.get(requestId))?.field_status).toBe('new');
			const [shown] = await (await world.get(`requests/${requestId}.json?extensions=true`)).json();
			expect(shown.notes.map((note: { type: string }) => note.type)).toEqual(['opened', 'note']);
			expect(shown.status_notes).toBe('Still there this morning');
		});

		it('refuses an impossible move and an unknown request, storing nothing', async () => {
			await world.postForm('servicerequestupdates.json', update({ update_id: 'a', status: 'CANCELLED' }));
			const refused = await world.postForm(
				'servicerequestupdates.json',
				update({ update_id: 'b', status: 'FIXED' })
			);
			expect(refused.status).toBe(400);
			expect((await refused.json())[0].description).toContain('reopen it first');
			expect(await world.repos.open311Updates.get('b')).toBeUndefined();
			const unknown = await world.postForm(
				'servicerequestupdates.json',
				update({ update_id: 'c', service_request_id: 'CS-999999' })
			);
			expect(unknown.status).toBe(404);
		});

		it('validates the update fields together', async () => {
			const response = await world.postForm('servicerequestupdates.json', {
				api_key: world.apiKey,
				service_request_id: requestId,
				status: 'MAYBE',
				updated_datetime: 'yesterday'
			});
			expect(response.status).toBe(400);
			const errors = await response.json();
			expect(errors.length).toBe(3);
			expect(errors.every((error: { code: number }) => error.code === 400)).toBe(true);
		});
	});
}
