import { expect, type Page } from '@playwright/test';
import { appSaysOnline } from './crew-order-page';

export interface ReportDetails {
	/** The service's name as the select shows it; the first one when left out. */
	service?: string;
	latitude?: string;
	longitude?: string;
	address: string;
	description: string;
}

/** The crew's "report a problem" page as a crew member uses it: by label and role. */
export class CrewReportPage {
	constructor(private readonly page: Page) {}

	async expectOpen(): Promise<void> {
		await expect(this.page.getByRole('heading', { level: 1, name: 'Report a problem' })).toBeVisible();
	}

	/** Picks the named service, or the first one the device knows; returns its name. */
	async chooseService(name?: string): Promise<string> {
		const select = this.page.getByLabel('Service', { exact: true });
		const label =
			name ?? ((await select.locator('option:not([disabled])').first().textContent()) ?? '').trim();
		await select.selectOption({ label });
		return label;
	}

	async fill(details: ReportDetails): Promise<string> {
		const service = await this.chooseService(details.service);
		if (details.latitude !== undefined) await this.page.getByLabel('Latitude').fill(details.latitude);
		if (details.longitude !== undefined) await this.page.getByLabel('Longitude').fill(details.longitude);
		await this.page.getByLabel('Nearest address or landmark (optional)').fill(details.address);
		await this.page.getByLabel('What is the problem?').fill(details.description);
		return service;
	}

	async useMyLocation(): Promise<void> {
		await this.page.getByRole('button', { name: 'Use my location' }).click();
	}

	async addPhoto(jpeg: Buffer): Promise<void> {
		const before = await this.page.getByRole('img', { name: /^Photo \d+ of the problem$/ }).count();
		await this.page
			.getByLabel('Add photo')
			.setInputFiles({ name: 'found.jpg', mimeType: 'image/jpeg', buffer: jpeg });
		await expect(this.page.getByRole('img', { name: `Photo ${before + 1} of the problem` })).toBeVisible();
	}

	async save(): Promise<void> {
		await this.page.getByRole('button', { name: 'Save report' }).click();
	}

	async expectSaved(): Promise<void> {
		const where = (await appSaysOnline(this.page))
			? 'Saved on this device.'
			: 'Saved on this device — will sync.';
		await expect(
			this.page.getByRole('status').filter({ hasText: `Problem reported. ${where}` })
		).toBeVisible();
	}

	async expectProblem(text: string): Promise<void> {
		await expect(this.page.getByRole('alert')).toHaveText(text);
	}
}
