/** Bundles bench/page/entry.ts and the app's client modules it imports into one script for the page. */
import path from 'node:path';
import { build } from 'esbuild';

export async function bundlePageCode(root: string): Promise<string> {
	const result = await build({
		entryPoints: [path.join(root, 'bench/page/entry.ts')],
		bundle: true,
		format: 'iife',
		target: 'es2022',
		write: false,
		alias: { $lib: path.join(root, 'src/lib') },
		logLevel: 'warning'
	});
	const output = result.outputFiles[0];
	if (!output) throw new Error('esbuild wrote nothing');
	return output.text;
}
