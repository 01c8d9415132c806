/**
 * A second server process on the same data, configured as behind a TLS-terminating proxy
 * (PROTOCOL_HEADER=x-forwarded-proto), so a test can see what the app does over HTTPS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface SecondServer {
	url: string;
	stop(): Promise<void>;
}

/** Behind a proxy that says the protocol in x-forwarded-proto; `env` instead sets, e.g., ORIGIN. */
export async function startBehindProxy(
	port: number,
	dataDir: string,
	env: Record<string, string> = { PROTOCOL_HEADER: 'x-forwarded-proto', HOST_HEADER: 'x-forwarded-host' }
): Promise<SecondServer> {
	const child: ChildProcess = spawn(process.execPath, [path.resolve('build/index.js')], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
			...env
		},
		stdio: 'ignore'
	});
	const url = `http://127.0.0.1:${port}`;
	for (let attempt = 0; attempt < 120; attempt++) {
		try {
			await fetch(`${url}/signin`, { headers: { 'x-forwarded-proto': 'http' } });
			return {
				url,
				async stop() {
					child.kill('SIGTERM');
					await new Promise((resolve) => child.once('exit', resolve));
				}
			};
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
	child.kill('SIGTERM');
	throw new Error('The second server did not start');
}
