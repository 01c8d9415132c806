/**
 * Open311 API keys from the command line (the admin page at /admin/api-keys does the same):
 *
 *   npm run api-keys -- create "FixMyStreet Three Rivers"   prints the new key, once
 *   npm run api-keys -- list
 *   npm run api-keys -- revoke <id or key prefix>
 *
 * Works on the database the server uses (DATA_DIR, or DATABASE_URL for PostgreSQL).
 */
import { createApiKey } from '../src/lib/server/open311/api-keys';
import type { Repositories } from '../src/lib/server/repositories';
import { runWithDatabase } from './with-database';

const USAGE = 'Usage: api-keys create <label> | list | revoke <id or key prefix>';

async function run(repos: Repositories, [command, ...rest]: string[]): Promise<number> {
	if (command === 'create') {
		const label = rest.join(' ');
		try {
			const created = await createApiKey(repos, { label, createdByUserId: null, now: new Date() });
			console.log(
				`Created key ${created.id} (${created.label}). Give this key to the client; it is not shown again:`
			);
			console.log(created.key);
			return 0;
		} catch (cause) {
			console.error(cause instanceof RangeError ? cause.message : cause);
			return 2;
		}
	}
	if (command === 'list') {
		const keys = await repos.apiKeys.list();
		if (keys.length === 0) console.log('No API keys yet.');
		for (const key of keys) {
			const state = key.revoked_at ? `revoked ${key.revoked_at}` : 'live';
			const used = key.last_used_at ? `last used ${key.last_used_at}` : 'never used';
			console.log(`${key.id}  ${key.key_prefix}…  ${state.padEnd(32)} ${used.padEnd(36)} ${key.label}`);
		}
		return 0;
	}
	if (command === 'revoke' && rest[0]) {
		const wanted = rest[0];
		const matches = (await repos.apiKeys.list()).filter(
			(key) => key.revoked_at === null && (key.id === wanted || key.key_prefix.startsWith(wanted))
		);
		if (matches.length !== 1) {
			console.error(
				matches.length === 0
					? `No live key matches ${wanted}.`
					: `${wanted} matches several keys; use the id.`
			);
			return 1;
		}
		const [key] = matches;
		await repos.apiKeys.revoke(key!.id, new Date().toISOString());
		console.log(`Revoked ${key!.id} (${key!.label}).`);
		return 0;
	}
	console.error(USAGE);
	return 2;
}

await runWithDatabase((repos) => run(repos, process.argv.slice(2)));
