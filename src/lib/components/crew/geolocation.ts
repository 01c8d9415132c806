/**
 * One position fix from the device, as a promise with a plain-English failure. Denied permission,
 * no fix and a timeout each say what the crew can do instead (type the coordinates).
 */
export interface Fix {
	lat: number;
	long: number;
	/** Metres, as the device estimates it (95% confidence). */
	accuracyM: number;
}

export type FixOutcome = { ok: true; fix: Fix } | { ok: false; problem: string };

/** A fix under a tree or between buildings can take a while; longer than this, typing is faster. */
const FIX_TIMEOUT_MS = 15_000;
/** A position from the last minute is as good as a new one for a pothole. */
const FIX_MAX_AGE_MS = 60_000;

const TYPE_INSTEAD = 'Type the latitude and longitude instead.';

export function currentFix(
	geolocation: Geolocation | undefined = globalThis.navigator?.geolocation
): Promise<FixOutcome> {
	if (!geolocation) {
		return Promise.resolve({ ok: false, problem: `This device cannot give a location. ${TYPE_INSTEAD}` });
	}
	return new Promise((resolve) => {
		geolocation.getCurrentPosition(
			(position) =>
				resolve({
					ok: true,
					fix: {
						lat: position.coords.latitude,
						long: position.coords.longitude,
						accuracyM: position.coords.accuracy
					}
				}),
			(error) => resolve({ ok: false, problem: fixProblem(error.code) }),
			{ enableHighAccuracy: true, timeout: FIX_TIMEOUT_MS, maximumAge: FIX_MAX_AGE_MS }
		);
	});
}

/** GeolocationPositionError codes: 1 denied, 2 unavailable, 3 timeout. */
export function fixProblem(code: number): string {
	if (code === 1) {
		return `Location is not allowed for this app. ${TYPE_INSTEAD} (Or allow location in the browser's site settings.)`;
	}
	if (code === 3) return `No location fix within ${FIX_TIMEOUT_MS / 1000} seconds. ${TYPE_INSTEAD}`;
	return `The device could not find its location. ${TYPE_INSTEAD}`;
}

/** "within 12 m" for the form, rounded: the device's estimate is no more precise than that. */
export function accuracyText(accuracyM: number): string {
	if (accuracyM >= 1000) return `within ${(accuracyM / 1000).toFixed(1)} km`;
	return `within ${Math.max(1, Math.round(accuracyM))} m`;
}
