/**
 * Once per chaos run (vitest and Playwright alike): the private copy of the built app, made before
 * any test's clock starts, since it may wait for the shared build lock. A server killed and
 * restarted from the copy comes back as the same code even if build/ is rebuilt meanwhile.
 */
import { copyBuiltApp } from '../../../scripts/copy-built-app.js';

export default function setup(): () => void {
	if (process.env.CHAOS_APP_DIR) return () => {};
	const app = copyBuiltApp({
		prefix: 'curbside-chaos-app-',
		// CHAOS_HOLDS_LOCK: the caller already holds the shared lock (`flock ... npm run chaos`).
		holdsLock: Boolean(process.env.CHAOS_HOLDS_LOCK)
	});
	process.env.CHAOS_APP_DIR = app.dir;
	return () => app.remove();
}
