/** Admin services: people, crews and services, with their validation and their effect on sign-in and sync. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v } from '../../src/lib/domain';
import { AuthService } from '../../src/lib/server/auth/auth-service';
import { authorize } from '../../src/lib/server/auth/policy';
import { SignInThrottle } from '../../src/lib/server/auth/throttle';
import type { SessionUser } from '../../src/lib/server/auth/types';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { repositories, type Repositories } from '../../src/lib/server/repositories';
import { AdminCrewsService, crewForm } from '../../src/lib/server/services/admin-crews';
import { AdminServicesService, serviceSettingsForm } from '../../src/lib/server/services/admin-services';
import { formFields } from '../../src/lib/server/services/admin-support';
import { AdminUsersService, newUserForm, type NewUserForm } from '../../src/lib/server/services/admin-users';
import { testBackends } from './backends';
import { audit, givenCrew, givenService, givenUser, orderRow } from './fixtures';

const NOW = new Date('2026-11-03T09:00:00.000Z');
const meta = { userAgent: 'test', ip: '127.0.0.1', now: NOW };
const admin: SessionUser = {
	id: 'admin-1',
	username: 'sam',
	displayName: 'Sam',
	role: 'admin',
	crewId: null,
	department: null
};
const newCrewMember: NewUserForm = {
	username: 'new.crew',
	display_name: 'New Crew',
	role: 'crew',
	crew_id: 'north',
	department: 'Typed Department',
	password: 'a long enough passphrase'
};

function form(fields: Record<string, string>, checkboxes: string[] = []): Record<string, unknown> {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.set(key, value);
	return formFields(data, checkboxes);
}

describe('admin form validation', () => {
	it('refuses a short password, a bad username and a crew member without a crew, all at once', () => {
		const result = v.validate(
			newUserForm,
			form({ username: 'a b', display_name: 'X', role: 'crew', password: 'short' })
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues.map((i) => i.path).sort()).toEqual(['crew_id', 'password', 'username']);
		expect(result.issues.find((i) => i.path === 'password')?.message).toBe(
			'password must be between 12 and 256 characters long'
		);
	});

	it('reads unticked checkboxes as false and checks the colour and SLA hours', () => {
		const crew = v.validate(
			crewForm,
			form({ name: 'Streets East', department: 'Public Works', color: 'green' }, ['active'])
		);
		expect(crew.ok ? [] : crew.issues.map((i) => i.path)).toEqual(['color']);
		const service = v.validate(
			serviceSettingsForm,
			form({ service_code: 'POTHOLE', sla_hours: '0', department: 'Public Works' }, [
				'after_photo',
				'time_on_site',
				'materials',
				'active'
			])
		);
		expect(service.ok ? [] : service.issues.map((i) => `${i.path}:${i.code}`)).toEqual(['sla_hours:range']);
	});

	it('admits only admins to the admin pages', () => {
		const as = (role: SessionUser['role']) => ({ ...admin, role });
		for (const path of ['/admin', '/admin/users', '/admin/crews', '/admin/services', '/admin/api-keys']) {
			expect(authorize(path, as('admin'))).toBe('allow');
			expect(authorize(path, as('supervisor'))).toBe('forbidden');
			expect(authorize(path, as('crew'))).toBe('forbidden');
			expect(authorize(path, null)).toBe('sign-in');
		}
	});
});

describe.each(testBackends())('admin services on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;
	let repos: Repositories;

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		repos = repositories(handle.db);
		await givenService(repos);
		await givenCrew(repos, 'north', 'Streets North');
		await givenUser(repos, admin.id, 'sam');
	});
	afterEach(async () => drop());

	describe('users', () => {
		it('creates a crew member in their crew and department who can then sign in', async () => {
			const created = await new AdminUsersService(handle.db).create(newCrewMember, NOW);
			expect(created.ok).toBe(true);
			const user = await repos.users.getByUsername('new.crew');
			expect(user).toMatchObject({
				role: 'crew',
				crew_id: 'north',
				department: 'Public Works',
				disabled_at: null
			});
			const auth = new AuthService(repos, new SignInThrottle(handle.db));
			expect((await auth.signIn('new.crew', 'a long enough passphrase', meta)).ok).toBe(true);
		});

		it('refuses a username in use (whatever its case) and a crew that does not exist', async () => {
			const users = new AdminUsersService(handle.db);
			expect(await users.create({ ...newCrewMember, username: 'SAM' }, NOW)).toMatchObject({
				ok: false,
				issues: [{ path: 'username', code: 'taken' }]
			});
			expect(await users.create({ ...newCrewMember, crew_id: 'ghost' }, NOW)).toMatchObject({
				ok: false,
				issues: [{ path: 'crew_id' }]
			});
			expect(await repos.users.count()).toBe(1);
		});

		it('gives supervisors no crew, whatever the form sent', async () => {
			await new AdminUsersService(handle.db).create(
				{ ...newCrewMember, username: 'lee', role: 'supervisor', department: 'Parks' },
				NOW
			);
			expect(await repos.users.getByUsername('lee')).toMatchObject({ crew_id: null, department: 'Parks' });
		});

		it('disabling ends the sessions at once and enabling lets the person back in', async () => {
			const users = new AdminUsersService(handle.db);
			await users.create(newCrewMember, NOW);
			const auth = new AuthService(repos, new SignInThrottle(handle.db));
			const session = await auth.signIn('new.crew', 'a long enough passphrase', meta);
			if (!session.ok) throw new Error('sign-in failed');
			const id = session.user.id;
			expect(await users.setDisabled(id, true, admin.id, NOW)).toEqual({ ok: true, value: null });
			expect(await auth.authenticate(session.token, NOW)).toBeNull();
			expect((await auth.signIn('new.crew', 'a long enough passphrase', meta)).ok).toBe(false);
			await users.setDisabled(id, false, admin.id, NOW);
			expect((await auth.signIn('new.crew', 'a long enough passphrase', meta)).ok).toBe(true);
		});

		it('refuses to let admins disable themselves', async () => {
			expect(await new AdminUsersService(handle.db).setDisabled(admin.id, true, admin.id, NOW)).toMatchObject(
				{
					ok: false
				}
			);
		});

		it('resets a password and ends the sessions made with the old one', async () => {
			const users = new AdminUsersService(handle.db);
			await users.create(newCrewMember, NOW);
			const auth = new AuthService(repos, new SignInThrottle(handle.db));
			const session = await auth.signIn('new.crew', 'a long enough passphrase', meta);
			if (!session.ok) throw new Error('sign-in failed');
			expect((await users.resetPassword(session.user.id, 'another long passphrase', NOW)).ok).toBe(true);
			expect(await auth.authenticate(session.token, NOW)).toBeNull();
			expect((await auth.signIn('new.crew', 'a long enough passphrase', meta)).ok).toBe(false);
			expect((await auth.signIn('new.crew', 'another long passphrase', meta)).ok).toBe(true);
		});
	});

	describe('crews', () => {
		it('creates, renames, moves and retires a crew, refusing a second crew of the same name', async () => {
			const crews = new AdminCrewsService(handle.db);
			const created = await crews.create(
				{ name: 'Tree Team', department: 'Forestry', color: '#AA3300', active: true },
				NOW
			);
			if (!created.ok) throw new Error('create failed');
			expect(created.value).toMatchObject({ name: 'Tree Team', color: '#aa3300', active: 1 });
			expect(
				await crews.create({ name: 'streets north', department: 'X', color: '#000000', active: true }, NOW)
			).toMatchObject({
				ok: false,
				issues: [{ path: 'name', code: 'taken' }]
			});
			await crews.update(created.value.id, {
				name: 'Canopy Crew',
				department: 'Parks',
				color: '#003300',
				active: false
			});
			expect(await repos.crews.get(created.value.id)).toMatchObject({
				name: 'Canopy Crew',
				department: 'Parks',
				active: 0
			});
			expect(
				await crews.update('ghost', { name: 'X', department: 'Y', color: '#000000', active: true })
			).toMatchObject({
				ok: false
			});
		});
	});

	describe('services', () => {
		const settings = {
			service_code: 'POTHOLE',
			sla_hours: 48,
			department: 'Public Works',
			after_photo: true,
			time_on_site: true,
			materials: false,
			active: true
		};

		it('changes SLA hours and close requirements, resending the open orders crews hold', async () => {
			await repos.workOrders.insert(
				orderRow('CS-1', { crew_id: 'north', field_status: 'assigned' }),
				audit('created')
			);
			await repos.workOrders.insert(
				orderRow('CS-2', { crew_id: 'north', field_status: 'closed' }),
				audit('created')
			);
			await repos.workOrders.insert(orderRow('CS-3'), audit('created'));
			const seqBefore = async (id: string) => Number((await repos.workOrders.get(id))?.change_seq);
			const before = { a: await seqBefore('CS-1'), b: await seqBefore('CS-2'), c: await seqBefore('CS-3') };

			const result = await new AdminServicesService(handle.db).update(settings, admin, NOW);
			expect(result).toMatchObject({ ok: true, value: { ordersResent: 1 } });
			const service = await repos.services.get('POTHOLE');
			expect(service?.sla_hours).toBe(48);
			expect(JSON.parse(service?.close_requirements ?? '{}')).toEqual({
				afterPhoto: true,
				timeOnSite: true,
				materials: false
			});
			expect(await seqBefore('CS-1')).toBeGreaterThan(before.a);
			expect(await seqBefore('CS-2')).toBe(before.b);
			expect(await seqBefore('CS-3')).toBe(before.c);
			expect((await repos.history.listForOrder('CS-1')).at(-1)).toMatchObject({
				action: 'updated',
				actor_user_id: admin.id
			});
		});

		it('resends nothing when only the SLA changes, and refuses an unknown service', async () => {
			await repos.workOrders.insert(
				orderRow('CS-1', { crew_id: 'north', field_status: 'assigned' }),
				audit('created')
			);
			const services = new AdminServicesService(handle.db);
			// givenService requires only an after-photo.
			const same = { ...settings, time_on_site: false, sla_hours: 12 };
			expect(await services.update(same, admin, NOW)).toMatchObject({ ok: true, value: { ordersResent: 0 } });
			expect(await services.update({ ...settings, service_code: 'NOPE' }, admin, NOW)).toMatchObject({
				ok: false
			});
		});
	});
});
