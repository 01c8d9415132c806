import { expect, test, type Browser } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { startCountingProxy, type CountingProxy } from './crew-counting-proxy';
import { CrewReportPage } from './pages/crew-report-page';
import { CrewTodayPage } from './pages/crew-today-page';
import { SignInPage } from './pages/sign-in-page';

/**
 * A crew member made supervisor while work they recorded waits on their tablet: the server no
 * longer takes their sync (S17), so the crew app, which they now cannot use, says what is still on
 * the device and how to get it sent, and nothing is deleted.
 */

const PASSWORD = 'a long enough passphrase';
let proxy: CountingProxy;

test.beforeEach(async ({ baseURL }) => {
	proxy = await startCountingProxy(new URL(baseURL ?? 'http://127.0.0.1:3100'));
});

test.afterEach(async () => {
	await proxy.close();
});

/** An administrator, in their own browser, signed in on the admin's people page. */
async function adminOnPeoplePage(browser: Browser, baseURL: string) {
	const context = await browser.newContext({ baseURL });
	const page = await context.newPage();
	const signIn = new SignInPage(page);
	await signIn.open();
	await signIn.signIn('sam.admin', 'curbside-demo');
	await expect(page).toHaveURL(/\/admin$/);
	await page.goto('/admin/users');
	return { context, page };
}

test('made supervisor with a report unsent: the crew app says it is still on the device and how to send it', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const admin = await adminOnPeoplePage(browser, baseURL ?? '');
	await admin.page.getByLabel('Full name').fill('Lee Promoted');
	await admin.page.getByLabel('Username').fill('lee.promoted');
	await admin.page.getByLabel('Role').selectOption('crew');
	await admin.page.getByLabel('Crew', { exact: true }).selectOption({ index: 1 });
	await admin.page.getByLabel(/^First password/).fill(PASSWORD);
	await admin.page.getByRole('button', { name: 'Add person' }).click();
	await expect(admin.page.getByRole('status')).toHaveText('Lee Promoted (lee.promoted) can now sign in.');

	// Their tablet: signed in, synced once, then out of signal while they report a problem.
	await page.goto(`${proxy.origin}/signin`);
	await new SignInPage(page).signIn('lee.promoted', PASSWORD);
	const today = new CrewTodayPage(page);
	await today.expectOpen();
	await today.expectPending(0);
	// The app's pages must come from the service worker once the server is out of reach.
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 15_000
	});
	proxy.pause();
	await today.openReport();
	const report = new CrewReportPage(page);
	await report.fill({
		latitude: '44.9801',
		longitude: '-93.2702',
		address: 'Hennepin and 5th',
		description: 'Leaning signpost, reported before the promotion.'
	});
	await report.save();
	// "— will sync" or not, depending on whether the app has noticed the dead spot yet.
	await expect(
		page.getByRole('status').filter({ hasText: /^Problem reported\. Saved on this device/ })
	).toBeVisible();

	// Made supervisor meanwhile (which signs them out everywhere).
	const access = admin.page.getByRole('form', { name: /^Change a person's access/ });
	await access.getByLabel('Person').selectOption({ label: 'Lee Promoted (lee.promoted)' });
	await access.getByLabel('Works as').selectOption('supervisor');
	await access.getByRole('button', { name: 'Change access and sign them out' }).click();
	await expect(admin.page.getByRole('status')).toContainText('Lee Promoted');
	await admin.context.close();

	// Back in signal they sign in again, as a supervisor now, and open the crew app.
	proxy.resume();
	await page.goto(`${proxy.origin}/signin`);
	await new SignInPage(page).signIn('lee.promoted', PASSWORD);
	await expect(page).toHaveURL(/\/supervisor$/);
	await page.goto(`${proxy.origin}/crew`);
	await expect(page.getByRole('heading', { level: 1, name: 'This app is for crew members' })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveText(
		'This device still holds 1 change you recorded as a crew member, never sent. They stay here; nothing was deleted. To send them, ask an administrator to give you crew access again, then sign in and open this app with signal.'
	);
	await expectNoAxeViolations(page);
});
