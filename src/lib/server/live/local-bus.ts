/**
 * The in-process half of the live feed. With SQLite there is one server process, so a signal is
 * an event on this emitter. It is published by a `pg_notify` SQL function that the SQLite
 * connection defines (see db/connect.ts), so the writers' SQL is the same on both engines.
 */
import { EventEmitter } from 'node:events';
import { decodeSignal, LIVE_CHANNEL, type LiveSignal } from './channel';

const bus = new EventEmitter();
// Every open console stream listens; there is no meaningful limit to warn about.
bus.setMaxListeners(0);

/** Called by SQLite's `pg_notify(channel, payload)`, inside the writing transaction. */
export function publishLocal(channel: string, payload: string): void {
	if (channel !== LIVE_CHANNEL) return;
	const signal = decodeSignal(payload);
	// After the current statement: a listener's work must never run inside the writer's call stack.
	setImmediate(() => bus.emit('signal', signal));
}

export function subscribeLocal(listener: (signal: LiveSignal) => void): () => void {
	bus.on('signal', listener);
	return () => bus.off('signal', listener);
}
