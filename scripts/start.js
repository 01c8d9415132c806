#!/usr/bin/env node
/**
 * `npm start`: builds the app when the build is missing or older than the sources, then serves it.
 * The server itself migrates the database and seeds the demo city on first start (src/hooks.server.ts).
 *
 * Environment: PORT (3000), HOST (127.0.0.1), DATABASE_URL (postgres://... for PostgreSQL),
 * DATA_DIR (./data), SEED_DEMO (set to false to start with an empty city), SOCKET_IDLE_TIMEOUT_S
 * (120: a connection that sends nothing for this long in the middle of a request is closed).
 */
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, buildIsStale } from './build-freshness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (buildIsStale(root)) {
	console.log('[curbside] Building the app (first start or sources changed)...');
	const status = buildApp(root);
	if (status !== 0) {
		console.error('[curbside] The build failed; see the messages above.');
		process.exit(status);
	}
}

process.env.PORT ??= '3000';
process.env.HOST ??= '127.0.0.1';
// Residents' apps post photos over slow links: give bodies room (photos get their own limit).
process.env.BODY_SIZE_LIMIT ??= '25M';

// adapter-node assumes https unless told otherwise, which would make SvelteKit's origin check
// refuse every form post over plain http. When no ORIGIN or PROTOCOL_HEADER is configured (a
// proxy in front would set those), we serve plain http ourselves and say so in a header that we
// always overwrite, so a client cannot spoof it.
const OWN_PROTOCOL_HEADER = 'x-curbside-protocol';
const plainHttp = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (plainHttp) process.env.PROTOCOL_HEADER = OWN_PROTOCOL_HEADER;

const { handler } = await import(path.join(root, 'build', 'handler.js'));
// Static files (the prerendered crew shell among them) are served before SvelteKit's hooks run,
// so the baseline security headers are set here for every response; SvelteKit's own responses
// then replace them with the full set, Content-Security-Policy included.
const BASELINE_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'same-origin',
	'X-Frame-Options': 'DENY',
	'Content-Security-Policy': "frame-ancestors 'none'"
};

/**
 * A path with broken percent-encoding (`%ED%A0%80`, a lone surrogate) makes SvelteKit answer with
 * an HTML page before any route runs; Open311 and API clients get their own error format instead.
 */
function malformedPathAnswer(url) {
	try {
		decodeURI((url ?? '/').split('?')[0]);
		return null;
	} catch {
		const path = (url ?? '').split('?')[0];
		const description = 'The address is not valid percent-encoded UTF-8.';
		if (path.startsWith('/open311/') && !path.endsWith('.json'))
			return {
				type: 'text/xml; charset=utf-8',
				body: `<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>400</code><description>${description}</description></error></errors>`
			};
		if (path.startsWith('/open311/'))
			return { type: 'application/json', body: JSON.stringify([{ code: 400, description }]) };
		return { type: 'application/json', body: JSON.stringify({ error: description }) };
	}
}

function socketIdleTimeoutMs(setting) {
	if (setting === undefined || setting === '') return 120_000;
	const seconds = Number(setting);
	if (!Number.isFinite(seconds) || seconds <= 0) {
		console.error(`[curbside] SOCKET_IDLE_TIMEOUT_S must be a number of seconds above 0, not "${setting}".`);
		process.exit(1);
	}
	return seconds * 1000;
}

const server = http.createServer((req, res) => {
	if (plainHttp) req.headers[OWN_PROTOCOL_HEADER] = 'http';
	for (const [name, value] of Object.entries(BASELINE_HEADERS)) res.setHeader(name, value);
	res.on('finish', () => {
		// A body refused before it was read (a 413 from its Content-Length) stays in the connection,
		// and the client's next request on it would wait behind those bytes until the keep-alive
		// timeout. Read them away so the connection serves the next request at once; the body's
		// reader is let go first, since it pauses the stream whenever its own queue is full.
		if (req.complete || req.destroyed) return;
		req.removeAllListeners('data');
		req.resume();
	});
	const malformed = malformedPathAnswer(req.url);
	if (malformed) {
		res.writeHead(400, { 'Content-Type': malformed.type });
		res.end(malformed.body);
		return;
	}
	handler(req, res);
});
// A photo over a weak mobile link can take minutes; Node's 5-minute default would cut it off.
server.requestTimeout = 15 * 60 * 1000;
// But a request whose sender went silent (a tablet that lost signal mid-upload, without the
// connection being reset) is not kept for those 15 minutes: after this long with no bytes either
// way its connection is closed, and the device resumes its upload where the server's copy ends.
// Live streams send a heartbeat every 15 s, so they never go this quiet.
server.timeout = socketIdleTimeoutMs(process.env.SOCKET_IDLE_TIMEOUT_S);
// Devices and proxies keep a connection open between syncs. Node closes an idle one after 5 s, and a
// request the client sends on it at that moment fails with a reset (seen under load as ECONNRESET);
// keep idle connections a minute instead. The headers timeout must stay above the keep-alive one.
server.keepAliveTimeout = 65 * 1000;
server.headersTimeout = 66 * 1000;

const port = Number(process.env.PORT);
server.listen(port, process.env.HOST, () => {
	const shown = ['127.0.0.1', '0.0.0.0', '::'].includes(process.env.HOST) ? 'localhost' : process.env.HOST;
	console.log(`[curbside] Serving http://${shown}:${port}`);
});

function shutDown(signal) {
	console.log(`[curbside] ${signal}: finishing open requests, then stopping.`);
	server.close(() => process.exit(0));
	server.closeIdleConnections();
	setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));
