/**
 * A crew device for the chaos runs: the real client stack (Dexie over fake-indexeddb, actions,
 * the sync engine, the browser's http transport) signed in to a real server process through the
 * chaos proxy with a real session cookie.
 */
import { SimulatedDevice } from '../../sync/support/client';
import { Random } from '../../sync/support/random';

const BASE = 'http://curbside.test';

/** Signs in over HTTP and returns the session cookie (name=value). */
export async function signIn(origin: string, username: string, password = 'curbside-demo'): Promise<string> {
	const response = await fetch(`${origin}/api/auth/signin`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin },
		body: JSON.stringify({ username, password })
	});
	if (!response.ok) throw new Error(`sign-in as ${username} answered ${response.status}`);
	const cookie = response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0])
		.find(Boolean);
	if (!cookie) throw new Error('sign-in set no cookie');
	return cookie;
}

/** fetch as the app makes it, aimed at `origin` (the proxy), carrying the session cookie. */
export function sessionFetch(origin: string, cookie: string): typeof fetch {
	return (input, init) => {
		const url = String(input instanceof Request ? input.url : input).replace(BASE, origin);
		const headers = new Headers(init?.headers);
		headers.set('cookie', cookie);
		headers.set('origin', origin);
		return fetch(url, { ...init, headers });
	};
}

export function crewDevice(name: string, seed: number, fetchAs: typeof fetch): SimulatedDevice {
	return new SimulatedDevice({
		name,
		random: new Random(seed),
		fetch: fetchAs,
		now: () => new Date(),
		// The app's own piece size: a cut upload resumes from the last whole piece.
		chunkBytes: 256 * 1024,
		pullLimit: 500
	});
}

/** Syncs until nothing is pending, riding out the failures the chaos causes; returns the attempts. */
export async function syncUntilSettled(device: SimulatedDevice, deadlineMs = 120_000): Promise<number> {
	const deadline = Date.now() + deadlineMs;
	for (let attempt = 1; ; attempt++) {
		const result = await device.engine.sync();
		if (result.ok && result.pending === 0) return attempt;
		if (Date.now() > deadline)
			throw new Error(`still not settled after ${attempt} syncs: ${JSON.stringify(result)}`);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}
