/**
 * The Chromium every browser run here uses (e2e, chaos, bench): Debian's build where present, since
 * Playwright's own browser download cannot be used on these machines, with the same flags.
 */
import fs from 'node:fs';

export const CHROMIUM_PATH: string | undefined = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
	(path) => fs.existsSync(path)
);

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
