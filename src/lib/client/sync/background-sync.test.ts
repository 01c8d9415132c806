import { describe, expect, it } from 'vitest';
import { backgroundSyncTag, databaseFromTag, handleBackgroundSync } from './background-sync';
import type { SyncResult } from './engine';

function scopeWith(pageCount: number) {
	const messages: unknown[] = [];
	const page = { postMessage: (message: unknown) => messages.push(message) };
	return {
		messages,
		scope: { clients: { matchAll: async () => Array.from({ length: pageCount }, () => page) } }
	};
}

describe('[S21] Background Sync', () => {
	it('names the database to flush in its tag, and ignores tags that are not ours', () => {
		expect(databaseFromTag(backgroundSyncTag('curbside-user-42'))).toBe('curbside-user-42');
		expect(databaseFromTag('curbside-sync:')).toBeNull();
		expect(databaseFromTag('someone-elses-tag')).toBeNull();
	});

	it('wakes the open pages instead of syncing twice', async () => {
		const { scope, messages } = scopeWith(2);
		const synced: string[] = [];
		const result = await handleBackgroundSync(scope, 'curbside-user-42', 'wake', async (name) => {
			synced.push(name);
			return { ok: true, pending: 0 };
		});
		expect(result).toBeNull();
		expect(messages).toEqual(['wake', 'wake']);
		expect(synced).toEqual([]);
	});

	it('with the app closed, flushes the named queue itself, and fails so the browser retries a failed sync', async () => {
		const { scope } = scopeWith(0);
		const synced: string[] = [];
		const ok: SyncResult = { ok: true, pending: 0 };
		expect(
			await handleBackgroundSync(scope, 'curbside-user-42', 'wake', async (name) => (synced.push(name), ok))
		).toBe(ok);
		expect(synced).toEqual(['curbside-user-42']);
		const down: SyncResult = { ok: false, failure: 'network', message: 'offline' };
		await expect(handleBackgroundSync(scope, 'curbside-user-42', 'wake', async () => down)).rejects.toThrow(
			'offline'
		);
		const expired: SyncResult = { ok: false, failure: 'auth-expired', message: 'sign in' };
		expect(await handleBackgroundSync(scope, 'curbside-user-42', 'wake', async () => expired)).toBe(expired);
	});
});
