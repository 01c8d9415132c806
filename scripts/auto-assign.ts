/**
 * Auto-assign rules for new Open311 requests, from the command line:
 *
 *   npm run auto-assign -- add POTHOLE "Streets North" [--area=west,south,east,north] [--order 0]
 *   npm run auto-assign -- list
 *   npm run auto-assign -- remove <id>
 *
 * Works on the database the server uses (DATA_DIR, or DATABASE_URL for PostgreSQL).
 */
import { parseArgs } from 'node:util';
import { addAutoAssignRule, describeRule } from '../src/lib/server/open311/auto-assign-admin';
import type { Repositories } from '../src/lib/server/repositories';
import { runWithDatabase } from './with-database';

const USAGE =
	'Usage: auto-assign add <SERVICE_CODE> <crew> [--area=w,s,e,n] [--order n] | list | remove <id>';

async function run(repos: Repositories, argv: string[]): Promise<number> {
	const { positionals, values } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: { area: { type: 'string' }, order: { type: 'string' } }
	});
	const [command, ...rest] = positionals;
	if (command === 'add' && rest.length === 2) {
		const result = await addAutoAssignRule(
			repos,
			{
				serviceCode: rest[0] ?? '',
				crew: rest[1] ?? '',
				area: values.area,
				sortOrder: values.order === undefined ? undefined : Number(values.order)
			},
			new Date()
		);
		if (!result.ok) {
			console.error(result.error);
			return 1;
		}
		const crew = await repos.crews.get(result.rule.crew_id);
		console.log(`Added: ${describeRule(result.rule, crew?.name ?? result.rule.crew_id)}`);
		return 0;
	}
	if (command === 'list') {
		const crews = new Map((await repos.crews.list()).map((crew) => [crew.id, crew.name]));
		const rules = await repos.autoAssignRules.list();
		if (rules.length === 0) console.log('No auto-assign rules: new requests wait in the unassigned queue.');
		for (const rule of rules) console.log(describeRule(rule, crews.get(rule.crew_id) ?? rule.crew_id));
		return 0;
	}
	if (command === 'remove' && rest[0]) {
		if (await repos.autoAssignRules.remove(rest[0])) {
			console.log(`Removed ${rest[0]}.`);
			return 0;
		}
		console.error(`No rule ${rest[0]}.`);
		return 1;
	}
	console.error(USAGE);
	return 2;
}

await runWithDatabase((repos) => run(repos, process.argv.slice(2)));
