import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { DATE_OID, INT8_OID, type Database, type Queryable } from './database.js';

const parsers = {
  [DATE_OID]: (v: string) => v,
  [INT8_OID]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => v,
};

/** Embedded PostgreSQL (WASM) in a data directory; `undefined` keeps it in memory. */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Database> {
  let unlock = () => {};
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  try {
    // Contrib extensions the migrations create (PGlite loads them only when asked): fuzzystrmatch finds names by sound.
    const pg = await PGlite.create(dataDir, { parsers, extensions: { fuzzystrmatch }, ...(loadDataDir ? { loadDataDir } : {}) });
    const db = wrap(pg, dataDir ?? 'memory');
    const close = db.close;
    return Object.assign(db, { close: () => close().finally(unlock) });
  } catch (err) {
    unlock();
    throw err;
  }
}

/**
 * Embedded PostgreSQL has no server to share it: two processes writing one data directory would corrupt
 * it. A lock file names the process using it; a second process is refused with a clear message (a lock
 * left by a process that has ended is taken over).
 */
function lockDataDir(dataDir: string): () => void {
  const lock = join(dataDir, 'threadline.lock');
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(lock, 'utf8'));
      if (holder && isRunning(holder)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${holder}. Stop that process first, ` +
            'or use a PostgreSQL server (DATABASE_URL) for several processes at once.',
        );
      }
      rmSync(lock, { force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
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
