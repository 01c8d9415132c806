import { describe, expect, it } from 'vitest';
import { PositionWatch } from './position-watch.svelte';

function fakeGeolocation() {
	let success: PositionCallback = () => undefined;
	let failure: PositionErrorCallback | null | undefined = null;
	const cleared: number[] = [];
	const geolocation = {
		watchPosition: (ok: PositionCallback, fail?: PositionErrorCallback | null) => {
			success = ok;
			failure = fail;
			return 7;
		},
		clearWatch: (id: number) => cleared.push(id),
		getCurrentPosition: () => undefined
	} as unknown as Geolocation;
	return {
		geolocation,
		cleared,
		fix: (latitude: number, longitude: number, accuracy: number) =>
			success({ coords: { latitude, longitude, accuracy } } as GeolocationPosition),
		fail: (code: number) => failure?.({ code } as GeolocationPositionError)
	};
}

describe('PositionWatch', () => {
	it('follows the fixes and stops watching when asked', () => {
		const fake = fakeGeolocation();
		const watch = new PositionWatch();
		const stop = watch.start(fake.geolocation);
		expect(watch.state).toBe('locating');
		fake.fix(41.94, -85.63, 12);
		expect(watch.fix).toEqual({ lat: 41.94, long: -85.63, accuracyM: 12 });
		expect(watch.state).toBe('found');
		// A timeout after a fix keeps the last fix on screen.
		fake.fail(3);
		expect(watch.state).toBe('found');
		stop();
		expect(fake.cleared).toEqual([7]);
	});

	it('explains a refusal and a device without location, and the map still works', () => {
		const fake = fakeGeolocation();
		const watch = new PositionWatch();
		watch.start(fake.geolocation);
		fake.fail(1);
		expect(watch.state).toBe('failed');
		expect(watch.problem).toMatch(/not allowed/);
		const none = new PositionWatch();
		none.start(undefined);
		expect(none.state).toBe('failed');
		expect(none.problem).toMatch(/cannot give a location/);
	});
});
