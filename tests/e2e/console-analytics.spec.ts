import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { SignInPage } from './pages/sign-in-page';

const DEMO_PASSWORD = 'curbside-demo';

test.describe('console analytics', () => {
	test('a supervisor opens analytics, sees the charts and tables, and downloads a CSV', async ({ page }) => {
		const signIn = new SignInPage(page);
		await signIn.open();
		await signIn.signIn('rosa.supervisor', DEMO_PASSWORD);
		await expect(page).toHaveURL(/\/supervisor$/);
		await page.getByRole('link', { name: 'Analytics' }).click();
		await expect(page).toHaveURL(/\/supervisor\/analytics$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('311 analytics');

		// The demo city has requests in the last eight weeks.
		await expect(page.getByTestId('total-filed')).not.toHaveText('0');
		await expect(page.getByRole('img', { name: 'Requests filed and closed per week' })).toBeVisible();
		await expect(page.getByRole('img', { name: /Hours to close by service/ })).toBeVisible();
		await expect(page.getByRole('img', { name: /Hot spots/ })).toBeVisible();
		// The heat layer is drawn on the city map (maplibre, loaded on this page only).
		await expect(page.getByLabel(/Heat map of where requests were filed/)).toBeVisible();
		// The screen-reader alternative of the weekly chart: one row per week, eight or nine weeks.
		const weekly = page.getByRole('table', { name: 'Requests filed and closed per week' });
		expect(await weekly.locator('tbody tr').count()).toBeGreaterThanOrEqual(8);
		await expect(page.getByRole('table', { name: 'Figures by service' })).toBeVisible();
		await expectNoAxeViolations(page);

		const downloading = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Figures by service (CSV)' }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toMatch(
			/^curbside-services-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/
		);
		const csv = fs.readFileSync((await download.path()) as string, 'utf8');
		const lines = csv.trimEnd().split('\r\n');
		expect(lines[0]).toMatch(
			/^service_code,service_name,filed,closed,median_hours_to_close,p90_hours_to_close/
		);
		expect(lines.at(-1)).toMatch(/^ALL,All services,\d+,\d+,/);
	});

	test('a chosen period shows in the form, and a bad one is explained on the page and refused by the API', async ({
		page
	}) => {
		const signIn = new SignInPage(page);
		await signIn.open();
		await signIn.signIn('rosa.supervisor', DEMO_PASSWORD);
		await expect(page).toHaveURL(/\/supervisor$/);

		await page.goto('/supervisor/analytics?from=2026-05-01&to=2026-04-01');
		await expect(page.getByRole('alert')).toContainText('to must be on or after from');
		await expectNoAxeViolations(page);

		const bad = await page.request.get('/api/analytics.csv?kind=weekly&from=2026-02-30');
		expect(bad.status()).toBe(400);
		expect(await bad.json()).toMatchObject({ error: expect.stringContaining('from must be a date') });
		const noKind = await page.request.get('/api/analytics.csv');
		expect(noKind.status()).toBe(400);
		const weekly = await page.request.get('/api/analytics.csv?kind=weekly&from=2026-01-01&to=2026-01-31');
		expect(weekly.status()).toBe(200);
		expect(weekly.headers()['content-type']).toMatch(/^text\/csv/);
		expect(weekly.headers()['content-disposition']).toBe(
			'attachment; filename="curbside-weekly-2026-01-01-to-2026-01-31.csv"'
		);
		const json = await page.request.get('/api/analytics?from=2026-01-01&to=2026-01-31');
		expect(await json.json()).toMatchObject({ period: { from: '2026-01-01', to: '2026-01-31' } });
	});

	test('a crew member is refused analytics', async ({ page }) => {
		const signIn = new SignInPage(page);
		await signIn.open();
		await signIn.signIn('dana.crew', DEMO_PASSWORD);
		await expect(page).toHaveURL(/\/crew$/);
		const refused = await page.request.get('/api/analytics.csv?kind=weekly');
		expect(refused.status()).toBe(403);
		expect(await refused.json()).toHaveProperty('error');
	});
});
