/**
 * Day's upload. Closures with two photos each are recorded offline through the app's local
 * actions (unique 4000x3000 camera JPEGs, see bench/page/camera.ts, compressed by the app's size rule),
 * then one sync uploads and pushes them; the relay in front of the server counts every byte each
 * way, and the DevTools protocol says which requests they belong to. Three runs, each on its own
 * freshly recorded work:
 * - loopback: 200 closures, 400 photos: bytes on the wire / compressed photo bytes;
 * - cut: the relay drops every connection once half the photo bytes went up, then lets the next
 *   sync in: photo bytes handed to PUT requests beyond the photos' own size = what was re-sent;
 * - low signal: the same size of day again, 200 closures and 400 photos, over ~400 kbit/s up,
 *   400 ms round trip. The engine runs in the page here (not the app's worker), so the DevTools
 *   network conditions (Network.emulateNetworkConditions) reach its requests; the sync must end
 *   with no request failing.
 * BENCH_DAY_CLOSURES and BENCH_DAY_LOW_SIGNAL_CLOSURES lower the counts on a loaded machine; the
 * figures' names always say the counts that ran.
 */
import type { CDPSession } from '@playwright/test';
import { inPage, log, type Benchmark } from '../lib/benchmark';
import { benchPage, SYNC_USER } from '../lib/env';
import { writeResult } from '../lib/report';

/** 200 by the issue. */
const CLOSURES = Number(process.env.BENCH_DAY_CLOSURES ?? 200);
const CUT_CLOSURES = 20;
const LOW_SIGNAL_CLOSURES = Number(process.env.BENCH_DAY_LOW_SIGNAL_CLOSURES ?? 200);
const PIECE_BYTES = 256 * 1024;
/** ~400 kbit/s up, a little more down, 400 ms round trip. */
const LOW_SIGNAL = { latency: 400, uploadThroughput: 400_000 / 8, downloadThroughput: 800_000 / 8 };

/** Bytes of one kind of request, both ways (request headers as sent, responses as received). */
interface WireKind {
	requests: number;
	failed: number;
	requestHeaderBytes: number;
	requestBodyBytes: number;
	responseHeaderBytes: number;
	/** Response headers and body, as received. */
	responseBytes: number;
}

interface RequestSeen {
	kind: string;
	requestHeaderBytes: number;
	requestBodyBytes: number;
	responseHeaderBytes: number;
	responseBytes: number;
	failed: boolean;
}

function kindOf(method: string, url: URL): string {
	if (url.pathname.startsWith('/api/photos/')) return `photo ${method}`;
	if (url.pathname.startsWith('/api/sync/')) return url.pathname.slice('/api/sync/'.length);
	return `other ${method}`;
}

/**
 * Where the bytes go, per kind of request (photo PUT, push, pull...), from the raw headers
 * Chromium reports: a per-request overhead shows up by name, not only in the relay's total.
 */
export async function watchWire(cdp: CDPSession): Promise<() => Record<string, WireKind>> {
	const seen = new Map<string, RequestSeen>();
	const entry = (id: string): RequestSeen => {
		let found = seen.get(id);
		if (!found) {
			found = {
				kind: 'other',
				requestHeaderBytes: 0,
				requestBodyBytes: 0,
				responseHeaderBytes: 0,
				responseBytes: 0,
				failed: false
			};
			seen.set(id, found);
		}
		return found;
	};
	await cdp.send('Network.enable');
	cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
		const url = new URL(request.url);
		const seenRequest = entry(requestId);
		seenRequest.kind = kindOf(request.method, url);
		// The request line; the headers come with requestWillBeSentExtraInfo.
		seenRequest.requestHeaderBytes +=
			`${request.method} ${url.pathname}${url.search} HTTP/1.1\r\n\r\n`.length;
	});
	cdp.on('Network.requestWillBeSentExtraInfo', ({ requestId, headers }) => {
		const seenRequest = entry(requestId);
		for (const [name, value] of Object.entries(headers)) {
			seenRequest.requestHeaderBytes += `${name}: ${String(value)}\r\n`.length;
			if (name.toLowerCase() === 'content-length') seenRequest.requestBodyBytes += Number(value);
		}
	});
	cdp.on('Network.responseReceivedExtraInfo', ({ requestId, headersText }) => {
		entry(requestId).responseHeaderBytes += headersText?.length ?? 0;
	});
	cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
		entry(requestId).responseBytes += encodedDataLength;
	});
	cdp.on('Network.loadingFailed', ({ requestId }) => {
		entry(requestId).failed = true;
	});
	return () => {
		const kinds: Record<string, WireKind> = {};
		for (const request of seen.values()) {
			const kind = (kinds[request.kind] ??= {
				requests: 0,
				failed: 0,
				requestHeaderBytes: 0,
				requestBodyBytes: 0,
				responseHeaderBytes: 0,
				responseBytes: 0
			});
			kind.requests += 1;
			kind.failed += request.failed ? 1 : 0;
			kind.requestHeaderBytes += request.requestHeaderBytes;
			kind.requestBodyBytes += request.requestBodyBytes;
			kind.responseHeaderBytes += request.responseHeaderBytes;
			kind.responseBytes += request.responseBytes;
		}
		seen.clear();
		return kinds;
	};
}

export function describeWire(kinds: Record<string, WireKind>): string {
	return Object.entries(kinds)
		.map(
			([name, kind]) =>
				`${name}: ${kind.requests} requests, up ${kind.requestHeaderBytes} header + ${kind.requestBodyBytes} body, down ${kind.responseBytes} (${kind.responseHeaderBytes} header)`
		)
		.join('; ');
}

export const dayUpload: Benchmark = {
	name: 'day-upload',
	summary: "a day's closures with photos: bytes on the wire, resume after a cut at 50%, low signal",
	async run(env) {
		const { relay } = await env.cityServer();
		const { context, page } = await benchPage(env, SYNC_USER);
		const cdp = await context.newCDPSession(page);
		try {
			const wireByKind = await watchWire(cdp);
			// 1. Loopback: the whole day.
			log(`recording ${CLOSURES} closures with ${CLOSURES * 2} photos offline...`);
			const day = await inPage(page, 'recordDay', CLOSURES);
			log(`recorded in ${(day.recordMs / 1000).toFixed(0)} s`);
			wireByKind();
			relay.reset();
			const upload = await inPage(page, 'uploadDay');
			if (!upload.ok || upload.pending !== 0) throw new Error(`the upload did not finish: ${upload.failure}`);
			const [wireUp, wireDown] = [relay.sent, relay.received];
			const wire = wireUp + wireDown;
			const overhead = wire / day.photoBytes;
			const loopbackWire = wireByKind();
			log(
				`loopback: ${day.photoBytes} photo bytes, ${wireUp} up + ${wireDown} down on the wire (${overhead.toFixed(3)}x) in ${upload.syncMs.toFixed(0)} ms`
			);
			log(`loopback by request: ${describeWire(loopbackWire)}`);

			// 2. Cut at half the photo bytes, then resume.
			const cutDay = await inPage(page, 'recordDay', CUT_CLOSURES);
			relay.reset();
			const cut = relay.cutAfter(Math.round(cutDay.photoBytes / 2));
			const broken = await inPage(page, 'uploadDay');
			await cut;
			relay.restore();
			const resumed = await inPage(page, 'uploadDay');
			if (!resumed.ok || resumed.pending !== 0)
				throw new Error(`the resumed upload did not finish: ${resumed.failure}`);
			const resent = broken.putBytes + resumed.putBytes - cutDay.photoBytes;
			log(
				`cut at ${relay.sent} bytes (${broken.failure ?? 'no failure'}); resumed: ${resent} photo bytes sent again (${resumed.putRequests} PUTs)`
			);
			wireByKind();

			// 3. Low signal.
			log(
				`recording ${LOW_SIGNAL_CLOSURES} closures with ${LOW_SIGNAL_CLOSURES * 2} photos for the low-signal run...`
			);
			const slowDay = await inPage(page, 'recordDay', LOW_SIGNAL_CLOSURES);
			await cdp.send('Network.emulateNetworkConditions', { offline: false, ...LOW_SIGNAL });
			wireByKind();
			relay.reset();
			const slow = await inPage(page, 'uploadDay');
			const slowWire = wireByKind();
			const slowFailed = Object.values(slowWire).reduce((sum, kind) => sum + kind.failed, 0);
			const slowUpRate = (relay.sent * 8) / (slow.syncMs / 1000) / 1000;
			log(
				`low signal: ${slowDay.photos} photos in ${(slow.syncMs / 1000).toFixed(1)} s (${slowUpRate.toFixed(0)} kbit/s up on average), ${slow.ok ? 'the sync finished' : `FAILED: ${slow.failure}`}, ${slowFailed} requests failed`
			);
			log(`low signal by request: ${describeWire(slowWire)}`);
			await cdp.send('Network.emulateNetworkConditions', {
				offline: false,
				latency: 0,
				uploadThroughput: -1,
				downloadThroughput: -1
			});

			await writeResult(
				env.root,
				'day-upload',
				[
					{
						figure: `bytes on the wire (both ways) / photo bytes (${day.closures} closures, ${day.photos} photos)`,
						value: overhead,
						unit: 'x',
						target: { max: 1.05 }
					},
					{
						figure: `bytes sent up / photo bytes (${day.closures} closures, ${day.photos} photos)`,
						value: wireUp / day.photoBytes,
						unit: 'x'
					},
					{
						figure: 'photo size after compression (mean)',
						value: Math.round(day.photoBytes / day.photos / 1024),
						unit: 'KiB'
					},
					{
						figure: 'camera JPEG size (mean, 4000x3000)',
						value: Math.round(day.cameraBytes / day.photos / 1024),
						unit: 'KiB'
					},
					{ figure: 'upload + push + pull on loopback', value: Math.round(upload.syncMs), unit: 'ms' },
					{
						figure: `upload cut at 50% (${cutDay.photos} photos): photo bytes sent again on resume`,
						value: Math.max(0, resent),
						unit: 'bytes',
						target: { max: PIECE_BYTES }
					},
					{
						figure: `low signal (400 kbit/s up, 400 ms RTT), ${slowDay.closures} closures, ${slowDay.photos} photos: requests failed`,
						value: slow.ok ? slowFailed : Math.max(1, slowFailed),
						unit: '',
						target: { max: 0 }
					},
					{
						figure: `low signal: upload + push + pull of ${slowDay.closures} closures, ${slowDay.photos} photos`,
						value: Math.round(slow.syncMs / 100) / 10,
						unit: 's'
					}
				],
				{
					loopback: { ...day, ...upload, wireUp, wireDown, overhead, byRequest: loopbackWire },
					cut: { recorded: cutDay, broken, resumed, resent, pieceBytes: PIECE_BYTES },
					lowSignal: {
						recorded: slowDay,
						conditions: LOW_SIGNAL,
						upload: slow,
						averageUpKbps: slowUpRate,
						byRequest: slowWire
					}
				}
			);
		} finally {
			await cdp.detach().catch(() => {});
			await context.close();
		}
	}
};
