/**
 * An admin changes a person's role, crew or department: guard rails (not your own admin role, not
 * the last admin), and every change ends the person's sessions so an old cookie keeps no old power.
 * Disabling has the same last-admin guard (auth/revocation.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v } from '../../src/lib/domain';
import { AuthService } from '../../src/lib/server/auth/auth-service';
import { disableUser, securityEventsFor } from '../../src/lib/server/auth/revocation';
import { SignInThrottle } from '../../src/lib/server/auth/throttle';
import type { Role } from '../../src/lib/server/auth/types';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { repositories, type Repositories } from '../../src/lib/server/repositories';
import { formFields } from '../../src/lib/server/services/admin-support';
import {
	changeUserAccess,
	userAccessForm,
	type UserAccessForm
} from '../../src/lib/server/services/admin-user-access';
import { AdminUsersService } from '../../src/lib/server/services/admin-users';
import { testBackends } from './backends';
import { givenCrew } from './fixtures';

const NOW = new Date('2026-11-03T09:00:00.000Z');
const PASSWORD = 'a long enough passphrase';
const meta = { userAgent: 'test', ip: '127.0.0.1', now: NOW };

describe('the access form', () => {
	it('needs a crew for a crew member and a known role', () => {
		const data = new FormData();
		data.set('user_id', 'u1');
		data.set('role', 'crew');
		const missingCrew = v.validate(userAccessForm, formFields(data));
		expect(missingCrew.ok ? [] : missingCrew.issues).toEqual([
			{ path: 'crew_id', code: 'required', message: 'A crew member needs a crew: choose one.' }
		]);
		data.set('role', 'boss');
		const badRole = v.validate(userAccessForm, formFields(data));
		expect(badRole.ok ? [] : badRole.issues.map((issue) => issue.path)).toEqual(['role']);
	});
});

describe.each(testBackends())('changing a person’s access on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;
	let repos: Repositories;
	let auth: AuthService;
	const ids: Record<string, string> = {};

	async function person(username: string, role: Role, extra: { crew_id?: string; department?: string } = {}) {
		const created = await new AdminUsersService(handle.db).create(
			{ username, display_name: username, role, password: PASSWORD, ...extra },
			NOW
		);
		if (!created.ok) throw new Error(`could not create ${username}`);
		ids[username] = created.value.id;
		return created.value.id;
	}

	async function signedIn(username: string): Promise<string> {
		const session = await auth.signIn(username, PASSWORD, meta);
		if (!session.ok) throw new Error(`${username} could not sign in`);
		return session.token;
	}

	const change = (input: Partial<UserAccessForm> & { user_id: string }, actor: string | null = ids['sam']!) =>
		changeUserAccess(handle.db, { role: 'crew', ...input }, actor, NOW);

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		repos = repositories(handle.db);
		auth = new AuthService(repos, new SignInThrottle(handle.db));
		await givenCrew(repos, 'north', 'Streets North');
		await repos.crews.insert({
			id: 'parks',
			name: 'Parks Crew',
			department: 'Parks',
			color: '#226622',
			active: 1,
			created_at: NOW.toISOString()
		});
		await repos.crews.insert({
			id: 'retired',
			name: 'Old Crew',
			department: 'Parks',
			color: '#444444',
			active: 0,
			created_at: NOW.toISOString()
		});
		await person('sam', 'admin');
		await person('dana', 'crew', { crew_id: 'north' });
		await person('rosa', 'supervisor', { department: 'Public Works' });
	});
	afterEach(async () => drop());

	it('moves a crew member to another crew: new department, sessions ended, the change recorded', async () => {
		const token = await signedIn('dana');
		const result = await change({ user_id: ids['dana']!, role: 'crew', crew_id: 'parks' });
		expect(result).toMatchObject({ ok: true, value: { changed: true, sessionsEnded: 1 } });
		expect(await repos.users.get(ids['dana']!)).toMatchObject({
			role: 'crew',
			crew_id: 'parks',
			department: 'Parks'
		});
		expect(await auth.authenticate(token, NOW)).toBeNull();
		const again = await auth.authenticate(await signedIn('dana'), NOW);
		expect(again?.user).toMatchObject({ crewId: 'parks', department: 'Parks' });
		const [event] = await securityEventsFor(handle.db, ids['dana']!);
		expect(event).toMatchObject({ action: 'user-access-changed', actor_user_id: ids['sam'] });
		expect(JSON.parse(event?.detail ?? '{}')).toEqual({
			before: { role: 'crew', crew_id: 'north', department: 'Public Works' },
			after: { role: 'crew', crew_id: 'parks', department: 'Parks' },
			sessionsEnded: 1
		});
	});

	it('makes a crew member a supervisor of a department (no crew) and a supervisor city-wide', async () => {
		const token = await signedIn('dana');
		expect(
			await change({ user_id: ids['dana']!, role: 'supervisor', crew_id: 'north', department: 'Parks' })
		).toMatchObject({ ok: true });
		expect(await repos.users.get(ids['dana']!)).toMatchObject({
			role: 'supervisor',
			crew_id: null,
			department: 'Parks'
		});
		expect(await auth.authenticate(token, NOW)).toBeNull();
		expect(await change({ user_id: ids['rosa']!, role: 'supervisor' })).toMatchObject({ ok: true });
		expect(await repos.users.get(ids['rosa']!)).toMatchObject({ department: null });
	});

	it('writes nothing and keeps sessions when the form asks for what the person already has', async () => {
		const token = await signedIn('dana');
		const result = await change({
			user_id: ids['dana']!,
			role: 'crew',
			crew_id: 'north',
			department: 'typed'
		});
		expect(result).toMatchObject({ ok: true, value: { changed: false, sessionsEnded: 0 } });
		expect(await auth.authenticate(token, NOW)).not.toBeNull();
		expect(await securityEventsFor(handle.db, ids['dana']!)).toEqual([]);
	});

	it('refuses a retired or unknown crew and an unknown person', async () => {
		for (const crew_id of ['retired', 'ghost']) {
			expect(await change({ user_id: ids['dana']!, role: 'crew', crew_id })).toMatchObject({
				ok: false,
				issues: [{ path: 'crew_id', message: 'Choose an active crew.' }]
			});
		}
		expect(await change({ user_id: 'nobody', role: 'supervisor' })).toMatchObject({
			ok: false,
			issues: [{ path: 'user_id', code: 'not_found' }]
		});
		expect(await repos.users.get(ids['dana']!)).toMatchObject({ crew_id: 'north' });
	});

	it('an admin cannot remove their own admin role, nor disable themselves', async () => {
		const token = await signedIn('sam');
		for (const role of ['supervisor', 'crew'] as const) {
			expect(await change({ user_id: ids['sam']!, role, crew_id: 'north' })).toMatchObject({
				ok: false,
				issues: [{ path: 'role', code: 'self' }]
			});
		}
		expect(
			await new AdminUsersService(handle.db).setDisabled(ids['sam']!, true, ids['sam']!, NOW)
		).toMatchObject({
			ok: false
		});
		expect(await repos.users.get(ids['sam']!)).toMatchObject({ role: 'admin', disabled_at: null });
		expect(await auth.authenticate(token, NOW)).not.toBeNull();
		// Changing only their own department is allowed.
		expect(await change({ user_id: ids['sam']!, role: 'admin', department: 'Parks' })).toMatchObject({
			ok: true
		});
	});

	it('the last enabled admin cannot be demoted; with a second admin they can', async () => {
		// Without an actor (a maintenance script), only the last-admin rule stands in the way.
		expect(await change({ user_id: ids['sam']!, role: 'supervisor' }, null)).toMatchObject({
			ok: false,
			issues: [{ path: 'role', code: 'last_admin' }]
		});
		await person('ada', 'admin');
		await new AdminUsersService(handle.db).setDisabled(ids['ada']!, true, ids['sam']!, NOW);
		// A disabled admin does not count: nobody could sign in as them.
		expect(await change({ user_id: ids['sam']!, role: 'supervisor' }, null)).toMatchObject({ ok: false });
		await new AdminUsersService(handle.db).setDisabled(ids['ada']!, false, ids['sam']!, NOW);
		expect(await change({ user_id: ids['sam']!, role: 'supervisor' }, ids['ada']!)).toMatchObject({
			ok: true
		});
		expect(await repos.users.get(ids['sam']!)).toMatchObject({ role: 'supervisor' });
	});

	it('the last enabled admin cannot be disabled; with a second admin they can', async () => {
		const users = new AdminUsersService(handle.db);
		// Without an actor (a maintenance script), only the last-admin rule stands in the way.
		expect(await disableUser(handle.db, ids['sam']!, null, NOW)).toMatchObject({
			ok: false,
			status: 400,
			message: expect.stringContaining('last enabled admin')
		});
		expect(await repos.users.get(ids['sam']!)).toMatchObject({ disabled_at: null });
		await person('ada', 'admin');
		const token = await signedIn('ada');
		expect(await users.setDisabled(ids['ada']!, true, ids['sam']!, NOW)).toEqual({ ok: true, value: null });
		expect(await auth.authenticate(token, NOW)).toBeNull();
		// A disabled admin does not count: sam is the last enabled one again.
		expect(await disableUser(handle.db, ids['sam']!, null, NOW)).toMatchObject({ ok: false, status: 400 });
		await users.setDisabled(ids['ada']!, false, ids['sam']!, NOW);
		expect(await users.setDisabled(ids['sam']!, true, ids['ada']!, NOW)).toEqual({ ok: true, value: null });
		expect(await repos.users.get(ids['sam']!)).toMatchObject({ disabled_at: NOW.toISOString() });
		// Disabling a non-admin is never held up by the rule.
		expect(await users.setDisabled(ids['dana']!, true, ids['ada']!, NOW)).toEqual({ ok: true, value: null });
	});

	it('two admins disabling each other at the same moment leave one enabled admin', async () => {
		await person('ada', 'admin');
		const results = await Promise.all([
			disableUser(handle.db, ids['sam']!, ids['ada']!, NOW),
			disableUser(handle.db, ids['ada']!, ids['sam']!, NOW)
		]);
		expect(results.filter((result) => result.ok)).toHaveLength(1);
		const admins = (await repos.users.list()).filter((user) => user.role === 'admin' && !user.disabled_at);
		expect(admins).toHaveLength(1);
	});

	it('two admins demoting each other at the same moment leave one admin', async () => {
		await person('ada', 'admin');
		const results = await Promise.all([
			change({ user_id: ids['sam']!, role: 'supervisor' }, ids['ada']!),
			change({ user_id: ids['ada']!, role: 'supervisor' }, ids['sam']!)
		]);
		expect(results.filter((result) => result.ok)).toHaveLength(1);
		const admins = (await repos.users.list()).filter((user) => user.role === 'admin');
		expect(admins).toHaveLength(1);
	});
});
