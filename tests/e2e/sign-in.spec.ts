import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';
import { SignInPage } from './pages/sign-in-page';

const DEMO_PASSWORD = 'curbside-demo';

test.describe('signing in and out', () => {
	for (const who of [
		{ username: 'dana.crew', role: 'crew', lands: /\/crew$/, heading: 'Today' },
		{
			username: 'rosa.supervisor',
			role: 'supervisor',
			lands: /\/supervisor$/,
			heading: 'Live'
		},
		{ username: 'sam.admin', role: 'admin', lands: /\/admin$/, heading: 'Administration' }
	]) {
		test(`a demo ${who.role} signs in, sees their start page and signs out`, async ({ page }) => {
			const signIn = new SignInPage(page);
			await signIn.open();
			await signIn.signIn(who.username, DEMO_PASSWORD);
			await expect(page).toHaveURL(who.lands);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(who.heading);
			await expectNoAxeViolations(page);
			await signIn.signOut();
			await page.goto(who.lands.source.replace(/[\\$]/g, ''));
			await expect(page).toHaveURL(/\/signin\?next=/);
		});
	}

	test('a wrong password and an unknown user get the same clear message', async ({ page }) => {
		const signIn = new SignInPage(page);
		await signIn.open();
		await signIn.signIn('dana.crew', 'not-the-password');
		await signIn.expectError('Wrong username or password.');
		await expect(page.getByLabel('Username')).toHaveValue('dana.crew');
		await signIn.signIn('nobody.here', 'whatever');
		await signIn.expectError('Wrong username or password.');
		await expectNoAxeViolations(page);
	});

	test('a signed-out visitor is sent to sign in and returned where they were going', async ({ page }) => {
		await page.goto('/supervisor');
		await expect(page).toHaveURL(/\/signin\?next=%2Fsupervisor/);
		await new SignInPage(page).signIn('rosa.supervisor', DEMO_PASSWORD);
		await expect(page).toHaveURL(/\/supervisor$/);
	});

	test('a crew member cannot open the console or admin pages', async ({ page }) => {
		await new SignInPage(page).open();
		await new SignInPage(page).signIn('dana.crew', DEMO_PASSWORD);
		await expect(page).toHaveURL(/\/crew$/);
		const console = await page.goto('/supervisor');
		expect(console?.status()).toBe(403);
		// The refusal says who is signed in, and offers a way to another account (a shared tablet).
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Signed in as Dana Whitfield (crew): your role does not give access to this page.'
		);
		await expectNoAxeViolations(page);
		expect((await page.goto('/admin'))?.status()).toBe(403);
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(/\/signin/);
		expect((await page.request.get('/api/auth/me')).status()).toBe(401);
	});

	test('the session cookie is HttpOnly and SameSite', async ({ page, context }) => {
		await new SignInPage(page).open();
		await new SignInPage(page).signIn('sam.admin', DEMO_PASSWORD);
		await expect(page).toHaveURL(/\/admin$/);
		const cookie = (await context.cookies()).find((c) => c.name === 'curbside_session');
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
		expect(await page.evaluate(() => document.cookie)).not.toContain('curbside_session');
	});
});
