/** Chromium as the e2e suite runs it (Debian's build), with a profile that outlives a closed context. */
import { chromium, type BrowserContext } from '@playwright/test';

const ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** A context on `profileDir`: IndexedDB, the service worker and cookies survive closing it. */
export function persistentContext(profileDir: string): Promise<BrowserContext> {
	return chromium.launchPersistentContext(profileDir, {
		executablePath: '/usr/bin/chromium',
		args: ARGS,
		headless: true
	});
}
