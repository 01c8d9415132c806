import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TypedMutation } from '../../src/lib/domain/sync/mutations';
import type { SimulatedDevice } from '../sync/support/client';
import { randomPng, Random } from '../sync/support/random';
import { appDir } from './support/app';
import { expectExactlyOnce, expectPhotosIdentical, sha256 } from './support/checks';
import { crewDevice, sessionFetch, signIn, syncUntilSettled } from './support/device';
import { startChaosProxy, type ChaosProxy } from './support/proxy';
import { ServerProcess } from './support/server';
import { chaosData, chaosEngines, type ChaosData } from './support/world';

/**
 * Issue 9, chaos: kill -9 the server in the middle of a photo upload and in the middle of a push,
 * start it again on the same data, and the device's work lands exactly once, every photo byte for
 * byte (docs/sync-spec.md S3, S7, S23; docs/performance.md "Chaos").
 */
const PORTS = { sqlite: 3171, postgres: 3172 } as const;
const PIECE = 256 * 1024;

describe.each(chaosEngines())('kill -9 the server on %s', (engine) => {
	let data: ChaosData;
	let server: ServerProcess;
	let proxy: ChaosProxy;
	let device: SimulatedDevice;
	let deviceId: string;
	const made: TypedMutation[] = [];
	const taken = new Map<string, Uint8Array>();
	const random = new Random(9009);

	beforeAll(async () => {
		data = await chaosData('kill', engine);
		server = new ServerProcess({
			appDir: appDir(),
			port: PORTS[engine],
			dataDir: data.dataDir,
			databaseUrl: data.databaseUrl,
			logFile: `${data.logDir}/server.log`
		});
		await server.start();
		proxy = await startChaosProxy([server.origin]);
		const cookie = await signIn(proxy.origin, 'dana.crew');
		device = crewDevice(`chaos-kill-${engine}-${Date.now()}`, 9009, sessionFetch(proxy.origin, cookie));
		deviceId = await device.init();
		await syncUntilSettled(device);
	}, 300_000);

	afterAll(async () => {
		await device?.destroy();
		await proxy?.close();
		await server?.stop();
		await data?.drop();
	});

	/** Orders of the crew still assigned on the device, untouched by earlier tests. */
	async function assignedOrders(count: number): Promise<string[]> {
		const touched = new Set(made.flatMap((m) => ('orderId' in m.args ? [m.args.orderId] : [])));
		const orders = await device.db.orders.filter((order) => order.status === 'assigned').toArray();
		const ids = orders.map((order) => order.id).filter((id) => !touched.has(id));
		expect(ids.length).toBeGreaterThanOrEqual(count);
		return ids.slice(0, count);
	}

	/** A close its service's rules accept whatever the service: after photo, time on site, materials. */
	async function closeWithPhoto(orderId: string, photoBytes: number): Promise<void> {
		const bytes = randomPng(random, photoBytes);
		taken.set(sha256(bytes), bytes);
		made.push(await device.actions.startWork(orderId));
		made.push(await device.actions.addPhoto(orderId, new Blob([bytes], { type: 'image/png' }), 'after'));
		made.push(await device.actions.addNote(orderId, `Chaos note on ${orderId} ${random.uuid()}`));
		made.push(
			await device.actions.closeOrder(orderId, {
				resolutionCode: 'fixed',
				notes: 'Patched under chaos.',
				timeOnSiteMinutes: 25,
				materials: [{ name: 'Cold patch', quantity: 2, unit: 'bags' }]
			})
		);
	}

	async function verify(): Promise<void> {
		const { handle, photos } = data.open();
		try {
			await expectExactlyOnce(handle, deviceId, made);
			await expectPhotosIdentical(handle, photos, taken);
		} finally {
			await handle.close();
		}
	}

	it('[S7][S23] killed mid photo upload: restarted, the upload resumes; the photo is byte-identical, the work lands once', async () => {
		for (const orderId of await assignedOrders(2)) await closeWithPhoto(orderId, 3 * PIECE + 1234);
		// The second piece of the first photo: 100 kB of it reach the server, then the server dies.
		const struck = proxy.plan({
			kind: 'cut-body',
			match: (method, url, headers) =>
				method === 'PUT' && url.startsWith('/api/photos/') && headers['upload-offset'] === String(PIECE),
			afterBytes: 100_000,
			action: () => server.kill9()
		});
		const restarted = struck.then(() => server.start());
		await syncUntilSettled(device);
		await restarted;
		expect(proxy.struck).toBe(1);
		await verify();
	}, 300_000);

	it('[S3][S23] killed mid push, before and after its commit: resent, every change lands exactly once', async () => {
		const [first, second] = await assignedOrders(2);
		await closeWithPhoto(first!, 40_000);
		// The push is cut halfway through its body: the server dies before it can commit anything.
		const cut = proxy.plan({
			kind: 'cut-body',
			match: (method, url) => method === 'POST' && url === '/api/sync/push',
			afterBytes: 200,
			action: () => server.kill9()
		});
		const back = cut.then(() => server.start());
		await syncUntilSettled(device);
		await back;

		await closeWithPhoto(second!, 40_000);
		// The server commits the push and answers, then dies before the device hears: the device
		// sends the same mutations again to the restarted server, which must skip them (S3).
		const lost = proxy.plan({
			kind: 'lose-response',
			match: (method, url) => method === 'POST' && url === '/api/sync/push',
			action: () => server.kill9()
		});
		const backAgain = lost.then(() => server.start());
		await syncUntilSettled(device);
		await backAgain;
		expect(proxy.struck).toBe(3);
		await verify();
	}, 300_000);
});
