import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../../tests/server/backends';
import { mutation, NOW, syncWorld, type SyncWorld } from '../../../../tests/server/sync-world';
import type { DatabaseHandle } from '../db/connect';
import { AuthService, BAD_CREDENTIALS, sessionIdFor } from './auth-service';
import { hashPassword } from './password';
import {
	bindSessionToDevice,
	disableUser,
	enableUser,
	restoreDevice,
	revokeDevice,
	securityEventsFor
} from './revocation';
import { SignInThrottle } from './throttle';

const meta = { userAgent: 'test', ip: '127.0.0.1', now: NOW };
const tablet = '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716';
const phone = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

describe.each(testBackends())('revocation on $name', (backend) => {
	let handle: DatabaseHandle;
	let drop: () => Promise<void>;
	let world: SyncWorld;
	let auth: AuthService;

	beforeEach(async () => {
		({ handle, drop } = await backend.create());
		world = await syncWorld(handle);
		await world.givenOrder('CS-000001');
		await world.repos.users.setPasswordHash(world.dana.id, await hashPassword('right'));
		auth = new AuthService(world.repos, new SignInThrottle(handle.db));
	});
	afterEach(async () => {
		world.cleanup();
		await drop();
	});

	async function signedIn(): Promise<string> {
		const result = await auth.signIn('dana', 'right', meta);
		if (!result.ok) throw new Error(result.message);
		return result.token;
	}

	async function workDone(): Promise<{ notes: number; log: number; status: string | undefined }> {
		const notes = await handle.db.selectFrom('notes').select('id').execute();
		const log = await handle.db.selectFrom('mutation_log').select('mutation_id').execute();
		const order = await world.repos.workOrders.get('CS-000001');
		return { notes: notes.length, log: log.length, status: order?.field_status };
	}

	it('disabling a user ends every session, signs out every device and records who did it', async () => {
		const first = await signedIn();
		const second = await signedIn();
		await world.pushOk(world.dana, tablet, [mutation(1, 'startWork', { orderId: 'CS-000001' })]);
		await world.pushOk(world.dana, phone, []);

		const result = await disableUser(handle.db, world.dana.id, world.supervisor.id, NOW);

		expect(result).toEqual({ ok: true, sessionsEnded: 2, devicesChanged: 2 });
		expect(await auth.authenticate(first, NOW)).toBeNull();
		expect(await auth.authenticate(second, NOW)).toBeNull();
		expect((await world.repos.users.get(world.dana.id))?.disabled_at).toBe(NOW.toISOString());
		for (const device of [tablet, phone]) {
			expect((await world.repos.devices.get(device))?.revoked_at).toBe(NOW.toISOString());
			expect((await world.push(world.dana, device, [])).status).toBe(403);
		}
		const [event] = await securityEventsFor(handle.db, world.dana.id);
		expect(event).toMatchObject({
			action: 'user-disabled',
			actor_user_id: world.supervisor.id,
			subject_user_id: world.dana.id,
			at: NOW.toISOString()
		});
		expect(JSON.parse(event!.detail)).toEqual({ sessionsEnded: 2, devicesChanged: 2 });
	});

	it('keeps the work the server already applied', async () => {
		await world.pushOk(world.dana, tablet, [
			mutation(1, 'startWork', { orderId: 'CS-000001' }),
			mutation(2, 'addNote', { orderId: 'CS-000001', noteId: crypto.randomUUID(), body: 'Cones out' })
		]);
		const before = await workDone();
		expect(before).toMatchObject({ notes: 1, log: 2, status: 'in_progress' });

		await revokeDevice(handle.db, tablet, null, NOW);
		await disableUser(handle.db, world.dana.id, null, NOW);

		expect(await workDone()).toEqual(before);
	});

	it('a disabled user gets the same answer as a wrong password, even with the right one', async () => {
		const wrong = await auth.signIn('dana', 'wrong', meta);
		await disableUser(handle.db, world.dana.id, null, NOW);
		const disabled = await auth.signIn('dana', 'right', meta);
		const unknown = await auth.signIn('nobody-here', 'right', meta);
		expect(wrong).toEqual({ ok: false, message: BAD_CREDENTIALS });
		expect(disabled).toEqual(wrong);
		expect(unknown).toEqual(wrong);
	});

	it('enabling lets the user back in and brings back only the devices the disabling took', async () => {
		await world.pushOk(world.dana, tablet, []);
		await world.pushOk(world.dana, phone, []);
		const lostAt = new Date(NOW.getTime() - 60_000);
		await revokeDevice(handle.db, phone, world.supervisor.id, lostAt);
		await disableUser(handle.db, world.dana.id, world.supervisor.id, NOW);

		expect(await enableUser(handle.db, world.dana.id, world.supervisor.id, NOW)).toEqual({
			ok: true,
			sessionsEnded: 0,
			devicesChanged: 1
		});
		await signedIn();
		expect((await world.push(world.dana, tablet, [])).status).toBe(200);
		expect((await world.push(world.dana, phone, [])).status).toBe(403);
		const actions = (await securityEventsFor(handle.db, world.dana.id)).map((event) => event.action);
		expect(actions).toEqual(['user-enabled', 'user-disabled', 'device-revoked']);
	});

	it('a lost tablet: its bound sessions end, other sessions live on, its sync is refused until restored', async () => {
		const onTablet = await signedIn();
		const onPhone = await signedIn();
		await world.pushOk(world.dana, tablet, []);
		await bindSessionToDevice(handle.db, sessionIdFor(onTablet), world.dana.id, tablet);

		const result = await revokeDevice(handle.db, tablet, world.supervisor.id, NOW);

		expect(result).toEqual({ ok: true, sessionsEnded: 1, devicesChanged: 1 });
		expect(await auth.authenticate(onTablet, NOW)).toBeNull();
		expect((await auth.authenticate(onPhone, NOW))?.user.id).toBe(world.dana.id);
		const refused = await world.push(world.dana, tablet, []);
		expect(refused).toMatchObject({ status: 403, body: { error: expect.stringMatching(/signed out/) } });
		expect((await world.sync.pull(world.dana, { deviceId: tablet }, NOW)).status).toBe(403);

		await restoreDevice(handle.db, tablet, world.supervisor.id, NOW);
		expect((await world.push(world.dana, tablet, [])).status).toBe(200);
		expect(await auth.authenticate(onTablet, NOW)).toBeNull();
	});

	it('binds a session to a device once, and only for its own user', async () => {
		const token = await signedIn();
		const id = sessionIdFor(token);
		await world.pushOk(world.dana, tablet, []);
		await world.pushOk(world.sam, phone, []);
		await bindSessionToDevice(handle.db, id, world.dana.id, 'not-registered');
		await bindSessionToDevice(handle.db, id, world.dana.id, phone);
		await bindSessionToDevice(handle.db, id, world.sam.id, tablet);
		await bindSessionToDevice(handle.db, id, world.dana.id, tablet);
		await bindSessionToDevice(handle.db, id, world.dana.id, phone);
		const row = await handle.db
			.selectFrom('sessions')
			.select('device_id')
			.where('id', '=', id)
			.executeTakeFirst();
		expect(row?.device_id).toBe(tablet);
	});

	it('refuses to disable oneself and reports unknown users and devices', async () => {
		expect(await disableUser(handle.db, world.supervisor.id, world.supervisor.id, NOW)).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await disableUser(handle.db, 'nobody', null, NOW)).toMatchObject({ ok: false, status: 404 });
		expect(await enableUser(handle.db, 'nobody', null, NOW)).toMatchObject({ ok: false, status: 404 });
		expect(await revokeDevice(handle.db, 'nothing', null, NOW)).toMatchObject({ ok: false, status: 404 });
		expect(await restoreDevice(handle.db, 'nothing', null, NOW)).toMatchObject({ ok: false, status: 404 });
	});

	it('session lookup refuses expired and signed-out sessions', async () => {
		const token = await signedIn();
		const later = new Date(NOW.getTime() + 15 * 24 * 60 * 60 * 1000);
		expect(await auth.authenticate(token, later)).toBeNull();
		const other = await signedIn();
		await auth.signOut(sessionIdFor(other), NOW);
		expect(await auth.authenticate(other, NOW)).toBeNull();
	});
});
