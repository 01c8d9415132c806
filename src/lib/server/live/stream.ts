/**
 * One console's live stream: an SSE body that sends `orders` events (orders in the console's
 * scope changed since its cursor) and `location` events (new crew positions), woken by the feed's
 * signals. Each stream keeps its own cursor and re-reads from it, so signals only say "look now".
 */
import type { ConsoleLocation, ConsoleOrder } from '$lib/components/console/console-rows';
import type { LiveSignal } from './channel';
import type { LiveFeed } from './feed';
import { sseComment, sseMessage, sseRetry } from './sse';

/** The reads a stream needs, already limited to the console's scope. */
export interface LiveSource {
	ordersChangedSince(afterSeq: number, limit: number): Promise<ConsoleOrder[]>;
	locationsSince(afterId: number, limit: number): Promise<ConsoleLocation[]>;
	cursors(): Promise<{ seq: number; locationId: number }>;
}

export interface LiveStreamOptions {
	feed: LiveFeed;
	source: LiveSource;
	/** The last change the client has (Last-Event-ID); null starts from now. */
	sinceSeq: number | null;
	/** The last position id the client has; null starts from now. */
	sinceLocationId: number | null;
	/** The request's signal: the stream ends when the client goes away. */
	signal: AbortSignal;
	heartbeatMs?: number;
	retryMs?: number;
	/** Rows per `orders` event. */
	pageSize?: number;
}

const encoder = new TextEncoder();

export function liveStream(options: LiveStreamOptions): ReadableStream<Uint8Array> {
	const { feed, source, signal } = options;
	const pageSize = options.pageSize ?? 500;
	let stop = () => {};

	return new ReadableStream<Uint8Array>({
		async start(controller) {
			let open = true;
			/** False until `hello` is sent: a catch-up before the cursors are read would start at 0. */
			let started = false;
			let seq = 0;
			let locationId = 0;
			let ordersDue = true;
			let locationsDue = true;
			let running: Promise<void> | null = null;
			let again = false;

			const send = (text: string) => {
				if (open) controller.enqueue(encoder.encode(text));
			};

			async function catchUp(): Promise<void> {
				do {
					again = false;
					if (ordersDue) {
						ordersDue = false;
						for (;;) {
							const orders = await source.ordersChangedSince(seq, pageSize);
							const last = orders.at(-1);
							if (!open || !last) break;
							seq = last.changeSeq;
							send(sseMessage({ event: 'orders', id: seq, data: { orders } }));
							if (orders.length < pageSize) break;
						}
					}
					if (locationsDue) {
						locationsDue = false;
						const positions = await source.locationsSince(locationId, pageSize);
						for (const position of positions) {
							locationId = position.id;
							send(sseMessage({ event: 'location', data: position }));
						}
						if (positions.length === pageSize) locationsDue = again = true;
					}
				} while (again && open);
			}

			/** Runs a catch-up, or asks the running one to go round again: never two at once. */
			function wake(): void {
				if (!open || !started) return;
				if (running) {
					again = true;
					return;
				}
				running = catchUp()
					.catch((cause: unknown) => {
						// The client reconnects (retry) and resumes from its Last-Event-ID.
						console.error('[curbside] Live stream failed; the console will reconnect.', cause);
						close();
					})
					.finally(() => {
						running = null;
					});
			}

			const onSignal = (change: LiveSignal) => {
				if (change.kind === 'orders' && change.seq <= seq) return;
				if (change.kind !== 'location') ordersDue = true;
				if (change.kind !== 'orders') locationsDue = true;
				wake();
			};

			const unsubscribe = feed.subscribe(onSignal);
			// A signal can be lost (a reconnecting LISTEN, a write from another program on the SQLite
			// file), so every heartbeat also looks for anything new.
			const heartbeat = setInterval(() => {
				send(sseComment('heartbeat'));
				ordersDue = locationsDue = true;
				wake();
			}, options.heartbeatMs ?? 15_000);

			function close(): void {
				if (!open) return;
				open = false;
				clearInterval(heartbeat);
				unsubscribe();
				signal.removeEventListener('abort', close);
				try {
					controller.close();
				} catch {
					// Already closed by the client going away.
				}
			}
			stop = close;
			signal.addEventListener('abort', close);
			if (signal.aborted) return close();

			try {
				await feed.ready;
				const now = await source.cursors();
				seq = options.sinceSeq ?? now.seq;
				locationId = options.sinceLocationId ?? now.locationId;
				send(sseRetry(options.retryMs ?? 3_000));
				send(sseMessage({ event: 'hello', data: { seq, locationId } }));
			} catch (cause) {
				console.error('[curbside] Live stream could not start.', cause);
				return close();
			}
			// Subscribed before reading the cursors, so nothing written in between is missed: signals
			// that came meanwhile left their flags set, and this catch-up reads from the cursors.
			started = true;
			wake();
		},
		cancel() {
			stop();
		}
	});
}
