import pg from 'pg';
import { DATE_OID, INT8_OID, type Database, type Queryable } from './database.js';

const typeParsers: Record<number, (v: string) => unknown> = {
  [DATE_OID]: (v) => v,
  [INT8_OID]: (v) => Number(v),
};

/** A PostgreSQL server (13 or later), from a postgres:// connection string. */
export async function openPostgres(connectionString: string): Promise<Database> {
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
  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const res = await client.query(sql, params as unknown[]);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  });
  // Fail fast with a clear message if the server cannot be reached.
  await pool.query('select 1');
  return {
    kind: 'postgres',
    location: redact(connectionString),
    connectionString,
    ...wrap(pool),
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
