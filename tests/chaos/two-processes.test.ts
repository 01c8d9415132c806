import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TypedMutation } from '../../src/lib/domain/sync/mutations';
import type { SimulatedDevice } from '../sync/support/client';
import { randomPng, Random } from '../sync/support/random';
import { appDir } from './support/app';
import { expectExactlyOnce, expectPhotosIdentical, sha256 } from './support/checks';
import { crewDevice, sessionFetch, signIn, syncUntilSettled } from './support/device';
import { listenLive, type LiveListener } from './support/live';
import { startChaosProxy, type ChaosProxy } from './support/proxy';
import { ServerProcess } from './support/server';
import { chaosData, type ChaosData } from './support/world';

/**
 * Issue 9, chaos: two server processes on one PostgreSQL, the device's requests alternating between
 * them through a round-robin proxy (photo pieces of one upload land on different processes, a push
 * on one and the next pull on the other). Nothing is lost or doubled, and a supervisor connected
 * to each process sees every change live, whichever process wrote it (LISTEN/NOTIFY).
 */
const PIECE = 256 * 1024;

describe.runIf(Boolean(process.env.CHAOS_DATABASE_URL))('two server processes on one PostgreSQL', () => {
	let data: ChaosData;
	let servers: ServerProcess[];
	let proxy: ChaosProxy;
	let device: SimulatedDevice;
	let deviceId: string;
	let live: LiveListener[] = [];
	const made: TypedMutation[] = [];
	const taken = new Map<string, Uint8Array>();
	const random = new Random(7007);

	beforeAll(async () => {
		data = await chaosData('two', 'postgres');
		servers = [3173, 3174].map(
			(port) =>
				new ServerProcess({
					appDir: appDir(),
					port,
					dataDir: `${data.dataDir}/${port}`,
					databaseUrl: data.databaseUrl,
					logFile: `${data.logDir}/server-${port}.log`
				})
		);
		// One at a time: the first migrates and seeds the demo city, the second finds it there.
		for (const server of servers) await server.start();
		proxy = await startChaosProxy(servers.map((server) => server.origin));
		const cookie = await signIn(proxy.origin, 'dana.crew');
		device = crewDevice(`chaos-two-${Date.now()}`, 7007, sessionFetch(proxy.origin, cookie));
		deviceId = await device.init();
		await syncUntilSettled(device);
		const supervisor = await signIn(servers[0]!.origin, 'grace.supervisor');
		live = await Promise.all(servers.map((server) => listenLive(server.origin, supervisor)));
	}, 300_000);

	afterAll(async () => {
		for (const listener of live) listener.close();
		await device?.destroy();
		await proxy?.close();
		for (const server of servers ?? []) await server.stop();
		await data?.drop();
	});

	it('[S3][S7][S14] requests alternate between the processes: every change lands once, every photo whole, every change is seen live on both', async () => {
		const orders = (await device.db.orders.filter((order) => order.status === 'assigned').toArray()).slice(
			0,
			3
		);
		expect(orders).toHaveLength(3);
		for (const order of orders) {
			const bytes = randomPng(random, 2 * PIECE + 999);
			taken.set(sha256(bytes), bytes);
			made.push(await device.actions.startWork(order.id));
			made.push(await device.actions.addPhoto(order.id, new Blob([bytes], { type: 'image/png' }), 'after'));
			made.push(await device.actions.addNote(order.id, `Two processes, one database ${random.uuid()}`));
			made.push(
				await device.actions.closeOrder(order.id, {
					resolutionCode: 'fixed',
					notes: 'Closed across two processes.',
					timeOnSiteMinutes: 15,
					materials: [{ name: 'Cold patch', quantity: 1, unit: 'bag' }]
				})
			);
			// One sync per order: its pushes and pulls alternate between the processes.
			await syncUntilSettled(device);
		}
		const used = new Set(proxy.log.map((request) => request.upstream));
		expect([...used].sort()).toEqual([0, 1]);
		// The pieces of one upload went to both processes (chunks are kept in the database).
		const puts = proxy.log.filter((request) => request.method === 'PUT');
		expect(new Set(puts.map((request) => request.upstream)).size).toBe(2);

		for (const order of orders) for (const listener of live) await listener.waitFor(order.id, 'closed');

		const { handle, photos } = data.open();
		try {
			await expectExactlyOnce(handle, deviceId, made);
			await expectPhotosIdentical(handle, photos, taken);
		} finally {
			await handle.close();
		}
		// The device converged too: nothing pending, each order closed as the server has it.
		for (const order of orders) expect((await device.db.orders.get(order.id))?.status).toBe('closed');
		expect(await device.engine.pendingCount()).toBe(0);
	}, 300_000);
});
