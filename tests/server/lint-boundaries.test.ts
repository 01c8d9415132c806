/** The layer boundaries are enforced by ESLint; these cases prove the rules bite. */
import { ESLint } from 'eslint';
import ts from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layerBoundaries } from '../../eslint.boundaries.js';

// Only the boundary rules, with a parser that needs no type information, so probe files need not exist.
const eslint = new ESLint({
	cwd: process.cwd(),
	overrideConfigFile: true,
	overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: ts.parser } }, ...layerBoundaries]
});

async function restrictedImportErrors(code: string, filePath: string): Promise<number> {
	const [result] = await eslint.lintText(code, { filePath });
	const fatal = result?.messages.find((message) => message.fatal);
	if (fatal) throw new Error(fatal.message);
	return result?.messages.filter((message) => message.ruleId === 'no-restricted-imports').length ?? 0;
}

describe('layer boundaries', () => {
	it('lets the domain core import its own files', async () => {
		expect(
			await restrictedImportErrors(
				"export { canTransition } from './lifecycle';\n",
				'src/lib/domain/probe.ts'
			)
		).toBe(0);
	});

	it('lets a domain subfolder import the rest of the domain, but nothing beyond it', async () => {
		expect(
			await restrictedImportErrors(
				"export { canTransition } from '../lifecycle';\n",
				'src/lib/domain/sync/probe.ts'
			)
		).toBe(0);
		expect(
			await restrictedImportErrors(
				"export { x } from '../../server/context';\n",
				'src/lib/domain/sync/probe.ts'
			)
		).toBe(1);
		expect(await restrictedImportErrors("export { x } from 'dexie';\n", 'src/lib/domain/sync/probe.ts')).toBe(
			1
		);
	});

	it('lets domain tests import vitest', async () => {
		expect(
			await restrictedImportErrors(
				"import { it } from 'vitest';\nit('x', () => {});\n",
				'src/lib/domain/probe.test.ts'
			)
		).toBe(0);
	});

	it.each([
		["import type { Kysely } from 'kysely';", 'a package'],
		["import { openDatabase } from '$lib/server/db/connect';", 'server code'],
		["import x from '../server/context';", 'a sibling layer by relative path'],
		["import fs from 'node:fs';", 'Node built-ins']
	])('refuses a domain import of %s (%s)', async (line) => {
		expect(
			await restrictedImportErrors(`${line}\nexport const probe = 1;\n`, 'src/lib/domain/probe.ts')
		).toBe(1);
	});

	it('refuses server imports from browser code', async () => {
		const code =
			"import { serverContext } from '$lib/server/context';\nexport const probe = serverContext;\n";
		expect(await restrictedImportErrors(code, 'src/lib/client/probe.ts')).toBe(1);
	});
});
