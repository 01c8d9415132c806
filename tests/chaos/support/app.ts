/** Where the chaos tests find the repository and the run's private copy of the built app. */
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** The app copy made by global-setup.ts for this run. */
export function appDir(): string {
	const dir = process.env.CHAOS_APP_DIR;
	if (!dir) throw new Error('CHAOS_APP_DIR is not set: run through npm run chaos (global-setup.ts).');
	return dir;
}
