import { expect, type Locator, type Page } from '@playwright/test';

/** The crew's Today page as a crew member uses it: by label and role, not by CSS. */
export class CrewTodayPage {
	constructor(private readonly page: Page) {}

	async expectOpen(): Promise<void> {
		await expect(this.page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
	}

	get orders(): Locator {
		return this.page.getByRole('list', { name: /^Orders/ }).getByRole('link');
	}

	/** The order cards still waiting for the crew ("Assigned"). */
	get assignedOrders(): Locator {
		return this.orders.filter({ hasText: 'Assigned' });
	}

	async orderIdOf(card: Locator): Promise<string> {
		const href = (await card.getAttribute('href')) ?? '';
		return decodeURIComponent(href.split('/').pop() ?? '');
	}

	async showFinished(): Promise<void> {
		await this.page.getByRole('checkbox', { name: /^Show finished orders/ }).check();
	}

	async openReport(): Promise<void> {
		await this.page.getByRole('link', { name: 'Report a problem' }).click();
		await expect(this.page.getByRole('heading', { level: 1, name: 'Report a problem' })).toBeVisible();
	}

	async expectPending(count: number, timeout = 20_000): Promise<void> {
		const text =
			count === 0
				? 'Everything saved here has been sent.'
				: `${count} ${count === 1 ? 'change' : 'changes'} waiting to be sent.`;
		await expect(this.page.getByText(text)).toBeVisible({ timeout });
	}

	/** The number the sync line shows right now (0 when everything is sent). */
	async pendingCount(): Promise<number> {
		const line = this.page.getByText(/changes? waiting to be sent\.|Everything saved here has been sent\./);
		const text = (await line.first().textContent()) ?? '';
		return Number(/(\d+) changes? waiting/.exec(text)?.[1] ?? 0);
	}
}
