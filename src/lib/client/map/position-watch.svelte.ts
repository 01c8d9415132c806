/**
 * The device's position while the map is open (geolocation watch), with its accuracy, and a plain
 * answer when there is none: not allowed, no fix, or no location on this device. The map works
 * without it; only "distance to site" and "plan from here" need it.
 */
export interface Fix {
	lat: number;
	long: number;
	/** Metres, as the device estimates it. */
	accuracyM: number;
}

export type PositionState = 'idle' | 'locating' | 'found' | 'failed';

export class PositionWatch {
	fix = $state.raw<Fix | null>(null);
	state = $state<PositionState>('idle');
	problem = $state<string | null>(null);

	/** Starts watching; returns the function that stops it. */
	start(geolocation: Geolocation | undefined = globalThis.navigator?.geolocation): () => void {
		if (!geolocation) {
			this.state = 'failed';
			this.problem = 'This device cannot give a location. The map still works; distances need a location.';
			return () => undefined;
		}
		this.state = 'locating';
		const id = geolocation.watchPosition(
			(position) => {
				this.fix = {
					lat: position.coords.latitude,
					long: position.coords.longitude,
					accuracyM: position.coords.accuracy
				};
				this.state = 'found';
				this.problem = null;
			},
			(error) => {
				// A watch keeps trying after a timeout; a refusal is final until the settings change.
				if (this.fix && error.code !== 1) return;
				this.state = 'failed';
				this.problem = problemText(error.code);
			},
			{ enableHighAccuracy: true, maximumAge: 30_000, timeout: 30_000 }
		);
		return () => geolocation.clearWatch(id);
	}
}

/** GeolocationPositionError codes: 1 denied, 2 unavailable, 3 timeout. */
export function problemText(code: number): string {
	if (code === 1) {
		return "Location is not allowed for this app, so distances are not shown. The map and list still work. (Allow location in the browser's site settings to see them.)";
	}
	return 'No location fix yet (indoors or between buildings?). The map and list still work; distances appear once there is a fix.';
}
