import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through HTTP proxy in front of the test server that records every request it forwards.
 * The browser talks to the app through it, so "nothing reached the server" can be checked at the
 * one place every request must cross, including the service worker's own fetches (which
 * Playwright's request routing does not see).
 */
export interface CountingProxy {
	/** The origin the browser should use, e.g. http://127.0.0.1:41234. */
	origin: string;
	/** Method and path of every request forwarded since the last reset. */
	requests: string[];
	reset(): void;
	/**
	 * The server goes away, as far as the browser can tell: open connections are cut and new ones
	 * are closed as soon as they are made, so every request fails at the network level.
	 */
	pause(): void;
	/** The server is back. */
	resume(): void;
	close(): Promise<void>;
}

export async function startCountingProxy(upstream: URL): Promise<CountingProxy> {
	const requests: string[] = [];
	let paused = false;
	const server = http.createServer((incoming, outgoing) => {
		requests.push(`${incoming.method} ${incoming.url}`);
		const forwarded = http.request(
			{
				host: upstream.hostname,
				port: upstream.port,
				method: incoming.method,
				path: incoming.url,
				// Host stays the proxy's own, so the app's origin check sees the origin the browser uses.
				headers: incoming.headers
			},
			(answer) => {
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			}
		);
		forwarded.on('error', () => outgoing.destroy());
		incoming.pipe(forwarded);
	});
	server.on('connection', (socket) => {
		if (paused) socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		requests,
		reset: () => {
			requests.length = 0;
		},
		pause: () => {
			paused = true;
			server.closeAllConnections();
		},
		resume: () => {
			paused = false;
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
