/**
 * The live feed of one server process: subscribe to change signals, whatever the engine.
 * SQLite: the in-process bus. PostgreSQL: one LISTEN connection shared by every subscriber.
 */
import { EventEmitter } from 'node:events';
import { databaseConfigFromEnv, type DatabaseConfig } from '../db/config';
import type { LiveSignal } from './channel';
import { subscribeLocal } from './local-bus';
import { PgChangeListener } from './pg-listener';

export interface LiveFeed {
	/** Resolves when signals are flowing (the LISTEN is in place). */
	readonly ready: Promise<void>;
	subscribe(listener: (signal: LiveSignal) => void): () => void;
	close(): Promise<void>;
}

export function createLiveFeed(config: DatabaseConfig): LiveFeed {
	if (config.dialect === 'sqlite') {
		return { ready: Promise.resolve(), subscribe: subscribeLocal, close: async () => undefined };
	}
	const fanOut = new EventEmitter();
	fanOut.setMaxListeners(0);
	const listener = new PgChangeListener(config.connectionString, (signal) => fanOut.emit('signal', signal));
	return {
		ready: listener.ready,
		subscribe(fn) {
			fanOut.on('signal', fn);
			return () => fanOut.off('signal', fn);
		},
		close: () => listener.close()
	};
}

let processFeed: LiveFeed | undefined;

/** The running server's feed, started on first use (the first console that connects). */
export function appLiveFeed(env: NodeJS.ProcessEnv = process.env): LiveFeed {
	processFeed ??= createLiveFeed(databaseConfigFromEnv(env));
	return processFeed;
}
