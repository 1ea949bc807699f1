/**
 * Backup and restore, the same for both engines (and between them: a PGlite backup restores onto a
 * PostgreSQL server and back). A backup is one gzip-compressed file of JSON lines:
 *
 *   {"threadline":"backup","format":1,"createdAt":"…","engine":"pglite","migrations":["0001_initial.sql",…]}
 *   {"table":"person","rows":123}
 *   {…one row, as PostgreSQL's row_to_json gives it…}
 *   …
 *   {"end":true,"tables":47,"rows":…}
 *
 * Every table in the public schema is copied whole: every version of every record, the access log, users,
 * sessions, settings and commentary. Restore goes into an empty, migrated database in one transaction
 * (json_populate_recordset turns each row back into the table's own types), then sets each sequence past
 * the highest id; a backup without its end line is refused, so a half-written file never half-restores.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Database, Queryable } from './database.js';
import { migrate } from './migrate.js';

const FORMAT = 1;
const BATCH = 5000;

export interface BackupSummary {
  tables: number;
  rows: number;
}

/** The tables, each after the tables its foreign keys refer to (so rows restore in order). */
async function tablesOf(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const refs = await q.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid <> c.confrelid`,
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (t: string) => {
    if (placed.has(t)) return;
    placed.add(t);
    for (const r of refs) if (r.child === t) visit(r.parent);
    ordered.push(t);
  };
  for (const r of rows) visit(r.table_name);
  return ordered;
}

/** Writes a backup of the whole database to `file` (written beside it first, then renamed into place). */
export async function backup(db: Database, file: string): Promise<BackupSummary> {
  const summary: BackupSummary = { tables: 0, rows: 0 };
  const partial = `${file}.partial`;
  await db.transaction(async (tx) => {
    // One snapshot for every table, so the backup is consistent even while others write.
    if (db.kind === 'postgres') await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await tx.exec("SET LOCAL TIME ZONE 'UTC'");
    const tables = await tablesOf(tx);
    const migrations = (await tx.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY name')).map((r) => r.name);
    async function* lines(): AsyncGenerator<string> {
      yield JSON.stringify({ threadline: 'backup', format: FORMAT, createdAt: new Date().toISOString(), engine: db.kind, migrations }) + '\n';
      for (const table of tables) {
        const [{ n } = { n: 0 }] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
        yield JSON.stringify({ table, rows: n }) + '\n';
        await tx.exec(`DECLARE backup_cursor NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM "${table}" t`);
        for (;;) {
          const batch = await tx.query<{ j: string }>(`FETCH ${BATCH} FROM backup_cursor`);
          if (batch.length === 0) break;
          yield batch.map((r) => r.j).join('\n') + '\n';
          summary.rows += batch.length;
        }
        await tx.exec('CLOSE backup_cursor');
        summary.tables++;
      }
      yield JSON.stringify({ end: true, tables: summary.tables, rows: summary.rows }) + '\n';
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial));
  });
  await rename(partial, file);
  return summary;
}

export class BackupProblem extends Error {}

interface BackupHeader {
  threadline?: string;
  format?: number;
  migrations?: string[];
}

/**
 * Restores a backup into `db`, which must be empty (no records, users or log entries). All or nothing.
 * `onTable` reports progress.
 */
export async function restore(db: Database, file: string, onTable?: (table: string, rows: number) => void): Promise<BackupSummary> {
  await migrate(db);
  const summary: BackupSummary = { tables: 0, rows: 0 };
  await db.transaction(async (tx) => {
    const known = new Set(await tablesOf(tx));
    for (const table of known) {
      if (table === 'schema_migration') continue;
      const [row] = await tx.query(`SELECT 1 FROM "${table}" LIMIT 1`);
      if (row) throw new BackupProblem(`The database is not empty (table ${table} has rows): restore only into a new, empty database.`);
    }
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    let header: BackupHeader | null = null;
    let table: string | null = null;
    let expected = 0;
    let seen = 0;
    let batch: string[] = [];
    let ended = false;
    const flush = async () => {
      if (!batch.length || !table) return;
      await tx.query(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json)`, [`[${batch.join(',')}]`]);
      batch = [];
    };
    const finishTable = async () => {
      await flush();
      if (table && seen !== expected) throw new BackupProblem(`The backup is damaged: table ${table} should have ${expected} rows but has ${seen}.`);
      if (table) {
        onTable?.(table, seen);
        summary.tables++;
        summary.rows += seen;
      }
    };
    try {
      for await (const line of lines) {
        if (!line) continue;
        if (header === null) {
          header = JSON.parse(line) as BackupHeader;
          if (header.threadline !== 'backup' || header.format !== FORMAT) throw new BackupProblem(`${file} is not a Threadline backup (format ${FORMAT}).`);
          const ours = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migration')).map((r) => r.name));
          const missing = (header.migrations ?? []).filter((m) => !ours.has(m));
          if (missing.length) throw new BackupProblem(`The backup was made by a newer Threadline (it has migrations ${missing.join(', ')}): upgrade first.`);
          continue;
        }
        if (line.startsWith('{"table":')) {
          await finishTable();
          const t = JSON.parse(line) as { table: string; rows: number };
          if (!known.has(t.table)) throw new BackupProblem(`The backup has a table this database does not: ${t.table}.`);
          table = t.table;
          expected = t.rows;
          seen = 0;
          continue;
        }
        if (line.startsWith('{"end":')) {
          await finishTable();
          table = null;
          ended = true;
          continue;
        }
        if (!table || ended) throw new BackupProblem('The backup is damaged: a row outside any table.');
        if (table === 'schema_migration') {
          seen++;
          continue; // already applied by migrate(); the header checked they match
        }
        batch.push(line);
        seen++;
        if (batch.length >= BATCH) await flush();
      }
    } catch (err) {
      if (err instanceof BackupProblem) throw err;
      if (err instanceof SyntaxError || (err as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' || (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') {
        throw new BackupProblem(`The backup is damaged or not a backup: ${(err as Error).message}`);
      }
      throw err;
    }
    if (!header) throw new BackupProblem(`${file} is empty.`);
    if (!ended) throw new BackupProblem('The backup is incomplete (it has no end line): it was not finished when it was made.');
    // Sequences carry on after the highest restored id.
    const serials = await tx.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
    );
    for (const s of serials) {
      await tx.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max("${s.column_name}") FROM "${s.table_name}"), 0) + 1, false)`,
        [s.table_name, s.column_name],
      );
    }
  });
  return summary;
}

/** A checksum of every table's contents (order-independent), to compare a database with its restored copy. */
export async function contentChecksums(db: Database): Promise<Record<string, string>> {
  return db.transaction(async (q) => {
  await q.exec("SET LOCAL TIME ZONE 'UTC'");
  const out: Record<string, string> = {};
  for (const table of await tablesOf(q)) {
    if (table === 'schema_migration') continue;
    const [row] = await q.query<{ n: number; h: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(j, E'\\n' ORDER BY j)) AS h FROM (SELECT row_to_json(t)::text AS j FROM "${table}" t) s`,
    );
    out[table] = `${row?.n}:${row?.h ?? ''}`;
  }
  return out;
  });
}
