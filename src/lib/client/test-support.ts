/** Shared by the client's unit tests: a fresh Dexie database over fake-indexeddb and a fixed order. */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { SyncHistoryEntry, SyncOrder } from '$lib/domain/sync/protocol';
import { CurbsideDb } from './db/schema';

let counter = 0;

export function freshDb(): CurbsideDb {
	counter += 1;
	return new CurbsideDb(`client-unit-${process.pid}-${counter}`, { indexedDB, IDBKeyRange });
}

export function order(id: string, overrides: Partial<SyncOrder> = {}): SyncOrder {
	return {
		id,
		clientId: null,
		serviceCode: 'POTHOLE',
		serviceName: 'Pothole',
		description: 'Deep pothole',
		lat: 41.94,
		long: -85.63,
		address: '101 N Main St',
		status: 'assigned',
		priority: 3,
		dueAt: null,
		requestedAt: '2026-11-02T14:00:00.000Z',
		updatedAt: '2026-11-02T14:00:00.000Z',
		routeOrder: 1,
		resolutionCode: null,
		unableReason: null,
		timeOnSiteMinutes: null,
		materials: [],
		attributes: {},
		closeRequirements: { afterPhoto: true, timeOnSite: false, materials: false },
		statusNotes: null,
		startedAt: null,
		closedAt: null,
		changeSeq: 1,
		...overrides
	};
}

/** A status history entry as a pull brings it (S24); `at` defaults to 14:00 on the day of `order`. */
export function historyEntry(
	id: string,
	orderId: string,
	overrides: Partial<SyncHistoryEntry> = {}
): SyncHistoryEntry {
	return {
		id,
		orderId,
		at: '2026-11-02T14:00:00.000Z',
		action: 'updated',
		fromStatus: null,
		toStatus: 'assigned',
		actorKind: 'supervisor',
		actorName: 'Sue',
		summary: null,
		...overrides
	};
}

/** A device that already pulled `orders`: both the server copy and the visible copy exist. */
export async function givenPulled(db: CurbsideDb, ...orders: SyncOrder[]): Promise<void> {
	await db.serverOrders.bulkPut(orders);
	await db.orders.bulkPut(orders);
}

let uuidCounter = 0;
export function nextUuid(): string {
	uuidCounter += 1;
	return `00000000-0000-4000-8000-${String(uuidCounter).padStart(12, '0')}`;
}

/** localStorage as the page has it, in memory. */
export function memoryStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (key) => items.get(key) ?? null,
		key: (index) => [...items.keys()][index] ?? null,
		removeItem: (key) => void items.delete(key),
		setItem: (key, value) => void items.set(key, value)
	};
}
