import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite, parse, protocol, types } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { DATE_OID, INT8_OID, type Database, type Queryable } from './database.js';
import { DEFAULT_STATEMENT_LIMIT, StatementCache, isCacheable, isStaleStatementError } from './prepared.js';

const parsers = {
  [DATE_OID]: (v: string) => v,
  [INT8_OID]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => v,
};

export interface PgliteOptions {
  /** Prepared statements kept on the connection (least recently used closed beyond it). */
  statementLimit?: number;
}

/** Embedded PostgreSQL (WASM) in a data directory; `undefined` keeps it in memory. */
export async function openPglite(dataDir?: string, loadDataDir?: Blob, options: PgliteOptions = {}): Promise<Database> {
  let unlock = () => {};
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  try {
    // Contrib extensions the migrations create (PGlite loads them only when asked): fuzzystrmatch finds names by sound.
    const pg = await PGlite.create(dataDir, { parsers, extensions: { fuzzystrmatch }, ...(loadDataDir ? { loadDataDir } : {}) });
    const db = wrap(pg, dataDir ?? 'memory', new StatementCache(options.statementLimit ?? DEFAULT_STATEMENT_LIMIT));
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

/** The PGlite instance under a database handle, bypassing its statement cache (for tests). */
export function pgliteInstanceOf(db: Database): PGlite | undefined {
  return pgliteOf.get(db);
}

const { serialize } = protocol;

function concat(messages: readonly Uint8Array[]): Uint8Array {
  if (messages.length === 1) return messages[0]!;
  const out = new Uint8Array(messages.reduce((n, m) => n + m.length, 0));
  let at = 0;
  for (const m of messages) {
    out.set(m, at);
    at += m.length;
  }
  return out;
}

/**
 * Runs statements on PGlite's one connection through the extended protocol itself, with named statements kept in
 * `cache` (see prepared.ts), under PGlite's own locks (as its query() does): outside a transaction, the
 * transaction lock too, so a statement never runs inside another caller's transaction.
 */
function statementRunner(pg: PGlite, cache: StatementCache) {
  /** Statements forgotten by the cache, closed on the connection with the next messages sent. */
  let toClose: string[] = [];
  const send = async (messages: Uint8Array[]) => {
    const closing = toClose;
    const out = await pg.execProtocolStream(concat([...closing.map((name) => serialize.close({ type: 'S', name })), ...messages]), { syncToFs: false });
    if (toClose === closing) toClose = [];
    return out;
  };
  const forgetAll = () => {
    toClose.push(...cache.names());
    cache.clear();
  };

  async function prepare(sql: string, name: string): Promise<number[]> {
    const described = await send([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]);
    return parse.parseDescribeStatementResults(described);
  }

  async function execute<T>(name: string, paramTypes: readonly number[], params: readonly unknown[]): Promise<T[]> {
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const serializer = pg.serializers[paramTypes[i]!];
      return serializer ? serializer(v) : String(v);
    });
    const messages = await send([serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]);
    return (parse.parseResults(messages, pg.parsers)[0]?.rows ?? []) as T[];
  }

  async function run<T>(sql: string, params: readonly unknown[], retry: boolean): Promise<T[]> {
    if (!isCacheable(sql)) {
      // Not a plain read or write: run as the unnamed statement, then forget the kept ones (they may no longer fit).
      try {
        return await execute<T>('', await prepare(sql, ''), params);
      } finally {
        forgetAll();
      }
    }
    let kept = cache.get(sql);
    if (!kept) {
      toClose.push(...cache.makeRoom());
      const name = cache.nextName();
      kept = { name, paramTypes: await prepare(sql, name) };
      cache.add(sql, kept);
    }
    try {
      return await execute<T>(kept.name, kept.paramTypes, params);
    } catch (err) {
      if (!isStaleStatementError(err)) throw err;
      const name = cache.drop(sql);
      if (name) toClose.push(name);
      // In a transaction the error has aborted it: nothing more can run there.
      if (!retry || pg.isInTransaction()) throw err;
      return run<T>(sql, params, false);
    }
  }

  const locked = <T>(inTransaction: boolean, fn: () => Promise<T>): Promise<T> => {
    if (inTransaction) return pg._runExclusiveQuery(fn);
    return pg._checkReady().then(() => pg._runExclusiveTransaction(() => pg._runExclusiveQuery(async () => {
      try {
        return await fn();
      } finally {
        await pg.syncToFs();
      }
    })));
  };

  return {
    query: <T>(inTransaction: boolean, sql: string, params: readonly unknown[]) => locked(inTransaction, () => run<T>(sql, params, true)),
    /** Several statements without parameters (the simple protocol); the kept statements are forgotten after. */
    exec: (inTransaction: boolean, sql: string) => locked(inTransaction, async () => {
      try {
        await send([serialize.query(sql)]);
      } finally {
        forgetAll();
      }
    }),
  };
}

function wrap(pg: PGlite, location: string, cache: StatementCache): Database {
  const runner = statementRunner(pg, cache);
  const q = (target: Pick<PGlite, 'query'>, inTransaction: boolean): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return runner.query<T>(inTransaction, sql, params);
    },
    async exec(sql: string) {
      await runner.exec(inTransaction, sql);
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
    ...q(pg, false),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pg.transaction((tx) => fn(q(tx, true))),
    close: () => pg.close(),
  };
  pgliteOf.set(db, pg);
  statementsOf.set(db, cache);
  return db;
}

const statementsOf = new WeakMap<Database, StatementCache>();

/** The prepared statements a PGlite database keeps (for tests and measurements). */
export function statementCacheOf(db: Database): StatementCache | undefined {
  return statementsOf.get(db);
}
