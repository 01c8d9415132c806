/**
 * A loopback HTTP proxy between the device and one or more server processes. It forwards each
 * request to the next upstream in turn (round robin) and can carry out one planned fault at a
 * time, at an exact point of an exchange:
 * - `cut-body`: forward only the first bytes of the request body, then run the fault's action
 *   (kill -9 the server) and drop the device's connection: the server dies mid-upload;
 * - `lose-response`: let the server answer in full (it has committed), run the action, and drop
 *   the device's connection without passing the answer on: the device never hears.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultKind = 'cut-body' | 'lose-response';

export interface PlannedFault {
	kind: FaultKind;
	/** Which request to strike: the first one this returns true for. */
	match(method: string, url: string, headers: http.IncomingHttpHeaders): boolean;
	/** For cut-body: how many body bytes reach the server before the cut. */
	afterBytes?: number;
	/** What happens at the fault (kill -9 the server). */
	action(): Promise<void>;
}

export interface ForwardedRequest {
	method: string;
	url: string;
	/** Upload-Offset of a photo piece, else null. */
	offset: number | null;
	upstream: number;
	status: number | 'dropped';
}

export interface ChaosProxy {
	origin: string;
	log: ForwardedRequest[];
	plan(fault: PlannedFault): Promise<void>;
	/**
	 * Holds (never forwards) the requests `match` picks until `release()`, which drops them: a sync
	 * frozen mid-way, for a device that goes away. `held` resolves at the first one held.
	 */
	hold(match: (method: string, url: string, headers: http.IncomingHttpHeaders) => boolean): {
		held: Promise<void>;
		release(): void;
	};
	/** Requests struck so far. */
	struck: number;
	close(): Promise<void>;
}

export async function startChaosProxy(upstreams: string[], port = 0): Promise<ChaosProxy> {
	const targets = upstreams.map((origin) => new URL(origin));
	let turn = 0;
	let planned: { fault: PlannedFault; done: () => void } | null = null;
	const log: ForwardedRequest[] = [];
	const state = { struck: 0 };
	let holding: {
		match: (method: string, url: string, headers: http.IncomingHttpHeaders) => boolean;
		sockets: Socket[];
		first: () => void;
	} | null = null;

	const server = http.createServer((incoming, outgoing) => {
		const upstream = turn++ % targets.length;
		const target = targets[upstream]!;
		const entry: ForwardedRequest = {
			method: incoming.method ?? 'GET',
			url: incoming.url ?? '/',
			upstream,
			offset: incoming.headers['upload-offset'] ? Number(incoming.headers['upload-offset']) : null,
			status: 'dropped'
		};
		log.push(entry);
		if (holding && holding.match(entry.method, entry.url, incoming.headers)) {
			holding.sockets.push(incoming.socket);
			holding.first();
			return;
		}
		const strike = planned && planned.fault.match(entry.method, entry.url, incoming.headers) ? planned : null;
		if (strike) planned = null;
		const drop = () => {
			incoming.socket.destroy();
			outgoing.destroy();
		};
		const forwarded = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: incoming.method,
				path: incoming.url,
				// Host stays the proxy's own: the device's origin is the proxy, and so is the cookie's.
				headers: incoming.headers,
				agent: false
			},
			(answer) => {
				if (strike?.fault.kind === 'lose-response') {
					// Read the whole answer (the server has finished), then the server dies and the device never hears.
					answer.resume();
					answer.on('end', () => {
						void strike.fault.action().then(() => {
							state.struck++;
							drop();
							strike.done();
						});
					});
					return;
				}
				entry.status = answer.statusCode ?? 502;
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			}
		);
		forwarded.on('error', drop);
		if (strike?.fault.kind === 'cut-body') {
			const limit = strike.fault.afterBytes ?? 0;
			let sent = 0;
			let cut = false;
			incoming.on('data', (chunk: Buffer) => {
				if (cut) return;
				const room = limit - sent;
				if (chunk.length < room) {
					forwarded.write(chunk);
					sent += chunk.length;
					return;
				}
				cut = true;
				forwarded.write(chunk.subarray(0, room));
				incoming.pause();
				// Give the server a moment to take in what it got, then kill it mid-body.
				setTimeout(() => {
					void strike.fault.action().then(() => {
						state.struck++;
						forwarded.destroy();
						drop();
						strike.done();
					});
				}, 300);
			});
			incoming.on('end', () => {
				if (!cut) forwarded.end();
			});
			return;
		}
		incoming.pipe(forwarded);
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${address.port}`,
		log,
		get struck() {
			return state.struck;
		},
		hold(match) {
			let first = () => {};
			const held = new Promise<void>((resolve) => (first = resolve));
			const current = { match, sockets: [] as Socket[], first };
			holding = current;
			return {
				held,
				release() {
					if (holding === current) holding = null;
					for (const socket of current.sockets) socket.destroy();
				}
			};
		},
		plan(fault) {
			return new Promise<void>((resolve) => {
				planned = { fault, done: resolve };
			});
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
