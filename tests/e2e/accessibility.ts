import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
	id: string;
	help: string;
	nodes: { target: unknown }[];
}

/**
 * Runs axe-core in the page and fails on any violation, listing them readably. The script is
 * evaluated through DevTools, not as a <script> tag, so the page's CSP stays as strict as in production.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	await page.evaluate(axeSource);
	const violations = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
		const result = await axe.run();
		return result.violations.map(
			(violation) =>
				`${violation.id}: ${violation.help} at ${JSON.stringify(violation.nodes.map((node) => node.target))}`
		);
	});
	expect(violations).toEqual([]);
}
