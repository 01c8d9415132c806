/**
 * A `fetch` between the client's http-transport and the in-process server that misbehaves the way
 * networks and servers do (S23), decided by a seeded random source so every run replays exactly.
 */
import type { InProcessServer } from './server';
import type { Random } from './random';

export const FAULTS = [
	'drop-request',
	'drop-response',
	'duplicate',
	'delay',
	'restart',
	'error-before',
	'error-after',
	'timeout',
	'cut-upload',
	'auth-expired'
] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultStats {
	requests: number;
	faults: Partial<Record<Fault, number>>;
	lateDeliveries: number;
}

interface Delayed {
	request: Request;
}

export class FaultyNetwork {
	/** Probability that a request meets a fault while faults are on. */
	faultRate = 0.3;
	faultsOn = true;
	readonly stats: FaultStats = { requests: 0, faults: {}, lateDeliveries: 0 };
	/** Requests the client gave up on (timeout) that still reach the server, later and in any order. */
	private delayed: Delayed[] = [];

	constructor(
		private readonly server: InProcessServer,
		private readonly random: Random,
		private readonly allowed: readonly Fault[] = FAULTS
	) {}

	readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		const request = new Request(new URL(String(input), 'http://curbside.test'), init);
		this.stats.requests += 1;
		await this.deliverSomeDelayed();
		const fault = this.chooseFault(request);
		if (fault) this.stats.faults[fault] = (this.stats.faults[fault] ?? 0) + 1;
		switch (fault) {
			case 'drop-request':
				throw new TypeError('Failed to fetch (request dropped)');
			case 'drop-response':
				await this.server.respond(request);
				throw new TypeError('Failed to fetch (response dropped after the server committed)');
			case 'duplicate': {
				await this.server.respond(request.clone());
				return this.server.respond(request);
			}
			case 'delay':
				this.delayed.push({ request });
				throw new DOMException('The operation timed out (delivered later).', 'TimeoutError');
			case 'timeout':
				throw new DOMException('The operation timed out.', 'TimeoutError');
			case 'restart':
				await this.server.restart();
				return this.server.respond(request);
			case 'error-before':
				return jsonError(503);
			case 'error-after':
				await this.server.respond(request);
				return jsonError(500);
			case 'auth-expired':
				return new Response(JSON.stringify({ error: 'Sign in again' }), { status: 401 });
			case 'cut-upload':
				await this.server.respond(await truncated(request, this.random));
				throw new TypeError('Failed to fetch (connection cut mid-upload)');
			default:
				return this.server.respond(request);
		}
	};

	/** Delivers every request still in flight, in a random order: the network drains before the quiet phase. */
	async drain(): Promise<void> {
		while (this.delayed.length > 0) await this.deliverOne();
	}

	private async deliverSomeDelayed(): Promise<void> {
		while (this.delayed.length > 0 && this.random.chance(0.5)) await this.deliverOne();
	}

	private async deliverOne(): Promise<void> {
		const index = this.random.int(0, this.delayed.length - 1);
		const [late] = this.delayed.splice(index, 1);
		if (!late) return;
		this.stats.lateDeliveries += 1;
		// Nobody is waiting for this answer any more.
		await this.server.respond(late.request);
	}

	private chooseFault(request: Request): Fault | null {
		if (!this.faultsOn || !this.random.chance(this.faultRate)) return null;
		const fitting = this.allowed.filter((fault) => fault !== 'cut-upload' || request.method === 'PUT');
		return fitting.length > 0 ? this.random.pick(fitting) : null;
	}
}

function jsonError(status: number): Response {
	return new Response(JSON.stringify({ error: 'The server had a problem.' }), { status });
}

/** The same PUT with only a prefix of its body: what the server sees when the connection dies mid-stream. */
async function truncated(request: Request, random: Random): Promise<Request> {
	const body = new Uint8Array(await request.arrayBuffer());
	const kept = body.subarray(0, random.int(0, Math.max(0, body.length - 1)));
	return new Request(request.url, { method: request.method, headers: request.headers, body: kept });
}
