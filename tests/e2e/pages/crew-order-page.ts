import { expect, type Page } from '@playwright/test';

export interface CloseDetails {
	resolution: string;
	notes: string;
	minutes: string;
	materials: { name: string; quantity: string; unit: string }[];
}

/** The crew's work order page as a crew member uses it: by label and role, not by CSS. */
export class CrewOrderPage {
	constructor(private readonly page: Page) {}

	async expectOpen(orderId: string): Promise<void> {
		await expect(this.page.getByRole('heading', { level: 1, name: `Work order ${orderId}` })).toBeVisible();
	}

	async startWork(): Promise<void> {
		await this.page.getByRole('button', { name: 'Start work' }).click();
		await this.expectSaved('Work started.');
	}

	async addNote(body: string): Promise<void> {
		await this.page.getByLabel('Add a note').fill(body);
		await this.page.getByRole('button', { name: 'Save note' }).click();
		await this.expectSaved('Note saved.');
	}

	async addPhoto(jpeg: Buffer, shows: 'Before the work' | 'After the work' | 'Other'): Promise<void> {
		await this.page.getByLabel('This photo shows').selectOption({ label: shows });
		await this.page
			.getByLabel('Add photo')
			.setInputFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: jpeg });
		await this.expectSaved('Photo saved.');
		await expect(this.page.getByRole('img', { name: `${shows} photo` })).toBeVisible();
	}

	async fillClose(details: CloseDetails): Promise<void> {
		await this.page.getByLabel('Resolution', { exact: true }).selectOption({ label: details.resolution });
		await this.page.getByLabel('Closing notes').fill(details.notes);
		await this.page.getByLabel('Time on site (minutes)').fill(details.minutes);
		for (const [index, material] of details.materials.entries()) {
			if (index > 0) await this.page.getByRole('button', { name: 'Add a material' }).click();
			await this.page.getByLabel(`Material ${index + 1} name`).fill(material.name);
			await this.page.getByLabel('Quantity', { exact: true }).nth(index).fill(material.quantity);
			await this.page.getByLabel('Unit', { exact: true }).nth(index).fill(material.unit);
		}
	}

	async submitClose(): Promise<void> {
		await this.page.getByRole('button', { name: 'Close order' }).click();
	}

	async expectSaved(what: string): Promise<void> {
		const where = (await appSaysOnline(this.page))
			? 'Saved on this device.'
			: 'Saved on this device — will sync.';
		await expect(this.page.getByRole('status').filter({ hasText: `${what} ${where}` })).toBeVisible();
	}

	async expectPending(count: number): Promise<void> {
		const text =
			count === 0 ? 'Everything saved here has been sent.' : `${count} changes waiting to be sent.`;
		await expect(this.page.getByText(text)).toBeVisible({ timeout: 20_000 });
	}
}

/**
 * Whether the app itself believes it can reach the server (the header badge). The app's own word
 * is what its messages follow; navigator.onLine can read true after a navigation in an offline
 * Playwright context, and is true on a dead hotspot anyway.
 */
export async function appSaysOnline(page: Page): Promise<boolean> {
	const badge = page.getByRole('status').filter({ hasText: /^(Online|Offline)$/ });
	return ((await badge.textContent()) ?? '').trim() === 'Online';
}
