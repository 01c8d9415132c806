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
	/**
	 * Answers to requests this picks out trickle at about 2.5 KB/s (256 bytes every 100 ms), so a
	 * download can be watched and cancelled half way; null (the default) passes everything at once.
	 */
	trickle: ((method: string, path: string) => boolean) | null;
	close(): Promise<void>;
}

/** Sends `answer` on in 256-byte pieces every 100 ms; stops when the client goes away. */
function trickleAnswer(answer: http.IncomingMessage, outgoing: http.ServerResponse): void {
	const queue: Buffer[] = [];
	let ended = false;
	answer.on('data', (chunk: Buffer) => {
		for (let at = 0; at < chunk.length; at += 256) queue.push(chunk.subarray(at, at + 256));
	});
	answer.on('end', () => (ended = true));
	const timer = setInterval(() => {
		const piece = queue.shift();
		if (piece) outgoing.write(piece);
		else if (ended) {
			clearInterval(timer);
			outgoing.end();
		}
	}, 100);
	// The app cancelled: stop trickling.
	outgoing.on('close', () => {
		clearInterval(timer);
		answer.destroy();
	});
}

export async function startCountingProxy(upstream: URL): Promise<CountingProxy> {
	const requests: string[] = [];
	let paused = false;
	const server = http.createServer((incoming, outgoing) => {
		requests.push(`${incoming.method} ${incoming.url}`);
		const slow = proxy.trickle?.(incoming.method ?? '', incoming.url ?? '') ?? false;
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
				if (slow) trickleAnswer(answer, outgoing);
				else answer.pipe(outgoing);
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
	const proxy: CountingProxy = {
		origin: `http://127.0.0.1:${port}`,
		requests,
		trickle: null,
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
	return proxy;
}
