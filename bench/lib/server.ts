/**
 * The built server as `npm start` runs it (from the bench's private copy of build/), on loopback,
 * and a byte-counting TCP relay in front of it: the browser talks to the relay, so every byte it
 * sends and receives (headers and bodies) is counted as it crosses the wire. The relay can also
 * cut every connection after a number of bytes, and shape the link (bandwidth and round trip) for
 * clients the DevTools network conditions do not reach.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const HOST = '127.0.0.1';

export interface RunningServer {
	origin: string;
	stop(): Promise<void>;
}

export interface ServerOptions {
	/** The folder holding scripts/start.js and build/ (see app.ts). */
	appDir: string;
	port: number;
	dataDir: string;
	/** '' for SQLite in dataDir. */
	databaseUrl: string;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const child: ChildProcess = spawn(process.execPath, [path.join(options.appDir, 'scripts', 'start.js')], {
		env: {
			...process.env,
			PORT: String(options.port),
			HOST,
			DATA_DIR: options.dataDir,
			DATABASE_URL: options.databaseUrl,
			SEED_DEMO: 'false'
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const origin = `http://${HOST}:${options.port}`;
	const deadline = Date.now() + 300_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
		if (Date.now() > deadline) throw new Error('the server did not start in 5 minutes');
		try {
			if ((await fetch(`${origin}/signin`)).ok) break;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	return {
		origin,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}

/** A link shaped in the relay: bytes per second each way and a round trip added to every burst. */
export interface LinkShape {
	upBytesPerSecond: number;
	downBytesPerSecond: number;
	roundTripMs: number;
}

export interface Relay {
	origin: string;
	/** Bytes the browser sent / received since the last reset. */
	sent: number;
	received: number;
	reset(): void;
	/** Drops every connection once `sent` reaches `bytes`, and refuses new ones until `restore()`. */
	cutAfter(bytes: number): Promise<void>;
	/** Drops every connection now and refuses new ones until `restore()`: the server is gone. */
	refuse(): void;
	restore(): void;
	shape(link: LinkShape | null): void;
	close(): Promise<void>;
}

export function startRelay(listenPort: number, targetPort: number): Promise<Relay> {
	const sockets = new Set<net.Socket>();
	let cutAt = Infinity;
	let refusing = false;
	let onCut: () => void = () => {};
	let link: LinkShape | null = null;

	const dropAll = () => {
		refusing = true;
		for (const socket of sockets) socket.destroy();
		onCut();
	};

	/** Forwards `from` to `to` through the link's bandwidth and half its round trip, in order. */
	const pipe = (from: net.Socket, to: net.Socket, up: boolean) => {
		let freeAt = 0;
		from.on('data', (chunk: Buffer) => {
			if (up) {
				relay.sent += chunk.length;
				if (relay.sent >= cutAt) return dropAll();
			} else relay.received += chunk.length;
			if (!link) return void to.write(chunk);
			const rate = up ? link.upBytesPerSecond : link.downBytesPerSecond;
			const now = Date.now();
			freeAt = Math.max(freeAt, now) + (chunk.length / rate) * 1000;
			const deliverAt = freeAt + link.roundTripMs / 2;
			// Back-pressure: stop reading while this direction's queue is long.
			if (freeAt - now > 200) from.pause();
			setTimeout(() => {
				if (!to.destroyed) to.write(chunk);
				if (Date.now() >= freeAt - 100) from.resume();
			}, deliverAt - now);
		});
		from.on('end', () => {
			const wait = link ? Math.max(0, freeAt - Date.now()) + link.roundTripMs / 2 : 0;
			setTimeout(() => to.end(), wait);
		});
	};

	const server = net.createServer((client) => {
		if (refusing) return void client.destroy();
		const upstream = net.connect(targetPort, HOST);
		for (const socket of [client, upstream]) {
			sockets.add(socket);
			socket.on('close', () => {
				sockets.delete(socket);
				(socket === client ? upstream : client).destroy();
			});
			socket.on('error', () => (socket === client ? upstream : client).destroy());
		}
		pipe(client, upstream, true);
		pipe(upstream, client, false);
	});

	const relay: Relay = {
		origin: `http://${HOST}:${listenPort}`,
		sent: 0,
		received: 0,
		reset: () => {
			relay.sent = 0;
			relay.received = 0;
		},
		cutAfter: (bytes) =>
			new Promise((resolve) => {
				cutAt = bytes;
				onCut = resolve;
			}),
		refuse: () => dropAll(),
		restore: () => {
			cutAt = Infinity;
			refusing = false;
			onCut = () => {};
		},
		shape: (next) => (link = next),
		close: () =>
			new Promise((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			})
	};
	return new Promise((resolve) => server.listen(listenPort, HOST, () => resolve(relay)));
}
