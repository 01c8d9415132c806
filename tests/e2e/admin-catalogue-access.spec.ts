/**
 * Issue 7, administration: an admin adds a service and residents' apps see it over Open311 at
 * once; an admin moves a crew member to another crew and then changes their role, and each change
 * signs the person out so their old cookie carries no old power.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { SignInPage } from './pages/sign-in-page';

const DEMO_PASSWORD = 'curbside-demo';
const PASSWORD = 'a long enough passphrase';
/** Specs share one server per run: names made here must not meet anyone else's. */
const RUN = Date.now().toString(36).toUpperCase();

async function signInAs(page: Page, username: string, password: string, landing: RegExp) {
	const signIn = new SignInPage(page);
	await signIn.open();
	await signIn.signIn(username, password);
	await expect(page).toHaveURL(landing);
}

async function open311ServiceCodes(page: Page): Promise<string[]> {
	const response = await page.request.get('/open311/v2/services.json');
	expect(response.status()).toBe(200);
	return ((await response.json()) as { service_code: string }[]).map((service) => service.service_code);
}

test.describe('administration: services and access', () => {
	test('an admin adds a service and it appears over Open311; one added as not offered does not', async ({
		page
	}) => {
		await signInAs(page, 'sam.admin', DEMO_PASSWORD, /\/admin$/);
		await page.goto('/admin/services');
		const form = page.getByRole('form', { name: 'Add a service' });
		await expect(form).toBeVisible();
		await expectNoAxeViolations(page);

		// A code already in use (here in another case) is refused with a readable reason, next to the form.
		await form.getByLabel(/^Service code/).fill('pothole');
		await form.getByLabel('Name residents see').fill('Another pothole');
		await form.getByLabel('Group').fill('Streets');
		await form.getByLabel('Department').fill('Public Works');
		await form.getByRole('button', { name: 'Add service' }).click();
		await expect(page.getByRole('alert')).toContainText('There is already a service with the code POTHOLE.');
		await expect(form.getByLabel(/^Service code/)).toHaveAttribute('aria-invalid', 'true');
		await expectNoAxeViolations(page);

		const code = `SIGN_${RUN}`.toLowerCase();
		await form.getByLabel(/^Service code/).fill(code);
		await form.getByLabel('Name residents see').fill(`Street sign down ${RUN}`);
		await form.getByLabel('Group').fill('Streets');
		await form.getByLabel('Description (optional)').fill('A street or traffic sign knocked down or missing');
		await form.getByLabel('Department').fill('Public Works');
		await form.getByLabel('Response time (hours)').fill('24');
		await form.getByLabel('An after photo').check();
		await form.getByRole('button', { name: 'Add service' }).click();
		await expect(page.getByRole('status')).toContainText(`Street sign down ${RUN} (SIGN_${RUN}) was added.`);
		await expect(page.getByRole('form', { name: new RegExp(`Street sign down ${RUN}`) })).toBeVisible();

		expect(await open311ServiceCodes(page)).toContain(`SIGN_${RUN}`);
		const definition = await page.request.get(`/open311/v2/services/SIGN_${RUN}.json`);
		expect(definition.status()).toBe(200);

		await form.getByLabel(/^Service code/).fill(`LATER_${RUN}`);
		await form.getByLabel('Name residents see').fill(`Not yet offered ${RUN}`);
		await form.getByLabel('Group').fill('Streets');
		await form.getByLabel('Department').fill('Public Works');
		await form.getByLabel('Offered to residents (Open311)').uncheck();
		await form.getByRole('button', { name: 'Add service' }).click();
		await expect(page.getByRole('status')).toContainText('It is not offered yet');
		expect(await open311ServiceCodes(page)).not.toContain(`LATER_${RUN}`);
	});

	test('an admin moves a crew member to another crew, then makes them a supervisor; each change signs them out', async ({
		page,
		browser
	}) => {
		await signInAs(page, 'sam.admin', DEMO_PASSWORD, /\/admin$/);
		await page.goto('/admin/users');
		const username = `mover.${RUN.toLowerCase()}`;
		await page.getByLabel('Full name').fill(`Morgan Mover ${RUN}`);
		await page.getByLabel('Username').fill(username);
		await page.getByLabel('Role', { exact: true }).selectOption('crew');
		await page.getByLabel('Crew', { exact: true }).selectOption({ label: 'Streets North' });
		await page.getByLabel(/^First password/).fill(PASSWORD);
		await page.getByRole('button', { name: 'Add person' }).click();
		await expect(page.getByRole('status')).toContainText(`(${username}) can now sign in.`);
		const row = page.getByRole('row', { name: new RegExp(`Morgan Mover ${RUN}`) });
		await expect(row).toContainText('Streets North');

		// The crew member is signed in on their tablet.
		const tablet = await browser.newContext();
		const theirPage = await tablet.newPage();
		await signInAs(theirPage, username, PASSWORD, /\/crew$/);
		const crewOf = async () =>
			((await (await theirPage.request.get('/api/auth/me')).json()) as { user: { crewId: string | null } })
				.user.crewId;
		const firstCrew = await crewOf();
		expect(firstCrew).not.toBeNull();

		const access = page.getByRole('form', { name: "Change a person's access: crew, job or department" });
		await access.getByLabel('Person').selectOption({ label: `Morgan Mover ${RUN} (${username})` });
		await expect(access.getByLabel('Works as')).toHaveValue('crew');
		await access.getByLabel('New crew').selectOption({ label: 'Sanitation' });
		await access.getByRole('button', { name: 'Change access and sign them out' }).click();
		await expect(page.getByRole('status')).toHaveText(
			`${username} is now a crew member of Sanitation. They were signed out everywhere and sign in again with the new access.`
		);
		await expect(row).toContainText('Sanitation');
		await expectNoAxeViolations(page);
		expect((await theirPage.request.get('/api/auth/me')).status()).toBe(401);

		// Signed in again, they are on the new crew.
		await signInAs(theirPage, username, PASSWORD, /\/crew$/);
		const secondCrew = await crewOf();
		expect(secondCrew).not.toBeNull();
		expect(secondCrew).not.toBe(firstCrew);

		// A supervisor's role needs no crew; the department field takes its place.
		await access.getByLabel('Person').selectOption({ label: `Morgan Mover ${RUN} (${username})` });
		await access.getByLabel('Works as').selectOption('supervisor');
		await expect(access.getByLabel('New crew')).toHaveCount(0);
		await access.getByLabel(/^Department/).fill('Sanitation');
		await access.getByRole('button', { name: 'Change access and sign them out' }).click();
		await expect(page.getByRole('status')).toContainText(`${username} is now a supervisor of Sanitation.`);
		await expect(row).toContainText('supervisor');
		expect((await theirPage.request.get('/api/auth/me')).status()).toBe(401);
		await signInAs(theirPage, username, PASSWORD, /\/supervisor$/);
		await tablet.close();

		// The admin cannot take away their own admin role: the form says why and nothing changes.
		await access.getByLabel('Person').selectOption({ label: 'Sam Porter (sam.admin)' });
		await access.getByLabel('Works as').selectOption('supervisor');
		await access.getByRole('button', { name: 'Change access and sign them out' }).click();
		await expect(page.getByRole('alert')).toContainText('You cannot remove your own admin role');
		await expect(access.getByLabel('Works as')).toHaveAttribute('aria-invalid', 'true');
		const samRow = page.getByRole('row', { name: /sam\.admin/ });
		await expect(samRow.getByRole('cell', { name: 'admin', exact: true })).toBeVisible();
	});
});
