/** A supervisor's live connection (GET /api/live, Server-Sent Events) read from Node. */

export interface LiveOrdersEvent {
	orders: { id: string; status: string }[];
}

export interface LiveListener {
	/** Every `orders` event received so far. */
	events: LiveOrdersEvent[];
	/** Resolves once an `orders` event shows `orderId` in `status`. */
	waitFor(orderId: string, status: string, timeoutMs?: number): Promise<void>;
	close(): void;
}

export async function listenLive(origin: string, cookie: string): Promise<LiveListener> {
	const abort = new AbortController();
	const response = await fetch(`${origin}/api/live`, {
		headers: { cookie, accept: 'text/event-stream' },
		signal: abort.signal
	});
	if (!response.ok || !response.body) throw new Error(`GET /api/live answered ${response.status}`);
	const events: LiveOrdersEvent[] = [];
	const waiters = new Set<() => void>();
	const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
	void (async () => {
		let buffer = '';
		for (;;) {
			const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
			if (done) return;
			buffer += value;
			let end: number;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const frame = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const lines = frame.split('\n');
				const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
				const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
				if (event === 'orders' && data) {
					events.push(JSON.parse(data) as LiveOrdersEvent);
					for (const wake of waiters) wake();
				}
			}
		}
	})();
	const seen = (orderId: string, status: string) =>
		events.some((event) => event.orders.some((order) => order.id === orderId && order.status === status));
	return {
		events,
		waitFor(orderId, status, timeoutMs = 20_000) {
			return new Promise<void>((resolve, reject) => {
				if (seen(orderId, status)) return resolve();
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`no live event showed ${orderId} ${status} within ${timeoutMs} ms`));
				}, timeoutMs);
				const check = () => {
					if (!seen(orderId, status)) return;
					clearTimeout(timer);
					waiters.delete(check);
					resolve();
				};
				waiters.add(check);
			});
		},
		close: () => abort.abort()
	};
}
