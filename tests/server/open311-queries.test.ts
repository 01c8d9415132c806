/** GET requests: filters, the 90-day window, default limits, paging and extensions. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderRow } from './fixtures';
import { createWorld, NOW, type Open311World } from '../open311/harness';
import { testBackends } from './backends';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY).toISOString();
const system = { at: NOW.toISOString(), actorUserId: null, actorKind: 'system' as const, action: 'created' };

for (const backend of testBackends()) {
	describe(`Open311 GET requests (${backend.name})`, () => {
		let world: Open311World;
		beforeEach(async () => {
			world = await createWorld(backend);
			const orders = [
				orderRow('CS-000001', { requested_at: daysAgo(1), updated_at: daysAgo(1) }),
				orderRow('CS-000002', {
					requested_at: daysAgo(2),
					updated_at: daysAgo(1),
					field_status: 'closed',
					resolution_code: 'fixed',
					closed_at: daysAgo(1),
					status_notes: 'Patched.'
				}),
				orderRow('CS-000003', { requested_at: daysAgo(3), updated_at: daysAgo(3), service_code: 'GRAFFITI' }),
				orderRow('CS-000004', { requested_at: daysAgo(120), updated_at: daysAgo(120) })
			];
			for (const order of orders) await world.repos.workOrders.insert(order, system);
		});
		afterEach(async () => world.close());

		const ids = async (query: string) =>
			((await (await world.get(`requests.json${query}`)).json()) as { service_request_id: string }[]).map(
				(request) => request.service_request_id
			);

		it('defaults to the last 90 days, newest first', async () => {
			expect(await ids('')).toEqual(['CS-000001', 'CS-000002', 'CS-000003']);
		});

		it('filters by status, service_code and date window', async () => {
			expect(await ids('?status=closed')).toEqual(['CS-000002']);
			expect(await ids('?status=open')).toEqual(['CS-000001', 'CS-000003']);
			expect(await ids('?status=open,closed&service_code=GRAFFITI,SIGN')).toEqual(['CS-000003']);
			const start = encodeURIComponent(daysAgo(150));
			expect(await ids(`?start_date=${start}&end_date=${encodeURIComponent(daysAgo(100))}`)).toEqual([
				'CS-000004'
			]);
		});

		it('accepts an unencoded + in a date offset', async () => {
			expect(await ids('?start_date=2026-10-01T00:00:00+00:00&end_date=2026-11-01T00:00:00+00:00')).toEqual([
				'CS-000002',
				'CS-000003'
			]);
		});

		it('lets service_request_id override every other filter', async () => {
			expect(await ids('?service_request_id=CS-000004,CS-000003&status=closed')).toEqual([
				'CS-000003',
				'CS-000004'
			]);
		});

		it('pages with page and page_size', async () => {
			expect(await ids('?page_size=2')).toEqual(['CS-000001', 'CS-000002']);
			expect(await ids('?page_size=2&page=2')).toEqual(['CS-000003']);
			expect(await ids('?page_size=2&page=3')).toEqual([]);
		});

		it('refuses a window over 90 days, bad dates and bad paging, all at once', async () => {
			const response = await world.get(
				'requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z&page=0&status=maybe'
			);
			expect(response.status).toBe(400);
			expect((await response.json()).length).toBe(3);
			const noZone = await world.get('requests.xml?start_date=2026-01-01T00:00:00');
			expect(noZone.status).toBe(400);
			expect(await noZone.text()).toContain('<errors><error><code>400</code>');
		});

		it('shows a closed order as closed with its status notes, and extended details on request', async () => {
			const [plain] = await (await world.get('requests/CS-000002.json')).json();
			expect(plain).toMatchObject({ status: 'closed', status_notes: 'Patched.', media_url: null });
			expect(plain.notes).toBeUndefined();
			const [extended] = await (await world.get('requests/CS-000002.json?extensions=true')).json();
			expect(extended.extended_attributes).toMatchObject({ extended_status: 'fixed', priority: 'normal' });
			expect(extended.attributes).toEqual([]);
			expect(extended.notes).toEqual([
				{ datetime: '2026-11-02T09:00:00-05:00', description: 'The request was received.', type: 'opened' }
			]);
		});

		it('answers 404 for an unknown request, and for another jurisdiction', async () => {
			const missing = await world.get('requests/CS-999999.json');
			expect(missing.status).toBe(404);
			expect(await missing.json()).toEqual([
				{ code: 404, description: 'There is no service request CS-999999.' }
			]);
			expect((await world.get('requests.json?jurisdiction_id=elsewhere.gov')).status).toBe(404);
			expect((await world.get('requests.json?jurisdiction_id=threeriversmi.org')).status).toBe(200);
		});
	});
}
