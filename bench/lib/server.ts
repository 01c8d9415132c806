/**
 * The built server as `npm start` runs it, on loopback, and a byte-counting TCP relay in front of
 * it: the browser talks to the relay, so every byte it sends (headers and bodies) is counted as
 * it crosses the wire.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export const HOST = '127.0.0.1';

export interface RunningServer {
	stop(): Promise<void>;
}

export async function startServer(port: number, dataDir: string): Promise<RunningServer> {
	const child: ChildProcess = spawn(process.execPath, ['scripts/start.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST,
			DATA_DIR: dataDir,
			DATABASE_URL: '',
			SEED_DEMO: 'false'
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const deadline = Date.now() + 300_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
		try {
			if ((await fetch(`http://${HOST}:${port}/signin`)).ok) break;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return {
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}

export interface ByteCounter {
	port: number;
	/** Bytes the browser sent since the last reset. */
	sent: number;
	reset(): void;
	close(): Promise<void>;
}

export function startRelay(listenPort: number, targetPort: number): Promise<ByteCounter> {
	const sockets = new Set<net.Socket>();
	const counter: ByteCounter = {
		port: listenPort,
		sent: 0,
		reset: () => (counter.sent = 0),
		close: () =>
			new Promise((resolve) => {
				for (const socket of sockets) socket.destroy();
				relay.close(() => resolve());
			})
	};
	const relay = net.createServer((client) => {
		const upstream = net.connect(targetPort, HOST);
		for (const socket of [client, upstream]) {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
			socket.on('error', () => (socket === client ? upstream : client).destroy());
		}
		client.on('data', (chunk: Buffer) => (counter.sent += chunk.length));
		client.pipe(upstream);
		upstream.pipe(client);
	});
	return new Promise((resolve) => relay.listen(listenPort, HOST, () => resolve(counter)));
}
