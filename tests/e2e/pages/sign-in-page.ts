import { expect, type Page } from '@playwright/test';

/** The sign-in page as a person uses it: by label, not by CSS selector. */
export class SignInPage {
	constructor(private readonly page: Page) {}

	async open(): Promise<void> {
		await this.page.goto('/signin');
	}

	async signIn(username: string, password: string): Promise<void> {
		await this.page.getByLabel('Username').fill(username);
		await this.page.getByLabel('Password').fill(password);
		await this.page.getByRole('button', { name: 'Sign in' }).click();
	}

	async expectError(text: string): Promise<void> {
		await expect(this.page.getByRole('alert')).toHaveText(text);
	}

	async signOut(): Promise<void> {
		await this.page.getByRole('button', { name: 'Sign out' }).click();
		await expect(this.page).toHaveURL(/\/signin\?signedout/);
	}
}
