/**
 * Notes and descriptions are text everywhere (issue 8): Svelte escapes what it renders, so the
 * only ways to inject HTML are {@html}, innerHTML and friends. Lint forbids the first; this test
 * keeps the rule on and finds the others in the source.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.(svelte|ts|js)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
	});
}

describe('no HTML injection sinks', () => {
	it('lint forbids {@html} in every Svelte file', async () => {
		const config = await new ESLint().calculateConfigForFile('src/routes/+layout.svelte');
		const rule = config.rules?.['svelte/no-at-html-tags'];
		expect(Array.isArray(rule) ? rule[0] : rule).toBe(2);
	});

	it('no source file uses {@html}, innerHTML, outerHTML, insertAdjacentHTML, document.write or other HTML parsers', () => {
		// setHTML is MapLibre's popup sink; the others parse a string as HTML too.
		const sink =
			/\{@html\b|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML\s*\(|document\.write\s*\(|\.setHTML\s*\(|createContextualFragment\s*\(|\bDOMParser\b|\bsrcdoc\b/;
		const found = sourceFiles('src').filter((file) => sink.test(fs.readFileSync(file, 'utf8')));
		expect(found).toEqual([]);
	});
});
