import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { SignInPage } from './pages/sign-in-page';

const DEMO_PASSWORD = 'curbside-demo';

async function signInAsAdmin(page: Page) {
	const signIn = new SignInPage(page);
	await signIn.open();
	await signIn.signIn('sam.admin', DEMO_PASSWORD);
	await expect(page).toHaveURL(/\/admin$/);
}

test.describe('administration', () => {
	test('an admin creates a crew and a person in it, edits a service SLA, and disables the person', async ({
		page,
		browser
	}) => {
		await signInAsAdmin(page);
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: 'Crews', exact: true }).first().click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Crews');
		await expectNoAxeViolations(page);
		await page.getByLabel('Name', { exact: true }).first().fill('Night Patrol');
		await page.getByLabel('Department').first().fill('Public Works');
		await page.getByRole('button', { name: 'Add crew' }).click();
		await expect(page.getByRole('status')).toHaveText('Night Patrol was created.');
		await expect(page.getByRole('heading', { name: /Night Patrol/ })).toBeVisible();
		// The same name again is refused with a readable reason.
		await page.getByLabel('Name', { exact: true }).first().fill('night patrol');
		await page.getByLabel('Department').first().fill('Public Works');
		await page.getByRole('button', { name: 'Add crew' }).click();
		await expect(page.getByRole('alert')).toContainText('There is already a crew called Night Patrol.');

		await page.goto('/admin/users');
		await expectNoAxeViolations(page);
		await page.getByLabel('Full name').fill('Nia Night');
		await page.getByLabel('Username').fill('nia.night');
		await page.getByLabel('Role').selectOption('crew');
		await page.getByLabel('Crew', { exact: true }).selectOption({ label: 'Night Patrol' });
		await page.getByLabel(/^First password/).fill('a long enough passphrase');
		await page.getByRole('button', { name: 'Add person' }).click();
		await expect(page.getByRole('status')).toHaveText('Nia Night (nia.night) can now sign in.');
		const row = page.getByRole('row', { name: /Nia Night/ });
		await expect(row).toContainText('Night Patrol');

		// The new person signs in elsewhere; disabling them ends that session at once.
		const other = await browser.newContext();
		const theirPage = await other.newPage();
		const theirSignIn = new SignInPage(theirPage);
		await theirSignIn.open();
		await theirSignIn.signIn('nia.night', 'a long enough passphrase');
		await expect(theirPage).toHaveURL(/\/crew$/);
		expect((await theirPage.request.get('/api/auth/me')).status()).toBe(200);
		await row.getByRole('button', { name: 'Disable nia.night' }).click();
		await expect(page.getByRole('status')).toContainText('The account is disabled');
		expect((await theirPage.request.get('/api/auth/me')).status()).toBe(401);
		await other.close();

		await page.goto('/admin/services');
		await expectNoAxeViolations(page);
		const pothole = page.getByRole('form', { name: /Pothole/ });
		await pothole.getByLabel('Response time (hours)').fill('96');
		await pothole.getByLabel('Materials used').uncheck();
		await pothole.getByRole('button', { name: 'Save Pothole' }).click();
		await expect(page.getByRole('status')).toContainText('Pothole was saved.');
		await page.reload();
		await expect(pothole.getByLabel('Response time (hours)')).toHaveValue('96');
		await expect(pothole.getByLabel('Materials used')).not.toBeChecked();
		await expect(pothole.getByLabel('An after photo')).toBeChecked();
	});

	test('a form sent twice without a reload keeps its values right: a new crew form starts over, a crew’s form shows what was saved', async ({
		page
	}) => {
		await signInAsAdmin(page);
		await page.goto('/admin/crews');
		const create = page.getByRole('form', { name: 'Add a crew' });
		for (const name of ['Bridge Crew A', 'Bridge Crew B']) {
			await create.getByLabel('Name').fill(name);
			await create.getByLabel('Department').fill('Bridges');
			await create.getByRole('button', { name: 'Add crew' }).click();
			await expect(page.getByRole('status')).toHaveText(`${name} was created.`);
			// Sent, the form starts over: empty fields, the colour back to its default.
			await expect(create.getByLabel('Name')).toHaveValue('');
			await expect(create.getByLabel('Department')).toHaveValue('');
			await expect(create.getByLabel('Map colour')).toHaveValue('#1b6e3c');
		}

		// A crew's own form, saved twice: each time its fields show what was saved, not blanks.
		const crew = page.getByRole('form', { name: /Bridge Crew A/ });
		await crew.getByLabel('Department').fill('Bridges and Tunnels');
		await crew.getByRole('button', { name: 'Save Bridge Crew A' }).click();
		await expect(page.getByRole('status')).toContainText('Bridge Crew A was saved.');
		await expect(crew.getByLabel('Name')).toHaveValue('Bridge Crew A');
		await expect(crew.getByLabel('Department')).toHaveValue('Bridges and Tunnels');
		await expect(crew.getByLabel('Map colour')).toHaveValue('#1b6e3c');
		await expect(crew.getByLabel('Active')).toBeChecked();

		await crew.getByLabel('Name').fill('Bridge Crew Alpha');
		await crew.getByRole('button', { name: 'Save Bridge Crew A' }).click();
		const renamed = page.getByRole('form', { name: /Bridge Crew Alpha/ });
		await expect(renamed.getByLabel('Name')).toHaveValue('Bridge Crew Alpha');
		await expect(renamed.getByLabel('Department')).toHaveValue('Bridges and Tunnels');
		await expect(renamed.getByLabel('Active')).toBeChecked();

		// A service's form, saved twice: each save leaves every field and box as it was sent.
		await page.goto('/admin/services');
		const graffiti = page.getByRole('form', { name: /^Graffiti/ });
		const offered = graffiti.getByLabel('Offered to residents (Open311)');
		const sla = graffiti.getByLabel('Response time (hours)');
		const save = async () => {
			// The page's data is fetched again after the save (and after any reset of the form).
			const reloaded = page.waitForResponse((response) =>
				response.url().includes('/admin/services/__data.json')
			);
			await graffiti.getByRole('button', { name: 'Save Graffiti' }).click();
			await reloaded;
			await expect(page.getByRole('status')).toContainText('Graffiti was saved.');
		};
		await expect(offered).toBeChecked();
		await sla.fill('60');
		await save();
		await expect(offered).toBeChecked();
		await expect(sla).toHaveValue('60');
		await offered.uncheck();
		await save();
		await expect(offered).not.toBeChecked();
		await expect(sla).toHaveValue('60');
		await page.reload();
		await expect(offered).not.toBeChecked();
		await expect(sla).toHaveValue('60');

		await page.goto('/admin/crews');
		await expect(renamed.getByLabel('Name')).toHaveValue('Bridge Crew Alpha');
		await expect(renamed.getByLabel('Department')).toHaveValue('Bridges and Tunnels');
		await expect(renamed.getByLabel('Map colour')).toHaveValue('#1b6e3c');
		await expect(page.getByRole('form', { name: /Bridge Crew B/ }).getByLabel('Department')).toHaveValue(
			'Bridges'
		);
	});

	test('the API keys page still works from the admin area', async ({ page }) => {
		await signInAsAdmin(page);
		await page.getByRole('link', { name: 'Open311 API keys' }).first().click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open311 API keys');
		await expectNoAxeViolations(page);
	});

	test('a supervisor cannot reach the admin pages', async ({ page }) => {
		const signIn = new SignInPage(page);
		await signIn.open();
		await signIn.signIn('rosa.supervisor', DEMO_PASSWORD);
		await expect(page).toHaveURL(/\/supervisor$/);
		for (const path of ['/admin/users', '/admin/crews', '/admin/services']) {
			const response = await page.request.get(path);
			expect(response.status()).toBe(403);
		}
	});
});
