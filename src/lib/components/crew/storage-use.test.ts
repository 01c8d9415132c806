import { describe, expect, it, vi } from 'vitest';
import { formatBytes, StorageUse } from './storage-use.svelte';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
	const items = new Map<string, string>();
	return {
		getItem: (key) => items.get(key) ?? null,
		setItem: (key, value) => void items.set(key, value)
	};
}

function browserStorage(persisted: boolean, grant: boolean) {
	return {
		persisted: vi.fn(() => Promise.resolve(persisted)),
		persist: vi.fn(() => Promise.resolve(grant)),
		estimate: vi.fn(() => Promise.resolve({ usage: 3_500_000, quota: 2_000_000_000 }))
	};
}

describe('storage use and persistence', () => {
	it('asks the browser once to keep the data, and shows how much is used of how much', async () => {
		const remembered = memoryStorage();
		const browser = browserStorage(false, true);
		const use = new StorageUse();
		await use.refresh(browser, remembered);
		expect(browser.persist).toHaveBeenCalledTimes(1);
		expect(use.persisted).toBe(true);
		expect(use.usedBytes).toBe(3_500_000);
		expect(use.quotaBytes).toBe(2_000_000_000);

		// Refused: the next visit does not ask again (browsers may prompt), it says the data is at risk.
		const refusing = browserStorage(false, false);
		const later = new StorageUse();
		await later.refresh(refusing, remembered);
		expect(refusing.persist).not.toHaveBeenCalled();
		expect(later.persisted).toBe(false);
	});

	it('does not ask when the data is already kept', async () => {
		const browser = browserStorage(true, true);
		const use = new StorageUse();
		await use.refresh(browser, memoryStorage());
		expect(browser.persist).not.toHaveBeenCalled();
		expect(use.persisted).toBe(true);
	});

	it('shows nothing it cannot know', async () => {
		const use = new StorageUse();
		await use.refresh(null, memoryStorage());
		expect(use.usedBytes).toBeNull();
		expect(use.persisted).toBeNull();
	});

	it('writes sizes as people read them', () => {
		expect(formatBytes(512)).toBe('512 B');
		expect(formatBytes(3_500_000)).toBe('3.3 MB');
		expect(formatBytes(2_000_000_000)).toBe('1.9 GB');
	});
});
