/**
 * The PostgreSQL half of the live feed: one dedicated connection per server process that LISTENs
 * on the change channel, so every process sharing the database hears every committed write, made
 * by any of them. A pooled connection cannot do this (LISTEN belongs to one session).
 */
import pg from 'pg';
import { decodeSignal, LIVE_CHANNEL, type LiveSignal } from './channel';

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 30_000;

export class PgChangeListener {
	/** The connection in use or being opened; events from older ones are ignored. */
	private client: pg.Client | null = null;
	private closed = false;
	private retryMs = FIRST_RETRY_MS;
	private retryTimer: NodeJS.Timeout | null = null;
	/** Resolves once the first LISTEN is in place. */
	readonly ready: Promise<void>;

	constructor(
		private readonly connectionString: string,
		private readonly onSignal: (signal: LiveSignal) => void
	) {
		this.ready = this.connect(false);
	}

	async close(): Promise<void> {
		this.closed = true;
		if (this.retryTimer) clearTimeout(this.retryTimer);
		const client = this.client;
		this.client = null;
		await client?.end().catch(() => undefined);
	}

	private async connect(isReconnect: boolean): Promise<void> {
		const client = new pg.Client({ connectionString: this.connectionString });
		this.client = client;
		client.on('notification', (message) => {
			if (message.channel === LIVE_CHANNEL) this.onSignal(decodeSignal(message.payload ?? ''));
		});
		// A dropped connection loses the notifications sent meanwhile: reconnect, then tell every
		// listener to re-read from its own cursor.
		client.on('error', () => this.reconnectLater(client));
		client.on('end', () => this.reconnectLater(client));
		try {
			await client.connect();
			await client.query(`LISTEN ${LIVE_CHANNEL}`);
		} catch (cause) {
			this.reconnectLater(client);
			if (!isReconnect) console.error('[curbside] Live updates: could not LISTEN yet, retrying.', cause);
			return;
		}
		if (this.closed || this.client !== client) {
			await client.end().catch(() => undefined);
			return;
		}
		this.retryMs = FIRST_RETRY_MS;
		if (isReconnect) this.onSignal({ kind: 'resync' });
	}

	private reconnectLater(failed: pg.Client): void {
		if (this.closed || this.retryTimer || this.client !== failed) return;
		this.client = null;
		failed.removeAllListeners('end');
		failed.end().catch(() => undefined);
		this.retryTimer = setTimeout(() => {
			this.retryTimer = null;
			void this.connect(true);
		}, this.retryMs);
		this.retryMs = Math.min(this.retryMs * 2, LONGEST_RETRY_MS);
	}
}
