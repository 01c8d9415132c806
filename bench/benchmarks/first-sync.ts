/**
 * First sync: the app's sync engine (real HTTP transport) pulls every open order of a crew of
 * 5,000 into an empty IndexedDB; compared with one plain Dexie bulkPut of the same rows in the
 * same page, right after.
 */
import { inPage, log, type Benchmark } from '../lib/benchmark';
import { benchPage, SYNC_USER } from '../lib/env';
import { writeResult } from '../lib/report';

export const firstSync: Benchmark = {
	name: 'first-sync',
	summary: 'first sync of 5,000 orders into IndexedDB / plain Dexie bulkPut of the same rows',
	async run(env) {
		const { context, page } = await benchPage(env, SYNC_USER);
		const { relay } = await env.cityServer();
		try {
			relay.reset();
			const first = await inPage(page, 'firstSync');
			const wireBytesDown = relay.received;
			const ratio = first.syncMs / first.bulkPutMs;
			log(
				`${first.orders} orders, ${first.notes} notes, ${first.photoLinks} photo links in ${first.pages} pages (${(wireBytesDown / 1e6).toFixed(1)} MB down, ${first.pullWaitMs.toFixed(0)} ms waiting for pull answers)`
			);
			log(
				`${first.orders} orders: sync ${first.syncMs.toFixed(0)} ms, bulkPut ${first.bulkPutMs.toFixed(0)} ms, ratio ${ratio.toFixed(2)}`
			);
			await writeResult(
				env.root,
				'first-sync',
				[
					{
						figure: `first sync of ${first.orders} orders / plain Dexie bulkPut`,
						value: ratio,
						unit: 'x',
						target: { max: 1.5 }
					},
					{ figure: 'first sync (pull into IndexedDB)', value: Math.round(first.syncMs), unit: 'ms' },
					{ figure: 'plain Dexie bulkPut of the same rows', value: Math.round(first.bulkPutMs), unit: 'ms' }
				],
				{ ...first, wireBytesDown, ratio }
			);
		} finally {
			await context.close();
		}
	}
};
