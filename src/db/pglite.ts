import { mkdir } from 'node:fs/promises';
import { PGlite, types } from '@electric-sql/pglite';
import { DATE_OID, INT8_OID, type Database, type Queryable } from './database.js';

const parsers = {
  [DATE_OID]: (v: string) => v,
  [INT8_OID]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => v,
};

/** Embedded PostgreSQL (WASM) in a data directory; `undefined` keeps it in memory. */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, { parsers, ...(loadDataDir ? { loadDataDir } : {}) });
  return wrap(pg, dataDir ?? 'memory');
}

/** An in-memory copy of a PGlite database's files (to start many test databases from one migrated one). */
export async function dumpPglite(db: Database): Promise<Blob> {
  const pg = pgliteOf.get(db);
  if (!pg) throw new Error('not a PGlite database');
  return pg.dumpDataDir('none');
}

const pgliteOf = new WeakMap<Database, PGlite>();

function wrap(pg: PGlite, location: string): Database {
  const q = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const res = await target.query<T>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
    async copyCsv(table: string, columns: readonly string[], csv: string) {
      await target.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
    },
  });
  const db: Database = {
    kind: 'pglite',
    location,
    ...q(pg),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pg.transaction((tx) => fn(q(tx))),
    close: () => pg.close(),
  };
  pgliteOf.set(db, pg);
  return db;
}
