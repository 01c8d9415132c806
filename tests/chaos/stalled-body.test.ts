import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDir } from './support/app';
import { ServerProcess } from './support/server';
import { chaosData, type ChaosData } from './support/world';

/**
 * A tablet loses signal in the middle of a request without the connection being reset: the server
 * stops hearing from it. scripts/start.js closes such a connection after SOCKET_IDLE_TIMEOUT_S of
 * silence (120 s; 3 s here) instead of holding it for the 15-minute request timeout that slow
 * uploads need, while a body that keeps arriving, however slowly, is still read to the end.
 * The socket layer does not depend on the database, so this runs on SQLite only.
 */
const PORT = 3179;
const IDLE_S = 3;
const SIGN_IN_BODY = JSON.stringify({ username: 'nobody.here', password: 'not the password' });

interface Outcome {
	/** The status line's code, or null when the connection closed without an answer. */
	status: number | null;
	/** Milliseconds from the first byte sent to the connection's close. */
	closedAfterMs: number;
}

/**
 * Sends a sign-in POST over a raw socket: the headers, then the body's bytes in `pieces`, one every
 * `gapMs`; `stopAfter` pieces are sent and then nothing more. Resolves when the server closes.
 */
function slowSignIn(pieces: number, gapMs: number, stopAfter = pieces): Promise<Outcome> {
	const body = Buffer.from(SIGN_IN_BODY);
	const size = Math.ceil(body.length / pieces);
	return new Promise((resolve, reject) => {
		const started = Date.now();
		let answer = '';
		const socket = net.connect(PORT, '127.0.0.1', () => {
			socket.write(
				[
					'POST /api/auth/signin HTTP/1.1',
					`Host: 127.0.0.1:${PORT}`,
					`Origin: http://127.0.0.1:${PORT}`,
					'Content-Type: application/json',
					`Content-Length: ${body.length}`,
					'Connection: close',
					'',
					''
				].join('\r\n')
			);
			let sent = 0;
			const next = () => {
				if (sent >= stopAfter || socket.destroyed) return;
				socket.write(body.subarray(sent * size, (sent + 1) * size));
				sent += 1;
				setTimeout(next, gapMs);
			};
			next();
		});
		socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
		socket.on('error', () => undefined); // a reset is one way the server closes it
		const guard = setTimeout(() => {
			socket.destroy();
			reject(new Error('The server kept a silent connection open for 60 s.'));
		}, 60_000);
		socket.on('close', () => {
			clearTimeout(guard);
			const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
			resolve({ status: status ? Number(status) : null, closedAfterMs: Date.now() - started });
		});
	});
}

describe('a request whose sender goes silent', () => {
	let data: ChaosData;
	let server: ServerProcess;

	beforeAll(async () => {
		data = await chaosData('stalled-body', 'sqlite');
		server = new ServerProcess({
			appDir: appDir(),
			port: PORT,
			dataDir: data.dataDir,
			databaseUrl: data.databaseUrl,
			logFile: `${data.logDir}/server.log`,
			env: { SOCKET_IDLE_TIMEOUT_S: String(IDLE_S) }
		});
		await server.start();
	}, 300_000);

	afterAll(async () => {
		await server?.stop();
		await data?.drop();
	});

	it('is closed after the idle timeout, unanswered, and the server goes on serving', async () => {
		const stalled = slowSignIn(4, 100, 2);
		// While that connection hangs, others are served.
		expect((await fetch(`${server.origin}/signin`)).status).toBe(200);
		const outcome = await stalled;
		expect(outcome.status).toBeNull();
		expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(IDLE_S * 1000 - 200);
		expect(outcome.closedAfterMs).toBeLessThan(IDLE_S * 1000 + 10_000);
		expect((await fetch(`${server.origin}/signin`)).status).toBe(200);
	});

	it('a body that keeps arriving, slower than the idle timeout in all, is read and answered', async () => {
		// Ten pieces a second apart: 9 s in all, never 3 s without a byte.
		const outcome = await slowSignIn(10, 1000);
		expect(outcome.closedAfterMs).toBeGreaterThan(IDLE_S * 1000 * 2);
		expect(outcome.status).toBe(401);
	});
});
