// First: Dexie's live queries need IndexedDB as a global when Dexie loads, as in the browser.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurbsideDb } from '$lib/client/db/schema';
import { freshDb, givenPulled, memoryStorage, order } from '$lib/client/test-support';
import { TodayState } from './today.svelte';

/** The store as the crew app hands it over, noting how many rows Today showed when it was asked. */
function storeOpener(db: CurbsideDb, today: TodayState) {
	const rowsShownWhenAsked: number[] = [];
	const openStore = vi.fn(async () => {
		rowsShownWhenAsked.push(today.rows.length);
		return db;
	});
	return { openStore, rowsShownWhenAsked };
}

beforeEach(() => {
	// A frame is a task here.
	vi.stubGlobal('requestAnimationFrame', (paint: FrameRequestCallback) => setTimeout(() => paint(0), 0));
	vi.stubGlobal('cancelAnimationFrame', (handle: ReturnType<typeof setTimeout>) => clearTimeout(handle));
});
afterEach(() => vi.unstubAllGlobals());

describe('Today opening on a device with cached orders', () => {
	it('asks for the store (Dexie) at once when no first rows are remembered, and follows it live', async () => {
		const db = freshDb();
		await givenPulled(db, order('CS-000001'), order('CS-000002'));
		const today = new TodayState();
		const { openStore, rowsShownWhenAsked } = storeOpener(db, today);

		const stop = today.watch(db.name, openStore, memoryStorage());
		await vi.waitFor(() => expect(today.loaded).toBe(true));
		expect(rowsShownWhenAsked).toEqual([0]);
		expect(today.rows.map((row) => row.id).sort()).toEqual(['CS-000001', 'CS-000002']);

		await givenPulled(db, order('CS-000003'));
		await vi.waitFor(() => expect(today.rows).toHaveLength(3));
		stop();
	});

	it('shows the remembered first rows before it asks for the store, then the full live list', async () => {
		const db = freshDb();
		const storage = memoryStorage();
		await givenPulled(db, order('CS-000001'), order('CS-000002'));
		// The previous start read everything and remembered its first rows.
		const previous = new TodayState();
		const stopPrevious = previous.watch(db.name, async () => db, storage);
		await vi.waitFor(() => expect(previous.loaded).toBe(true));
		stopPrevious();

		const today = new TodayState();
		const { openStore, rowsShownWhenAsked } = storeOpener(db, today);
		const stop = today.watch(db.name, openStore, storage);
		await vi.waitFor(() => expect(today.loaded).toBe(true));
		// Asked for only with the remembered rows already on the page.
		expect(rowsShownWhenAsked).toEqual([2]);
		expect(openStore).toHaveBeenCalledOnce();
		expect(today.firstPage).toBeNull();

		await givenPulled(db, order('CS-000003'));
		await vi.waitFor(() => expect(today.rows).toHaveLength(3));
		stop();
	});

	it('says why when the store cannot be opened', async () => {
		const db = freshDb();
		const today = new TodayState();
		const stop = today.watch(
			db.name,
			() => Promise.reject(new Error('offline, script missing')),
			memoryStorage()
		);
		await vi.waitFor(() => expect(today.problem).toBe('offline, script missing'));
		expect(today.loaded).toBe(true);
		stop();
	});
});
