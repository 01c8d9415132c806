/**
 * Once per chaos run (vitest and Playwright alike): the private copy of the built app, made before
 * any test's clock starts, since it may wait for the shared build lock.
 */
import { copyBuiltApp } from './app';

export default function setup(): () => void {
	if (process.env.CHAOS_APP_DIR) return () => {};
	const app = copyBuiltApp();
	process.env.CHAOS_APP_DIR = app.dir;
	return () => app.remove();
}
