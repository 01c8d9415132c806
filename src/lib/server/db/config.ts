/**
 * Where the server keeps its data, read once from the environment.
 * DATABASE_URL=postgres://... selects PostgreSQL; otherwise an embedded SQLite file in DATA_DIR.
 */
import path from 'node:path';

export type DatabaseConfig =
	{ dialect: 'sqlite'; filename: string } | { dialect: 'postgres'; connectionString: string };

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
	const url = env.DATABASE_URL?.trim();
	if (url && /^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', connectionString: url };
	if (url) {
		throw new Error(
			`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.split(':')[0]}:..."); ` +
				'leave it unset to use the embedded SQLite file in DATA_DIR.'
		);
	}
	return { dialect: 'sqlite', filename: path.join(dataDir(env), 'curbside.sqlite') };
}

/** The folder for the SQLite file and stored photos. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
	return path.resolve(env.DATA_DIR?.trim() || 'data');
}
