import { describe, expect, it } from 'vitest';
import { LocationReporter, SyncCompletionWatch } from './location-reporter.svelte';

function harness(stored: string | null = null) {
	const recorded: [number, number, number][] = [];
	const store = new Map<string, string>(stored ? [['curbside.location-consent.u1', stored]] : []);
	let watching = 0;
	const geolocation = {
		watchPosition: () => ++watching,
		clearWatch: () => (watching = 0),
		getCurrentPosition: () => undefined
	} as unknown as Geolocation;
	const reporter = new LocationReporter('u1', {
		record: async (lat, long, accuracy) => void recorded.push([lat, long, accuracy]),
		storage: {
			getItem: (key) => store.get(key) ?? null,
			setItem: (key, value) => void store.set(key, value)
		},
		geolocation
	});
	return { reporter, recorded, store, watching: () => watching };
}

describe('LocationReporter', () => {
	it('never watches the position before the crew allows it, and remembers the answer', () => {
		const { reporter, store, watching } = harness();
		reporter.start();
		expect(reporter.consent).toBe('unasked');
		expect(watching()).toBe(0);
		reporter.allow();
		expect(watching()).toBe(1);
		expect(store.get('curbside.location-consent.u1')).toBe('allowed');
	});

	it('stays off after the crew declined', () => {
		const { reporter, watching } = harness('declined');
		reporter.start();
		expect(reporter.consent).toBe('declined');
		expect(watching()).toBe(0);
	});

	it('records through the throttle, and the held-back newest fix on flush', async () => {
		const { reporter, recorded } = harness('allowed');
		reporter.start();
		await reporter.onFix({ lat: 41.9436, long: -85.6325, accuracyM: 20, at: 0 });
		await reporter.onFix({ lat: 41.9437, long: -85.6325, accuracyM: 20, at: 60_000 });
		expect(recorded).toEqual([[41.9436, -85.6325, 20]]);
		await reporter.flush();
		await reporter.flush();
		expect(recorded).toEqual([
			[41.9436, -85.6325, 20],
			[41.9437, -85.6325, 20]
		]);
	});
});

describe('LocationReporter at the end of a sync', () => {
	const here = { lat: 41.9436, long: -85.6325, accuracyM: 20 };
	// About 110 m north: past the 50 m the throttle asks for.
	const moved = { lat: 41.9446, long: -85.6325, accuracyM: 15 };

	it('sends a fix the 30-second interval held back, once per sync, and not again for the sync it starts', async () => {
		const { reporter, recorded } = harness('allowed');
		reporter.start();
		await reporter.onFix({ ...here, at: 0 });
		await reporter.onFix({ ...moved, at: 10_000 });
		expect(recorded).toHaveLength(1);

		await reporter.onSynced();
		expect(recorded).toEqual([
			[41.9436, -85.6325, 20],
			[41.9446, -85.6325, 15]
		]);
		// The sync that carried that report finishes: it must not start another round.
		await reporter.onFix({ ...here, at: 12_000 });
		await reporter.onSynced();
		expect(recorded).toHaveLength(2);
		// The next sync (another trigger) may report the fix that arrived meanwhile.
		await reporter.onSynced();
		await reporter.onSynced();
		expect(recorded).toEqual([
			[41.9436, -85.6325, 20],
			[41.9446, -85.6325, 15],
			[41.9436, -85.6325, 20]
		]);
	});

	it('sends nothing new for a crew standing still (the distance rule holds)', async () => {
		const { reporter, recorded } = harness('allowed');
		reporter.start();
		await reporter.onFix({ ...here, at: 0 });
		await reporter.onFix({ lat: 41.94361, long: -85.6325, accuracyM: 20, at: 40_000 });
		await reporter.onSynced();
		await reporter.onSynced();
		expect(recorded).toEqual([[41.9436, -85.6325, 20]]);
	});

	it('never reports without consent, asked or withdrawn', async () => {
		const unasked = harness();
		unasked.reporter.start();
		await unasked.reporter.onSynced();
		expect(unasked.recorded).toEqual([]);

		const { reporter, recorded } = harness('allowed');
		reporter.start();
		await reporter.onFix({ ...here, at: 0 });
		await reporter.onFix({ ...moved, at: 10_000 });
		reporter.decline();
		await reporter.onSynced();
		expect(recorded).toEqual([[41.9436, -85.6325, 20]]);
	});
});

describe('SyncCompletionWatch', () => {
	it('counts a new lastSyncAt as one finished sync, never the value it started with', () => {
		const watch = new SyncCompletionWatch('2026-11-27T10:00:00.000Z');
		expect(watch.finished('2026-11-27T10:00:00.000Z')).toBe(false);
		expect(watch.finished(null)).toBe(false);
		expect(watch.finished('2026-11-27T10:05:00.000Z')).toBe(true);
		expect(watch.finished('2026-11-27T10:05:00.000Z')).toBe(false);
		expect(new SyncCompletionWatch(null).finished('2026-11-27T10:06:00.000Z')).toBe(true);
	});
});
