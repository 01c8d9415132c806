/**
 * One seed of the fuzz test: a crew's random shift (start, notes, photos, close, unable) interleaved
 * with sync attempts, reloads, a second tab and supervisor moves, all under network faults; then
 * faults off and sync until quiet. Everything random comes from the seed.
 */
import { ActionRefused } from '../../../src/lib/client/db/record';
import type { LocalOrder } from '../../../src/lib/client/db/schema';
import type { TypedMutation } from '../../../src/lib/domain/sync/mutations';
import { repositories } from '../../../src/lib/server/repositories';
import { FaultyNetwork, type Fault, type FaultStats } from './faulty-fetch';
import { SimulatedDevice } from './client';
import { Random, randomPng } from './random';
import { InProcessServer } from './server';
import { copyTemplate } from './seed-database';
import { CREW_USER, OTHER_CREW_ID, SUPERVISOR_ID, T0, type Template } from './world';
import { verifyConvergence } from './verify';

export interface ScenarioOptions {
	steps?: number;
	/** Let a supervisor reassign or cancel orders mid-shift (late reports, tombstones). */
	supervisor?: boolean;
	faults?: readonly Fault[];
	faultRate?: number;
}

export interface ScenarioReport {
	seed: number;
	mutations: number;
	photos: number;
	stats: FaultStats;
	restarts: number;
}

export async function runScenario(
	template: Template,
	seed: number,
	options: ScenarioOptions = {}
): Promise<ScenarioReport> {
	const random = new Random(seed);
	const database = await copyTemplate(template, seed);
	let clock = Date.parse(T0) + 3_600_000;
	const now = () => new Date((clock += random.int(1, 5_000)));
	const server = new InProcessServer(database.config, database.dir, CREW_USER, now);
	const network = new FaultyNetwork(server, random, options.faults);
	network.faultRate = options.faultRate ?? 0.3;
	const device = new SimulatedDevice({
		name: `curbside-seed-${seed}-${process.pid}`,
		random,
		fetch: network.fetch,
		now,
		chunkBytes: random.pick([64, 200, 1024]),
		pullLimit: random.int(2, 5)
	});
	const photoBytes = new Map<string, Uint8Array>();
	const committed: TypedMutation[] = [];
	try {
		const deviceId = await device.init();
		const steps = options.steps ?? random.int(8, 16);
		for (let step = 0; step < steps; step++) {
			const roll = random.next();
			if (roll < 0.45) await crewAction(device, random, photoBytes, committed);
			else if (roll < 0.78) await device.engine.sync();
			else if (roll < 0.86) {
				// A tap while a sync is running: the action's transaction interleaves with the sync's.
				const running = device.engine.sync();
				await crewAction(device, random, photoBytes, committed);
				await running;
			} else if (roll < 0.91) {
				const tab = device.secondTab();
				await Promise.all([device.engine.sync(), tab.engine.sync()]);
				tab.close();
			} else if (roll < 0.96) device.reload();
			else if (options.supervisor) await supervisorMove(server, random, now);
		}
		network.faultsOn = false;
		await network.drain();
		for (let round = 0; round < 6; round++) {
			const result = await device.engine.sync();
			if (result.ok && result.pending === 0) break;
		}
		await verifyConvergence({
			device,
			server,
			deviceId,
			photoBytes,
			committed,
			expectAllApplied: !options.supervisor
		});
		const meta = await device.db.meta.get('sync');
		return {
			seed,
			mutations: meta?.value.lastMutationId ?? 0,
			photos: photoBytes.size,
			stats: network.stats,
			restarts: server.restarts
		};
	} finally {
		await device.destroy();
		await server.close();
		await database.remove();
	}
}

/** Something a crew member would do next with the orders on screen; refusals by the app itself are fine. */
async function crewAction(
	device: SimulatedDevice,
	random: Random,
	photoBytes: Map<string, Uint8Array>,
	committed: TypedMutation[]
) {
	const orders = await device.db.orders.toArray();
	if (orders.length === 0) return;
	const order: LocalOrder = random.pick(orders);
	const { actions } = device;
	try {
		const roll = random.next();
		if (roll < 0.2) committed.push(await actions.startWork(order.id));
		else if (roll < 0.45)
			committed.push(await actions.addNote(order.id, `Note ${random.int(1, 9999)} on site`));
		else if (roll < 0.7) {
			const bytes = randomPng(random, random.int(50, 3_000));
			const kind = random.pick(['before', 'after', 'other'] as const);
			committed.push(await actions.addPhoto(order.id, new Blob([bytes], { type: 'image/png' }), kind));
			photoBytes.set(await sha256(bytes), bytes);
		} else if (roll < 0.88) {
			const fixed = random.chance(0.6);
			const close = await actions.closeOrder(order.id, {
				resolutionCode: fixed ? 'fixed' : 'no_problem_found',
				notes: random.chance(0.5) ? 'Filled and compacted' : '',
				timeOnSiteMinutes: random.int(5, 90)
			});
			committed.push(close);
		} else {
			const reason = random.pick(['no_access', 'weather', 'unsafe'] as const);
			committed.push(await actions.unableToComplete(order.id, reason));
		}
	} catch (error) {
		if (!(error instanceof ActionRefused)) throw error;
	}
}

/** The office moves on while the crew is offline: reassign an order to another crew, or cancel it. */
async function supervisorMove(server: InProcessServer, random: Random, now: () => Date) {
	const repos = repositories(server.db);
	const orders = await repos.workOrders.list({ crewId: CREW_USER.crewId ?? '' }, { limit: 50 });
	const open = orders.filter(
		(order) => order.field_status !== 'closed' && order.field_status !== 'cancelled'
	);
	if (open.length === 0) return;
	const order = random.pick(open);
	const audit = {
		at: now().toISOString(),
		actorUserId: SUPERVISOR_ID,
		actorKind: 'supervisor' as const,
		action: ''
	};
	if (random.chance(0.5)) {
		await repos.workOrders.update(
			order.id,
			{ crew_id: OTHER_CREW_ID, field_status: 'assigned' },
			{ ...audit, action: 'assigned' }
		);
	} else {
		await repos.workOrders.update(order.id, { field_status: 'cancelled' }, { ...audit, action: 'cancelled' });
	}
}

async function sha256(bytes: Uint8Array): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
	return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
