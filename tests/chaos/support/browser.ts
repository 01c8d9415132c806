/** Chromium as the e2e suite runs it (Debian's build), with a profile that outlives a closed context. */
import { chromium, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../chromium';

/** A context on `profileDir`: IndexedDB, the service worker and cookies survive closing it. */
export function persistentContext(profileDir: string): Promise<BrowserContext> {
	return chromium.launchPersistentContext(profileDir, {
		executablePath: CHROMIUM_PATH,
		args: CHROMIUM_ARGS,
		headless: true
	});
}
