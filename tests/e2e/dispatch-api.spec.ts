import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';

test.describe('dispatch API', () => {
	test('a supervisor assigns an order from the unassigned queue to a crew', async ({ page }) => {
		await new SignInPage(page).open();
		await new SignInPage(page).signIn('rosa.supervisor', 'curbside-demo');
		const queue = page.getByRole('table', { name: 'Requests waiting for a crew' });
		const orderId = (await queue.locator('tr[data-order-id]').first().getAttribute('data-order-id')) ?? '';
		expect(orderId).toMatch(/^CS-\d+$/);

		const me = await page.request.post('/api/auth/signin', {
			data: { username: 'dana.crew', password: 'curbside-demo' }
		});
		const crewId = (await me.json()).user.crewId as string;
		// Signing in as the crew member replaced the session: sign the supervisor back in.
		await page.request.post('/api/auth/signin', {
			data: { username: 'rosa.supervisor', password: 'curbside-demo' }
		});

		const assigned = await page.request.post('/api/dispatch/assign', {
			data: { orderIds: [orderId], crewId, priority: 1 }
		});
		expect(assigned.status()).toBe(200);
		expect((await assigned.json()).orders).toEqual([
			expect.objectContaining({ id: orderId, crewId, status: 'assigned', priority: 1 })
		]);

		await page.request.post('/api/auth/signin', {
			data: { username: 'dana.crew', password: 'curbside-demo' }
		});
		// The crew app fills Today from its local store, which its first sync downloads.
		await page.goto('/crew');
		await expect(page.getByRole('link', { name: new RegExp(`\\b${orderId}\\b`) })).toBeVisible({
			timeout: 15_000
		});
	});

	test('a crew member may not dispatch, and bad input is a 400 with details', async ({ request }) => {
		await request.post('/api/auth/signin', { data: { username: 'dana.crew', password: 'curbside-demo' } });
		expect(
			(
				await request.post('/api/dispatch/assign', { data: { orderIds: ['CS-100001'], crewId: null } })
			).status()
		).toBe(403);
		await request.post('/api/auth/signin', {
			data: { username: 'rosa.supervisor', password: 'curbside-demo' }
		});
		const bad = await request.post('/api/dispatch/assign', {
			data: { orderIds: [], crewId: 42, extra: true }
		});
		expect(bad.status()).toBe(400);
		const body = await bad.json();
		expect(body.error).toBe('The assignment is not valid.');
		expect(body.details.length).toBeGreaterThanOrEqual(2);
	});
});
