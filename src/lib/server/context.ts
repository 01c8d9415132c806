/**
 * The server's long-lived parts, created once per process: the database, the repositories over
 * it and the services the routes call. Started by the `init` hook before the first request.
 */
import { AuthService } from './auth/auth-service';
import { SignInThrottle } from './auth/throttle';
import { databaseConfigFromEnv, dataDir } from './db/config';
import { openDatabase, type DatabaseHandle } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { PhotoStore } from './photos/store';
import { repositories, type Repositories } from './repositories';
import { seedDemoCityIfEmpty } from './seed/seed-database';
import { printDemoSignIns } from './seed/demo-sign-ins';

export interface ServerContext {
	database: DatabaseHandle;
	repos: Repositories;
	auth: AuthService;
	photos: PhotoStore;
}

let started: Promise<ServerContext> | undefined;

export function startServerContext(env: NodeJS.ProcessEnv = process.env): Promise<ServerContext> {
	started ??= createContext(env);
	return started;
}

/** The running context; requests only arrive after `init` has started it. */
export function serverContext(): Promise<ServerContext> {
	return startServerContext();
}

async function createContext(env: NodeJS.ProcessEnv): Promise<ServerContext> {
	const config = databaseConfigFromEnv(env);
	const database = openDatabase(config);
	await migrateToLatest(database);
	const repos = repositories(database.db);
	const where = config.dialect === 'sqlite' ? config.filename : 'PostgreSQL';
	if (env.SEED_DEMO !== 'false') {
		const seeded = await seedDemoCityIfEmpty(database.db, { now: new Date() });
		if (seeded) console.log(`[curbside] Seeded the demo city into ${where}: ${seeded.summary}`);
	}
	console.log(`[curbside] Database ready (${config.dialect}: ${where}).`);
	await printDemoSignIns(repos);
	const photos = new PhotoStore(database.db, dataDir(env), database.dialect);
	const auth = new AuthService(repos, new SignInThrottle(database.db));
	return { database, repos, auth, photos };
}
