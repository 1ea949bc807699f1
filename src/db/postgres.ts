import pg from 'pg';
import { DATE_OID, INT8_OID, type Database, type Queryable } from './database.js';
import { DEFAULT_STATEMENT_LIMIT, StatementCache, isCacheable, isStaleStatementError } from './prepared.js';

const typeParsers: Record<number, (v: string) => unknown> = {
  [DATE_OID]: (v) => v,
  [INT8_OID]: (v) => Number(v),
};

export interface PostgresOptions {
  /** Prepared statements kept on each connection (least recently used closed beyond it). */
  statementLimit?: number;
}

/** Closes prepared statements on a connection, and forgets them in node-postgres's own list of the names it has prepared. */
async function closeStatements(client: pg.PoolClient, names: readonly string[]): Promise<void> {
  const parsed = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection?.parsedStatements;
  for (const name of names) {
    await client.query(`DEALLOCATE ${name}`);
    if (parsed) delete parsed[name];
  }
}

/**
 * Runs SQL on one connection. A plain read or write runs as a named prepared statement kept in the connection's
 * cache (see prepared.ts), so that a statement run again is not parsed and planned again. Anything else (DDL in a
 * migration, SET, several statements at once: `exec`) runs as before and then closes the kept statements.
 */
async function runOn(
  client: pg.PoolClient, cache: StatementCache, sql: string, params: unknown[] | null, inTransaction: boolean,
): Promise<pg.QueryResult> {
  if (params === null || !isCacheable(sql)) {
    try {
      return await (params === null ? client.query(sql) : client.query(sql, params));
    } finally {
      const names = cache.names();
      cache.clear();
      await closeStatements(client, names).catch(() => undefined);
    }
  }
  let kept = cache.get(sql);
  if (!kept) {
    await closeStatements(client, cache.makeRoom());
    kept = { name: cache.nextName(), paramTypes: [] };
    cache.add(sql, kept);
  }
  try {
    return await client.query({ name: kept.name, text: sql, values: params });
  } catch (err) {
    if (!isStaleStatementError(err)) throw err;
    // The statement no longer fits the schema: forget it; outside a transaction, prepare it afresh and run it once more.
    const name = cache.drop(sql);
    if (name) await closeStatements(client, [name]).catch(() => undefined);
    if (inTransaction) throw err;
    return runOn(client, cache, sql, params, true);
  }
}

/** A PostgreSQL server (13 or later), from a postgres:// connection string. */
export async function openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: 4,
    // Dates travel as text: make their form independent of the server's defaults. No JIT compilation: it costs
    // 40-200 ms on the larger reads (the measures' inputs, a team's case records) and saves less than that here.
    options: '-c DateStyle=ISO,YMD -c IntervalStyle=postgres -c jit=off',
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', (err) => console.error('PostgreSQL connection error:', err.message));
  // Each connection keeps its own prepared statements.
  const caches = new WeakMap<pg.PoolClient, StatementCache>();
  const limit = options.statementLimit ?? DEFAULT_STATEMENT_LIMIT;
  const cacheOf = (client: pg.PoolClient) => {
    let cache = caches.get(client);
    if (!cache) {
      cache = new StatementCache(limit);
      caches.set(client, cache);
    }
    return cache;
  };
  const onClient = async <T>(client: pg.PoolClient | null, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    if (client) return fn(client);
    const own = await pool.connect();
    try {
      return await fn(own);
    } finally {
      own.release();
    }
  };
  /** Statements on any pooled connection, or (in a transaction) on the transaction's own. */
  const wrap = (client: pg.PoolClient | null): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const res = await onClient(client, (c) => runOn(c, cacheOf(c), sql, params as unknown[], client !== null));
      return res.rows as T[];
    },
    async exec(sql: string) {
      await onClient(client, (c) => runOn(c, cacheOf(c), sql, null, client !== null));
    },
  });
  // Fail fast with a clear message if the server cannot be reached.
  await pool.query('select 1');
  return {
    kind: 'postgres',
    location: redact(connectionString),
    ...wrap(null),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres server';
  }
}
