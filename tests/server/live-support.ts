/** Reads a Server-Sent Events body in tests: parsed events, and waiting for the one you expect. */

export interface SseEvent {
	event: string;
	id: string | undefined;
	data: unknown;
}

export interface EventReader {
	/** Resolves with the first event (seen from now on, or already buffered) that matches. */
	next(matches: (event: SseEvent) => boolean): Promise<SseEvent>;
	/** Every event received so far. */
	seen: SseEvent[];
	/** Resolves when the stream ends. */
	closed: Promise<void>;
}

export function readEvents(stream: ReadableStream<Uint8Array>): EventReader {
	const seen: SseEvent[] = [];
	let consumed = 0;
	let waiters: (() => void)[] = [];
	const wakeAll = () => {
		const current = waiters;
		waiters = [];
		for (const wake of current) wake();
	};
	let ended = false;

	const closed = (async () => {
		const reader = stream.getReader();
		const decoder = new TextDecoder();
		let buffer = '';
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			buffer += decoder.decode(value, { stream: true });
			let end: number;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const block = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const event = parseBlock(block);
				if (event) seen.push(event);
			}
			wakeAll();
		}
		ended = true;
		wakeAll();
	})();

	async function next(matches: (event: SseEvent) => boolean): Promise<SseEvent> {
		for (;;) {
			while (consumed < seen.length) {
				const event = seen[consumed++];
				if (event && matches(event)) return event;
			}
			if (ended) throw new Error(`The stream ended; events seen: ${JSON.stringify(seen)}`);
			await new Promise<void>((resolve) => waiters.push(resolve));
		}
	}

	return { next, seen, closed };
}

function parseBlock(block: string): SseEvent | null {
	let event = 'message';
	let id: string | undefined;
	const data: string[] = [];
	for (const line of block.split('\n')) {
		if (line.startsWith('event: ')) event = line.slice(7);
		else if (line.startsWith('id: ')) id = line.slice(4);
		else if (line.startsWith('data: ')) data.push(line.slice(6));
	}
	if (data.length === 0) return null;
	return { event, id, data: JSON.parse(data.join('\n')) as unknown };
}
