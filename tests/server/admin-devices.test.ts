/**
 * The admin's devices page (lost tablet): the listing names whose device it is and how it was
 * signed out; signing one out through it ends the sessions it synced with and refuses its sync,
 * while the person's other device and the work already sent stay.
 */
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthService } from '../../src/lib/server/auth/auth-service';
import { listDevices } from '../../src/lib/server/auth/devices';
import { hashPassword } from '../../src/lib/server/auth/password';
import { bindSessionToDevice, disableUser, revokeDevice } from '../../src/lib/server/auth/revocation';
import { SignInThrottle } from '../../src/lib/server/auth/throttle';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { testBackends } from './backends';
import { mutation, NOW, syncWorld, type SyncWorld } from './sync-world';

const tablet = '0f1e2d3c-4b5a-4697-8877-665544332211';
const phone = '11223344-5566-4778-8899-aabbccddeeff';

describe.each(testBackends())('the devices an admin sees on $name', (backend) => {
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

	async function sessionOn(deviceId: string, userAgent: string): Promise<string> {
		const session = await auth.signIn('dana', 'right', { userAgent, ip: '127.0.0.1', now: NOW });
		if (!session.ok) throw new Error(session.message);
		const found = await auth.authenticate(session.token, NOW);
		await bindSessionToDevice(handle.db, found!.sessionId, world.dana.id, deviceId);
		return session.token;
	}

	it('lists each device with its person, crew and browser; a signed-out one ends only its own sessions', async () => {
		await world.pushOk(world.dana, tablet, [
			mutation(1, 'addNote', { orderId: 'CS-000001', noteId: crypto.randomUUID(), body: 'Kerb cracked' })
		]);
		await world.pushOk(world.dana, phone, []);
		const onTablet = await sessionOn(tablet, 'Tablet browser');
		const onPhone = await sessionOn(phone, 'Phone browser');

		const listed = await listDevices(handle.db);
		expect(listed.map((device) => [device.id, device.username, device.crewName, device.userAgent])).toEqual(
			expect.arrayContaining([
				[tablet, 'dana', 'Streets North', 'Tablet browser'],
				[phone, 'dana', 'Streets North', 'Phone browser']
			])
		);
		expect(listed.every((device) => device.revokedAt === null)).toBe(true);

		expect(await revokeDevice(handle.db, tablet, world.supervisor.id, NOW)).toEqual({
			ok: true,
			sessionsEnded: 1,
			devicesChanged: 1
		});
		expect(await auth.authenticate(onTablet, NOW)).toBeNull();
		expect(await auth.authenticate(onPhone, NOW)).not.toBeNull();
		const refused = await world.push(world.dana, tablet, []);
		expect(refused.status).toBe(403);
		// The note the tablet sent is still the city's record.
		const notes = await handle.db.selectFrom('notes').select('body').execute();
		expect(notes.map((note) => note.body)).toContain('Kerb cracked');

		const after = await listDevices(handle.db);
		expect(after.find((device) => device.id === tablet)).toMatchObject({
			revokedAt: NOW.toISOString(),
			revokedWithAccount: false
		});
		expect(after.find((device) => device.id === phone)?.revokedAt).toBeNull();
	});

	it('marks the devices a disabled account took with it', async () => {
		await world.pushOk(world.dana, phone, []);
		const later = new Date(NOW.getTime() + 60_000);
		expect((await disableUser(handle.db, world.dana.id, world.supervisor.id, later)).ok).toBe(true);
		expect((await listDevices(handle.db)).find((device) => device.id === phone)).toMatchObject({
			revokedAt: later.toISOString(),
			revokedWithAccount: true
		});
	});
});
