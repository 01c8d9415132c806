import { describe, expect, it } from 'vitest';
import { LocationReporter } from './location-reporter.svelte';

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
