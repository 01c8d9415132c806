/**
 * Which layer may import which, enforced by lint rather than by memory.
 * Kept apart from eslint.config.js so tests/server/lint-boundaries.test.ts can check these rules bite.
 */
/** @type {import('eslint').Linter.Config[]} */
export const layerBoundaries = [
	{
		// The domain core is pure: it may import only its own files (no packages, no IO, no other layer).
		files: ['src/lib/domain/*.ts'],
		ignores: ['src/lib/domain/**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ regex: '^(?!\\./)', message: 'src/lib/domain imports only its own files.' }] }
			]
		}
	},
	{
		// One folder down (domain/sync/...), `../x` is still inside the domain; `../../x` is not.
		files: ['src/lib/domain/*/*.ts'],
		ignores: ['src/lib/domain/**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ regex: '^(?!\\./|\\.\\./(?!\\.\\.))', message: 'src/lib/domain imports only its own files.' }
					]
				}
			]
		}
	},
	{
		files: ['src/lib/domain/**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^(?!\\./|\\.\\./(?!\\.\\.)|vitest$)',
							message: 'Domain tests import only vitest and domain files.'
						}
					]
				}
			]
		}
	},
	{
		// Browser code and components must not reach into server internals or the sync worker's insides.
		files: ['src/lib/client/**', 'src/lib/components/**', 'src/routes/**/*.svelte'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server', '$lib/server/*', '**/server/**'],
							message: 'UI code cannot import server code.'
						}
					]
				}
			]
		}
	}
];
