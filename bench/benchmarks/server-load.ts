/**
 * Server load: 300 simulated crew devices (Node fetch, keep-alive) syncing as fast as they can
 * for 60 s against the built server, on SQLite and on PostgreSQL. Each device has its own
 * session (inserted straight into the bench database: 300 scrypt sign-ins from one address
 * would only measure the sign-in throttle) and its own device id, and loops: push one mutation
 * (a note on one of its crew's orders, or a position), then pull from its cursor. No think time:
 * this is the most the stack serves, and the latency under that load.
 *
 * Then the stack's overhead: pull-only throughput over HTTP against, same database, crew and page,
 * - a bare query loop: the SQL statements one pull reads with (recorded from a real pull through
 *   Kysely's log), run straight through the database driver (better-sqlite3 or pg), with no
 *   Kysely, no sync logic, no mapping, no JSON and no HTTP; the pull's one write (the device's
 *   last-seen time, at most once a minute) is left out;
 * - the same pull run in-process in a loop (SyncService.pull: the queries and the mapping, no HTTP,
 *   no JSON), which splits that overhead between the sync code and the HTTP stack.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeCursor } from '../../src/lib/domain/sync/protocol';
import { sessionIdFor } from '../../src/lib/server/auth/auth-service';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { currentChangeSeq } from '../../src/lib/server/db/change-seq';
import { SyncService } from '../../src/lib/server/sync/sync-service';
import { recordPullReads, type PullReads } from '../lib/pull-reads';
import { log, percentile, type Benchmark } from '../lib/benchmark';
import { writeBenchCity, type BenchCity } from '../lib/city';
import { SERVER_PORT, type BenchEnv } from '../lib/env';
import { writeResult, type Figure } from '../lib/report';
import { startServer } from '../lib/server';

const DEVICES = 300;
const LOAD_SECONDS = 60;
const OVERHEAD_SECONDS = 10;
const OVERHEAD_CLIENTS = 16;
const PULL_LIMIT = 100;
const REQUEST_TIMEOUT_MS = 30_000;
const PG_DIR = '/tmp/pg-bench';
const PG_PORT = 54390;

export interface Device {
	deviceId: string;
	cookie: string;
	user: SessionUser;
	orderIds: string[];
	cursor: string;
	nextMutationId: number;
}

interface LoadFigures {
	backend: string;
	devices: number;
	seconds: number;
	requests: number;
	requestsPerSecond: number;
	pushes: number;
	pulls: number;
	p50Ms: number;
	p99Ms: number;
	pullP50Ms: number;
	pullP99Ms: number;
	pushP50Ms: number;
	pushP99Ms: number;
	errors: number;
	errorKinds: Record<string, number>;
	httpPullsPerSecond: number;
	/** The pull's own SELECT statements through the driver, per second (see the header). */
	queryPullsPerSecond: number;
	/** The statements one pull reads with (the bare query loop runs them). */
	pullSql: string[];
	inProcessPullsPerSecond: number;
	/** HTTP / bare query loop: the measure of the whole stack's overhead. */
	overheadVersusQueries: number;
	/** HTTP / in-process SyncService.pull: the HTTP stack's share. */
	overheadVersusInProcess: number;
	/**
	 * The machine's 1-minute load average as the load started and as it ended. The server gets a
	 * share of 2 cores with everything else running: read req/s and latency beside it.
	 */
	loadAverage: { start: number; end: number };
}

/** 300 devices spread over every crew member, each with a fresh session. */
export async function makeDevices(city: BenchCity): Promise<Device[]> {
	const handle = city.open();
	try {
		const { db } = handle;
		const users = await db
			.selectFrom('users')
			.selectAll()
			.where('role', '=', 'crew')
			.orderBy('username')
			.execute();
		const cursor = encodeCursor(await currentChangeSeq(db));
		const ordersOf = new Map<string, string[]>();
		for (const user of users) {
			if (!user.crew_id || ordersOf.has(user.crew_id)) continue;
			const rows = await db
				.selectFrom('work_orders')
				.select('id')
				.where('crew_id', '=', user.crew_id)
				.where('field_status', 'in', ['assigned', 'in_progress'])
				.limit(200)
				.execute();
			ordersOf.set(
				user.crew_id,
				rows.map((row) => row.id)
			);
		}
		const now = new Date();
		const devices: Device[] = [];
		const sessions = [];
		for (let index = 0; index < DEVICES; index++) {
			const user = users[index % users.length];
			if (!user?.crew_id) throw new Error('no crew users');
			const token = crypto.randomBytes(32).toString('base64url');
			sessions.push({
				id: sessionIdFor(token),
				user_id: user.id,
				device_id: null,
				created_at: now.toISOString(),
				expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
				last_seen_at: now.toISOString(),
				revoked_at: null,
				user_agent: 'curbside-bench',
				ip: '127.0.0.1'
			});
			devices.push({
				deviceId: crypto.randomUUID(),
				cookie: `curbside_session=${token}`,
				user: {
					id: user.id,
					username: user.username,
					displayName: user.display_name,
					role: 'crew',
					crewId: user.crew_id,
					department: user.department
				},
				orderIds: ordersOf.get(user.crew_id) ?? [],
				// Each device starts caught up, as after its first sync: the load is the day's sync ticks.
				cursor,
				nextMutationId: 1
			});
		}
		for (let start = 0; start < sessions.length; start += 100)
			await db
				.insertInto('sessions')
				.values(sessions.slice(start, start + 100))
				.execute();
		return devices;
	} finally {
		await handle.close();
	}
}

function nextMutation(device: Device, index: number) {
	const id = device.nextMutationId;
	const capturedAt = new Date().toISOString();
	const orderId = device.orderIds[index % Math.max(1, device.orderIds.length)];
	if (orderId && index % 2 === 0) {
		return {
			id,
			name: 'addNote',
			args: {
				noteId: crypto.randomUUID(),
				orderId,
				body: `Load note ${id} from ${device.deviceId.slice(0, 8)}`
			},
			capturedAt
		};
	}
	return {
		id,
		name: 'recordLocation',
		args: { lat: 41.94 + (index % 100) / 10_000, long: -85.63, accuracyM: 8 },
		capturedAt
	};
}

/**
 * One request, timed until its whole body has arrived and been read by `read`. A failure at any
 * point (no answer, an error status, a body cut off or late past the timeout) counts as an error.
 */
async function timed<T>(
	kind: 'push' | 'pull',
	request: () => Promise<Response>,
	read: (response: Response) => Promise<T>,
	samples: Record<'push' | 'pull', number[]>,
	errors: Record<string, number>
): Promise<T | null> {
	const started = performance.now();
	const count = (what: string) => (errors[`${kind} ${what}`] = (errors[`${kind} ${what}`] ?? 0) + 1);
	try {
		const response = await request();
		if (!response.ok) {
			await response.arrayBuffer().catch(() => null);
			samples[kind].push(performance.now() - started);
			count(`HTTP ${response.status}`);
			return null;
		}
		const value = await read(response);
		samples[kind].push(performance.now() - started);
		return value;
	} catch (error) {
		count(error instanceof Error ? error.name : 'error');
		return null;
	}
}

export async function runLoad(origin: string, devices: Device[], loadSeconds = LOAD_SECONDS) {
	const samples: Record<'push' | 'pull', number[]> = { push: [], pull: [] };
	const errors: Record<string, number> = {};
	const endAt = Date.now() + loadSeconds * 1000;
	const started = performance.now();
	await Promise.all(
		devices.map(async (device, deviceIndex) => {
			for (let tick = deviceIndex; Date.now() < endAt; tick++) {
				const mutation = nextMutation(device, tick);
				const pushed = await timed(
					'push',
					() =>
						fetch(`${origin}/api/sync/push`, {
							method: 'POST',
							headers: { cookie: device.cookie, 'content-type': 'application/json', origin },
							body: JSON.stringify({ deviceId: device.deviceId, mutations: [mutation] }),
							signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
						}),
					(response) => response.arrayBuffer(),
					samples,
					errors
				);
				if (pushed) device.nextMutationId += 1;
				const query = new URLSearchParams({
					deviceId: device.deviceId,
					cursor: device.cursor,
					limit: String(PULL_LIMIT)
				});
				const pulled = await timed(
					'pull',
					() =>
						fetch(`${origin}/api/sync/pull?${query}`, {
							headers: { cookie: device.cookie },
							signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
						}),
					async (response) => ((await response.json()) as { cursor: string }).cursor,
					samples,
					errors
				);
				if (pulled !== null) device.cursor = pulled;
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;
	return { samples, errors, seconds };
}

/**
 * Pulls per second of the same first page over HTTP, as a bare loop of its SQL, and in-process,
 * `OVERHEAD_SECONDS` each.
 */
async function measureOverhead(origin: string, city: BenchCity, device: Device) {
	const query = new URLSearchParams({ deviceId: device.deviceId, limit: String(PULL_LIMIT) });
	const loop = async (once: () => Promise<void>) => {
		let count = 0;
		const endAt = Date.now() + OVERHEAD_SECONDS * 1000;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: OVERHEAD_CLIENTS }, async () => {
				while (Date.now() < endAt) {
					await once();
					count += 1;
				}
			})
		);
		return count / ((performance.now() - started) / 1000);
	};
	const http = await loop(async () => {
		const response = await fetch(`${origin}/api/sync/pull?${query}`, { headers: { cookie: device.cookie } });
		if (!response.ok) throw new Error(`pull answered ${response.status}`);
		await response.arrayBuffer();
	});
	const pullOnce = async (service: SyncService) => {
		const answer = await service.pull(
			device.user,
			{ deviceId: device.deviceId, limit: PULL_LIMIT },
			new Date()
		);
		if (answer.status !== 200) throw new Error(`pull answered ${answer.status}`);
	};
	let reads: PullReads | null = null;
	const handle = city.open();
	try {
		reads = await recordPullReads(city, (db) => pullOnce(new SyncService(db, { has: async () => true })));
		const queries = await loop(() => (reads as PullReads).runOnce());
		const service = new SyncService(handle.db, { has: async () => true });
		const inProcess = await loop(() => pullOnce(service));
		return { http, queries, sql: reads.sql, inProcess };
	} finally {
		await reads?.close();
		await handle.close();
	}
}

async function loadBackend(
	env: BenchEnv,
	backend: 'sqlite' | 'postgres',
	databaseUrl: string
): Promise<LoadFigures> {
	log(`${backend}: writing a city of 5,000 requests...`);
	const city = await writeBenchCity({ requests: 5_000, crews: {}, databaseUrl });
	const server = await startServer({
		appDir: env.appDir(),
		port: SERVER_PORT,
		dataDir: city.dataDir,
		databaseUrl
	});
	try {
		const devices = await makeDevices(city);
		log(`${backend}: ${devices.length} devices syncing for ${LOAD_SECONDS} s...`);
		const loadAtStart = os.loadavg()[0] ?? 0;
		const { samples, errors, seconds } = await runLoad(server.origin, devices);
		const loadAverage = { start: loadAtStart, end: os.loadavg()[0] ?? 0 };
		const all = [...samples.push, ...samples.pull].sort((a, b) => a - b);
		const pulls = [...samples.pull].sort((a, b) => a - b);
		const pushes = [...samples.push].sort((a, b) => a - b);
		const errorCount = Object.values(errors).reduce((sum, n) => sum + n, 0);
		// Answered requests (any status) plus those that got no answer at all.
		const unanswered = Object.entries(errors)
			.filter(([kind]) => !kind.includes('HTTP'))
			.reduce((sum, [, n]) => sum + n, 0);
		const requests = all.length + unanswered;
		const overhead = await measureOverhead(server.origin, city, devices[0] as Device);
		const figures: LoadFigures = {
			backend,
			devices: devices.length,
			seconds,
			requests,
			requestsPerSecond: all.length / seconds,
			pushes: pushes.length,
			pulls: pulls.length,
			p50Ms: percentile(all, 50),
			p99Ms: percentile(all, 99),
			pullP50Ms: percentile(pulls, 50),
			pullP99Ms: percentile(pulls, 99),
			pushP50Ms: percentile(pushes, 50),
			pushP99Ms: percentile(pushes, 99),
			errors: errorCount,
			errorKinds: errors,
			httpPullsPerSecond: overhead.http,
			queryPullsPerSecond: overhead.queries,
			pullSql: overhead.sql,
			inProcessPullsPerSecond: overhead.inProcess,
			overheadVersusQueries: overhead.http / overhead.queries,
			overheadVersusInProcess: overhead.http / overhead.inProcess,
			loadAverage
		};
		log(
			`${backend}: ${figures.requestsPerSecond.toFixed(0)} req/s, p50 ${figures.p50Ms.toFixed(0)} ms, p99 ${figures.p99Ms.toFixed(0)} ms, ${errorCount} errors ${JSON.stringify(errors)}; pull over HTTP ${overhead.http.toFixed(0)}/s vs its ${overhead.sql.length} SQL reads bare ${overhead.queries.toFixed(0)}/s vs in-process ${overhead.inProcess.toFixed(0)}/s; load average ${loadAverage.start.toFixed(1)} -> ${loadAverage.end.toFixed(1)}`
		);
		return figures;
	} finally {
		await server.stop();
		city.remove();
	}
}

function startPostgres(root: string): string | null {
	const script = path.join(root, '.ci', 'postgres.sh');
	if (!fs.existsSync(script)) return null;
	// A cluster left by a run that died would hold last run's city: start from nothing.
	if (fs.existsSync(PG_DIR)) stopPostgres(root);
	const started = spawnSync(script, ['start', PG_DIR, String(PG_PORT)], { encoding: 'utf8' });
	if (started.status !== 0) {
		log(`PostgreSQL did not start: ${started.stderr.trim()}`);
		return null;
	}
	return started.stdout.trim().split('\n').at(-1) ?? null;
}

function stopPostgres(root: string): void {
	spawnSync(path.join(root, '.ci', 'postgres.sh'), ['stop', PG_DIR], { stdio: 'inherit' });
	fs.rmSync(PG_DIR, { recursive: true, force: true });
}

function figuresOf(load: LoadFigures): Figure[] {
	const name = load.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL';
	return [
		{
			figure: `${name}: ${load.devices} devices, push+pull, requests/s`,
			value: Math.round(load.requestsPerSecond),
			unit: 'req/s'
		},
		{ figure: `${name}: latency p50 (all requests)`, value: Math.round(load.p50Ms), unit: 'ms' },
		{ figure: `${name}: latency p99 (all requests)`, value: Math.round(load.p99Ms), unit: 'ms' },
		{ figure: `${name}: errors in ${LOAD_SECONDS} s`, value: load.errors, unit: '', target: { max: 0 } },
		{
			figure: `${name}: pull throughput over HTTP / a bare loop of the pull's SQL`,
			value: load.overheadVersusQueries,
			unit: 'x'
		},
		{
			figure: `${name}: pull throughput over HTTP / the same pull in-process`,
			value: load.overheadVersusInProcess,
			unit: 'x'
		}
	];
}

export const serverLoad: Benchmark = {
	name: 'server-load',
	summary: `${DEVICES} devices pushing and pulling for ${LOAD_SECONDS} s on SQLite and PostgreSQL; HTTP vs bare SQL and in-process pull`,
	async run(env) {
		// The large city's server gives its port to the load servers.
		await env.stopCityServer();
		const results: LoadFigures[] = [await loadBackend(env, 'sqlite', '')];
		let postgresNote = '';
		const url = startPostgres(env.root);
		if (url) {
			try {
				results.push(await loadBackend(env, 'postgres', url));
			} finally {
				stopPostgres(env.root);
			}
		} else {
			postgresNote = 'PostgreSQL was not available (.ci/postgres.sh start failed); only SQLite was measured.';
			log(postgresNote);
		}
		await writeResult(env.root, 'server-load', results.flatMap(figuresOf), { results, postgresNote });
	}
};
