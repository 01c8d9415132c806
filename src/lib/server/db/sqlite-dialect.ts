/**
 * Kysely over better-sqlite3, made for a server under load. Kysely's own SqliteDialect has the same
 * shape (one connection behind a mutex) with two costs that show at a few hundred devices:
 *
 * - Its mutex wakes every waiter on each release and all but one go back to sleep: with N requests
 *   waiting that is N promise hops per query, and the order they get the connection in is loose.
 *   Here waiters queue and exactly the next one is woken: first come, first served.
 * - It prepares every statement again on each run. Here prepared statements are kept, keyed by
 *   their SQL (Kysely compiles the same builder to the same text with `?` parameters).
 *
 * What stays the same, and what live/notify.ts relies on: one connection, so a transaction holds it
 * from BEGIN to COMMIT and no other request's statement can run inside someone else's transaction.
 */
import type SQLite from 'better-sqlite3';
import {
	CompiledQuery,
	SqliteAdapter,
	SqliteIntrospector,
	SqliteQueryCompiler,
	type DatabaseConnection,
	type DatabaseIntrospector,
	type Dialect,
	type DialectAdapter,
	type Driver,
	type Kysely,
	type QueryCompiler,
	type QueryResult
} from 'kysely';

/** Distinct statements kept prepared; the app has a few hundred shapes at most (`in` lists vary). */
const STATEMENT_CACHE_SIZE = 500;

export class BetterSqliteDialect implements Dialect {
	constructor(private readonly database: SQLite.Database) {}

	createAdapter(): DialectAdapter {
		return new SqliteAdapter();
	}

	createDriver(): Driver {
		return new BetterSqliteDriver(this.database);
	}

	createQueryCompiler(): QueryCompiler {
		return new SqliteQueryCompiler();
	}

	createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
		return new SqliteIntrospector(db);
	}
}

class BetterSqliteDriver implements Driver {
	private readonly mutex = new FifoMutex();
	private readonly connection: BetterSqliteConnection;

	constructor(private readonly database: SQLite.Database) {
		this.connection = new BetterSqliteConnection(database);
	}

	async init(): Promise<void> {}

	async acquireConnection(): Promise<DatabaseConnection> {
		await this.mutex.lock();
		return this.connection;
	}

	async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin'));
	}

	async commitTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('commit'));
	}

	async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('rollback'));
	}

	async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteName(name)}`));
	}

	async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteName(name)}`));
	}

	async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`release ${quoteName(name)}`));
	}

	async releaseConnection(): Promise<void> {
		this.mutex.unlock();
	}

	async destroy(): Promise<void> {
		this.database.close();
	}
}

class BetterSqliteConnection implements DatabaseConnection {
	/** Insertion order is use order: a hit is moved to the end, the first entry is the least used. */
	private readonly statements = new Map<string, SQLite.Statement>();

	constructor(private readonly database: SQLite.Database) {}

	async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
		const statement = this.prepared(compiledQuery.sql);
		const parameters = compiledQuery.parameters as unknown[];
		if (statement.reader) return { rows: statement.all(parameters) as R[] };
		const { changes, lastInsertRowid } = statement.run(parameters);
		return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
	}

	async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
		// Not cached: an iterating statement is busy until the caller stops reading.
		const statement = this.database.prepare(compiledQuery.sql);
		if (!statement.reader) throw new Error('SQLite can only stream queries that return rows');
		for (const row of statement.iterate(compiledQuery.parameters as unknown[])) yield { rows: [row as R] };
	}

	private prepared(sql: string): SQLite.Statement {
		const cached = this.statements.get(sql);
		if (cached) {
			this.statements.delete(sql);
			this.statements.set(sql, cached);
			return cached;
		}
		const statement = this.database.prepare(sql);
		this.statements.set(sql, statement);
		if (this.statements.size > STATEMENT_CACHE_SIZE) {
			const oldest = this.statements.keys().next().value;
			if (oldest !== undefined) this.statements.delete(oldest);
		}
		return statement;
	}
}

/** A lock handed to waiters in the order they asked, waking only the one whose turn it is. */
export class FifoMutex {
	private locked = false;
	private readonly waiters: (() => void)[] = [];

	lock(): Promise<void> {
		if (!this.locked) {
			this.locked = true;
			return Promise.resolve();
		}
		return new Promise((resolve) => this.waiters.push(resolve));
	}

	unlock(): void {
		const next = this.waiters.shift();
		// The lock passes straight to the next waiter: it is never free in between for a newcomer.
		if (next) next();
		else this.locked = false;
	}
}

function quoteName(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}
