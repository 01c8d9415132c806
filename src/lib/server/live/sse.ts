/** Server-Sent Events framing (the text/event-stream format). */

export interface SseMessage {
	event: string;
	data: unknown;
	/** Becomes the client's Last-Event-ID when it reconnects. */
	id?: number | string;
}

export function sseMessage(message: SseMessage): string {
	const lines = [];
	if (message.id !== undefined) lines.push(`id: ${message.id}`);
	lines.push(`event: ${message.event}`);
	// JSON has no raw newlines, so the data is always one `data:` line.
	lines.push(`data: ${JSON.stringify(message.data)}`);
	return `${lines.join('\n')}\n\n`;
}

/** How long the browser waits before reconnecting after the stream drops. */
export function sseRetry(ms: number): string {
	return `retry: ${ms}\n\n`;
}

/** A comment line: keeps proxies and the browser from treating a quiet stream as dead. */
export function sseComment(text: string): string {
	return `: ${text}\n\n`;
}

/** A cursor from Last-Event-ID or a query parameter; null when absent or not a whole number. */
export function parseCursor(value: string | null): number | null {
	if (value === null || !/^\d{1,15}$/.test(value.trim())) return null;
	return Number(value.trim());
}
