/**
 * One server process as `npm start` runs it (the private app copy, loopback, its own port), which
 * the chaos tests kill with SIGKILL and start again on the same data. Only the pids started here
 * are ever signalled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ServerOptions {
	appDir: string;
	port: number;
	dataDir: string;
	/** '' for SQLite in dataDir. */
	databaseUrl: string;
	/** Where the process's output goes (appended), for a failed run's post-mortem. */
	logFile: string;
	/** More environment for the process (e.g. a shorter SOCKET_IDLE_TIMEOUT_S). */
	env?: Record<string, string>;
}

/** Children still running when the test runner exits (a crash, a timeout) are not left behind. */
const alive = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of alive) child.kill('SIGKILL');
});

export class ServerProcess {
	private child: ChildProcess | null = null;
	readonly origin: string;
	/** Every pid this object started, for the report. */
	readonly pids: number[] = [];

	constructor(private readonly options: ServerOptions) {
		this.origin = `http://127.0.0.1:${options.port}`;
	}

	get running(): boolean {
		return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
	}

	async start(timeoutMs = 240_000): Promise<void> {
		if (this.running) throw new Error(`the server on ${this.options.port} is already running`);
		fs.mkdirSync(path.dirname(this.options.logFile), { recursive: true });
		const log = fs.openSync(this.options.logFile, 'a');
		const child = spawn(process.execPath, [path.join(this.options.appDir, 'scripts', 'start.js')], {
			env: {
				...process.env,
				PORT: String(this.options.port),
				HOST: '127.0.0.1',
				DATA_DIR: this.options.dataDir,
				DATABASE_URL: this.options.databaseUrl,
				...this.options.env
			},
			stdio: ['ignore', log, log]
		});
		fs.closeSync(log);
		this.child = child;
		alive.add(child);
		child.once('exit', () => alive.delete(child));
		if (child.pid) this.pids.push(child.pid);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (!this.running) throw new Error(`the server on ${this.options.port} exited while starting`);
			if (Date.now() > deadline) throw new Error(`the server on ${this.options.port} did not start`);
			try {
				if ((await fetch(`${this.origin}/signin`, { signal: AbortSignal.timeout(5000) })).ok) return;
			} catch {
				// Not listening yet.
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** kill -9: no shutdown handler runs, open transactions die with the process. */
	async kill9(): Promise<void> {
		const child = this.child;
		if (!child || !this.running) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGKILL');
		await exited;
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (!child || !this.running) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
	}
}
