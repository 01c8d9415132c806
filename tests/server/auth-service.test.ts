import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	AuthService,
	BAD_CREDENTIALS,
	SESSION_LIFETIME_MS,
	sessionIdFor
} from '../../src/lib/server/auth/auth-service';
import * as password from '../../src/lib/server/auth/password';
import { hashPassword } from '../../src/lib/server/auth/password';
import { SignInThrottle } from '../../src/lib/server/auth/throttle';
import { repositories, type Repositories } from '../../src/lib/server/repositories';
import { testBackends } from './backends';
import { givenCrew, T0 } from './fixtures';

const [sqlite] = testBackends();
const now = new Date(T0);
const meta = { userAgent: 'test', ip: '127.0.0.1', now };

describe('AuthService', () => {
	let repos: Repositories;
	let auth: AuthService;
	let drop: () => Promise<void>;

	beforeEach(async () => {
		const created = await sqlite!.create();
		drop = created.drop;
		repos = repositories(created.handle.db);
		auth = new AuthService(repos, new SignInThrottle(created.handle.db));
		await givenCrew(repos);
		await repos.users.insert({
			id: 'u1',
			username: 'crew.dana',
			display_name: 'Dana Ruiz',
			password_hash: await hashPassword('right'),
			role: 'crew',
			crew_id: 'crew-north',
			department: 'Public Works',
			disabled_at: null,
			created_at: T0
		});
	});
	afterEach(async () => drop());

	it('signs in with the right password and authenticates the session token', async () => {
		const result = await auth.signIn('  Crew.Dana ', 'right', meta);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.user).toEqual({
			id: 'u1',
			username: 'crew.dana',
			displayName: 'Dana Ruiz',
			role: 'crew',
			crewId: 'crew-north',
			department: 'Public Works'
		});
		expect((await auth.authenticate(result.token, now))?.user.id).toBe('u1');
	});

	it('stores only a hash of the session token', async () => {
		const result = await auth.signIn('crew.dana', 'right', meta);
		if (!result.ok) throw new Error('sign-in failed');
		expect(await repos.sessions.findActive(result.token, T0)).toBeUndefined();
		expect(await repos.sessions.findActive(sessionIdFor(result.token), T0)).toBeDefined();
	});

	it('gives the same answer for a wrong password, an unknown user and a disabled account', async () => {
		const wrong = await auth.signIn('crew.dana', 'wrong', meta);
		const unknown = await auth.signIn('nobody', 'right', meta);
		await repos.users.setDisabled('u1', T0);
		const disabled = await auth.signIn('crew.dana', 'right', meta);
		expect([wrong, unknown, disabled]).toEqual([
			{ ok: false, message: BAD_CREDENTIALS },
			{ ok: false, message: BAD_CREDENTIALS },
			{ ok: false, message: BAD_CREDENTIALS }
		]);
	});

	it('ends a session on sign-out and when the account is disabled', async () => {
		const first = await auth.signIn('crew.dana', 'right', meta);
		const second = await auth.signIn('crew.dana', 'right', meta);
		if (!first.ok || !second.ok) throw new Error('sign-in failed');
		await auth.signOut(sessionIdFor(first.token), now);
		expect(await auth.authenticate(first.token, now)).toBeNull();
		expect(await auth.authenticate(second.token, now)).not.toBeNull();
		await repos.users.setDisabled('u1', T0);
		expect(await auth.authenticate(second.token, now)).toBeNull();
	});

	it('expires an unused session and slides the expiry of one in use', async () => {
		const result = await auth.signIn('crew.dana', 'right', meta);
		if (!result.ok) throw new Error('sign-in failed');
		const later = new Date(now.getTime() + SESSION_LIFETIME_MS - 1000);
		const session = await auth.authenticate(result.token, later);
		expect(session?.expiresAt.getTime()).toBe(later.getTime() + SESSION_LIFETIME_MS);
		const muchLater = new Date(later.getTime() + SESSION_LIFETIME_MS + 1);
		expect(await auth.authenticate(result.token, muchLater)).toBeNull();
	});

	it('slows down repeated wrong passwords for that name, whether or not it exists, and forgets after a success', async () => {
		for (const name of ['crew.dana', 'no.such.user']) {
			for (let i = 0; i < 5; i++)
				expect(await auth.signIn(name, 'guess', meta)).toEqual({ ok: false, message: BAD_CREDENTIALS });
			const blocked = await auth.signIn(name, 'right', meta);
			expect(blocked).toMatchObject({ ok: false, retryAfterSeconds: 1 });
			if (blocked.ok) return;
			expect(blocked.message).toBe('Too many failed sign-ins. Try again in a minute.');
		}
		const later = { ...meta, now: new Date(now.getTime() + 2000) };
		expect((await auth.signIn('crew.dana', 'right', later)).ok).toBe(true);
		expect(await auth.signIn('crew.dana', 'guess', later)).toEqual({ ok: false, message: BAD_CREDENTIALS });
	});

	it('doubles the wait with each further failure, and starts afresh after the window', async () => {
		const at = (seconds: number) => ({ ...meta, now: new Date(now.getTime() + seconds * 1000) });
		for (let i = 0; i < 5; i++) await auth.signIn('crew.dana', 'guess', meta);
		await auth.signIn('crew.dana', 'guess', at(1));
		expect(await auth.signIn('crew.dana', 'right', at(1))).toMatchObject({ retryAfterSeconds: 2 });
		expect((await auth.signIn('crew.dana', 'right', at(16 * 60))).ok).toBe(true);
	});

	it('throttles one address trying many names: 50 free failures, then back-off even for a right password', async () => {
		const from = (ip: string, seconds = 0) => ({
			...meta,
			ip,
			now: new Date(now.getTime() + seconds * 1000)
		});
		// Each name fails once only, so the per-name count never bites: only the address's does.
		for (let i = 0; i < 50; i++)
			expect(await auth.signIn(`sprayed.${i}`, 'guess', from('10.0.0.7'))).toEqual({
				ok: false,
				message: BAD_CREDENTIALS
			});
		expect(await auth.signIn('crew.dana', 'right', from('10.0.0.7'))).toMatchObject({
			ok: false,
			retryAfterSeconds: 1
		});
		// Another address is not held up, and the address's wait doubles with each further failure.
		expect((await auth.signIn('crew.dana', 'right', from('10.0.0.8'))).ok).toBe(true);
		await auth.signIn('sprayed.x', 'guess', from('10.0.0.7', 1));
		expect(await auth.signIn('crew.dana', 'right', from('10.0.0.7', 1))).toMatchObject({
			retryAfterSeconds: 2
		});
		// A success does not clear the address's count (one good password proves nothing about the rest).
		expect((await auth.signIn('crew.dana', 'right', from('10.0.0.7', 3))).ok).toBe(true);
		await auth.signIn('sprayed.y', 'guess', from('10.0.0.7', 3));
		expect(await auth.signIn('crew.dana', 'right', from('10.0.0.7', 3))).toMatchObject({ ok: false });
		expect((await auth.signIn('crew.dana', 'right', from('10.0.0.7', 16 * 60))).ok).toBe(true);
	});

	it('checks an unknown name against a decoy hash of a stored hash’s cost, as much work as a wrong password', async () => {
		const verify = vi.spyOn(password, 'verifyPassword');
		try {
			await auth.signIn('crew.dana', 'wrong', meta);
			await auth.signIn('no.such.person', 'wrong', meta);
			expect(verify).toHaveBeenCalledTimes(2);
			const [real, decoy] = verify.mock.calls.map(([, stored]) => stored);
			expect(decoy).not.toBe(real);
			// The decoy is a real scrypt hash of the same cost as a stored one, so checking it costs the same.
			const cost = (stored: string | undefined) => stored?.split('$').slice(0, 4);
			expect(cost(decoy)).toEqual(cost(real));
			expect(await verify.mock.results[1]?.value).toBe(false);
		} finally {
			verify.mockRestore();
		}
	});

	it('does not authenticate a made-up token', async () => {
		expect(await auth.authenticate('not-a-token', now)).toBeNull();
	});
});
