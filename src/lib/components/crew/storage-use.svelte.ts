/**
 * Asks once for persistent storage (Safari evicts the data of sites unused for 7 days unless the
 * app is installed or persistence was granted) and reports how much of the quota the app uses.
 */
const ASKED_KEY = 'curbside.crew.persistAsked';

/** The parts of navigator.storage used here (each may be missing in an older browser). */
type StorageApi = Partial<Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>>;

export class StorageUse {
	usedBytes = $state<number | null>(null);
	quotaBytes = $state<number | null>(null);
	persisted = $state<boolean | null>(null);

	async refresh(
		storage: StorageApi | null = globalThis.navigator?.storage ?? null,
		remembered: Pick<Storage, 'getItem' | 'setItem'> = localStorage
	): Promise<void> {
		if (!storage) return;
		this.persisted = (await storage.persisted?.()) ?? null;
		if (this.persisted === false && storage.persist && !remembered.getItem(ASKED_KEY)) {
			remembered.setItem(ASKED_KEY, String(Date.now()));
			this.persisted = await storage.persist();
		}
		const estimate = await storage.estimate?.();
		this.usedBytes = estimate?.usage ?? null;
		this.quotaBytes = estimate?.quota ?? null;
	}
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	const units = ['KB', 'MB', 'GB', 'TB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
