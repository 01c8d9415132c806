/**
 * Generates the large synthetic city for benchmarks into an EMPTY database:
 *
 *   DATA_DIR=data/large npm run city:large -- --requests 20000 --seed 7
 *   DATABASE_URL=postgres://... npm run city:large
 *
 * Same crews, people and services as the demo city, with many more requests on the same real
 * streets. Refuses a database that already has people in it, so it can never mix into real data.
 */
import { parseArgs } from 'node:util';
import { databaseConfigFromEnv } from '../src/lib/server/db/config';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { generateLargeCity } from '../src/lib/server/seed/generate';
import { writeCity } from '../src/lib/server/seed/seed-database';

const { values } = parseArgs({
	options: { requests: { type: 'string', default: '20000' }, seed: { type: 'string', default: '7' } }
});
const requestCount = Number(values.requests);
const seed = Number(values.seed);
if (!Number.isInteger(requestCount) || requestCount < 1 || !Number.isInteger(seed)) {
	console.error('--requests must be a positive whole number and --seed a whole number.');
	process.exit(2);
}

const config = databaseConfigFromEnv();
const handle = openDatabase(config);
try {
	await migrateToLatest(handle);
	const existing = await handle.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
	if (existing) {
		console.error('That database already has people in it. Point DATA_DIR or DATABASE_URL at an empty one.');
		process.exitCode = 1;
	} else {
		const started = Date.now();
		const city = generateLargeCity({ seed, requestCount, now: new Date() });
		await writeCity(handle.db, city);
		const where = config.dialect === 'sqlite' ? config.filename : 'PostgreSQL';
		console.log(
			`Wrote ${city.workOrders.length} requests to ${where} in ${((Date.now() - started) / 1000).toFixed(1)} s.`
		);
	}
} finally {
	await handle.close();
}
