/** The real client stack for one simulated device: Dexie over fake-indexeddb, actions, engine, http-transport. */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { LocalActions } from '../../../src/lib/client/db/actions';
import { loadMeta } from '../../../src/lib/client/db/meta';
import { CurbsideDb } from '../../../src/lib/client/db/schema';
import { SyncEngine } from '../../../src/lib/client/sync/engine';
import type { SyncEvent } from '../../../src/lib/client/sync/events';
import { httpTransport } from '../../../src/lib/client/sync/http-transport';
import { inMemoryLock, type Lock } from '../../../src/lib/client/sync/lock';
import type { Random } from './random';

export interface DeviceOptions {
	name: string;
	random: Random;
	fetch: typeof fetch;
	now: () => Date;
	chunkBytes: number;
	pullLimit: number;
}

/** One installation of the app. `reload()` is a closed tab or a crash: only IndexedDB survives it. */
export class SimulatedDevice {
	db: CurbsideDb;
	actions: LocalActions;
	engine: SyncEngine;
	readonly events: SyncEvent[] = [];
	/** Shared by every "tab" of this device, as Web Locks are. */
	readonly lock: Lock = inMemoryLock();

	constructor(private readonly options: DeviceOptions) {
		this.db = this.openDb();
		this.actions = this.makeActions();
		this.engine = this.makeEngine();
	}

	/** Fixes the device id from the seeded stream before anything else touches the database. */
	async init(): Promise<string> {
		const meta = await this.db.transaction('rw', this.db.meta, () =>
			loadMeta(this.db, () => this.options.random.uuid())
		);
		return meta.deviceId;
	}

	reload(): void {
		this.db.close();
		this.db = this.openDb();
		this.actions = this.makeActions();
		this.engine = this.makeEngine();
	}

	/** A second tab of the same device: its own Dexie connection and engine, the same lock. */
	secondTab(): { engine: SyncEngine; close(): void } {
		const db = this.openDb();
		return { engine: this.makeEngine(db), close: () => db.close() };
	}

	async destroy(): Promise<void> {
		this.db.close();
		await new Promise<void>((resolve) => {
			const request = indexedDB.deleteDatabase(this.options.name);
			request.onsuccess = () => resolve();
			request.onerror = () => resolve();
		});
	}

	private openDb(): CurbsideDb {
		return new CurbsideDb(this.options.name, { indexedDB, IDBKeyRange });
	}

	private makeActions(): LocalActions {
		return new LocalActions({ db: this.db, now: this.options.now, newId: () => this.options.random.uuid() });
	}

	private makeEngine(db: CurbsideDb = this.db): SyncEngine {
		return new SyncEngine({
			db,
			transport: httpTransport({ baseUrl: 'http://curbside.test', fetch: this.options.fetch }),
			lock: this.lock,
			now: this.options.now,
			chunkBytes: this.options.chunkBytes,
			pullLimit: this.options.pullLimit,
			onEvent: (event) => this.events.push(event)
		});
	}
}
