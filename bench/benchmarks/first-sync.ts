/**
 * First sync: the app's sync engine (real HTTP transport) pulls every open order of a crew of
 * 5,000 into an empty IndexedDB; compared with one plain Dexie bulkPut of the same rows in the
 * same page, right after. Seven such pairs in one page, each into fresh databases (created before
 * either clock starts); the figure is the median pair, since the machines are shared and noisy.
 * The first pair runs on a server and a page that have just started (cold code and database
 * caches on both sides, which a server in service does not have) and is reported on its own. Every
 * pair reads each order's notes and history from the database: the server keeps them for 2,000
 * orders (src/lib/server/sync/order-children.ts), fewer than one crew of 5,000 brings.
 */
import { inPage, log, median, type Benchmark } from '../lib/benchmark';
import { benchPage, SYNC_USER } from '../lib/env';
import { writeResult } from '../lib/report';

const PAIRS = 7;

export const firstSync: Benchmark = {
	name: 'first-sync',
	summary: 'first sync of 5,000 orders into IndexedDB / plain Dexie bulkPut of the same rows',
	async run(env) {
		const { context, page } = await benchPage(env, SYNC_USER);
		const { relay } = await env.cityServer();
		try {
			const pairs = [];
			for (let pair = 0; pair < PAIRS; pair++) {
				relay.reset();
				const run = await inPage(page, 'firstSync');
				const ratio = run.syncMs / run.bulkPutMs;
				pairs.push({ ...run, wireBytesDown: relay.received, ratio });
				log(
					`pair ${pair + 1}: ${run.orders} orders, ${run.notes} notes, ${run.photoLinks} photo links in ${run.pages} pages (${(relay.received / 1e6).toFixed(1)} MB down, ${run.pullWaitMs.toFixed(0)} ms waiting for pull answers); sync ${run.syncMs.toFixed(0)} ms, bulkPut ${run.bulkPutMs.toFixed(0)} ms, ratio ${ratio.toFixed(2)}`
				);
			}
			const ratio = median(pairs.map((run) => run.ratio));
			const orders = pairs[0]?.orders ?? 0;
			await writeResult(
				env.root,
				'first-sync',
				[
					{
						figure: `first sync of ${orders} orders / plain Dexie bulkPut (median of ${PAIRS} pairs)`,
						value: ratio,
						unit: 'x',
						target: { max: 1.5 }
					},
					{
						figure: 'first sync (pull into IndexedDB), median',
						value: Math.round(median(pairs.map((run) => run.syncMs))),
						unit: 'ms'
					},
					{
						figure: 'plain Dexie bulkPut of the same rows, median',
						value: Math.round(median(pairs.map((run) => run.bulkPutMs))),
						unit: 'ms'
					},
					{
						figure: 'first pair alone (server and page just started): sync / bulkPut',
						value: pairs[0]?.ratio ?? 0,
						unit: 'x'
					}
				],
				{ ratio, pairs }
			);
		} finally {
			await context.close();
		}
	}
};
