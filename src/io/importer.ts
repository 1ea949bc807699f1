/**
 * `threadline import <dir>`: loads an SSD extract (one CSV per ssd_* table) and Threadline's extension
 * files (tl_*), all or nothing.
 *
 * 1. Check: every file is read and every cell checked (format, codes, required values), keys must be
 *    unique, extension rows must match a row of their SSD file, and every reference must resolve within
 *    the extract or to a record already in the database. Any problem rejects the whole import with every
 *    problem listed as file:line:column and reason; the database is not touched.
 * 2. Load, in one transaction: a record not yet held gets version 1; a record whose data differs from
 *    the current version gets a new version (the old one is kept); an identical record is left alone, so
 *    re-importing the same extract changes nothing. Records held but absent from the extract are kept.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { entities } from '../domain/model/entities.js';
import { fileFields, type Entity, type Field } from '../domain/model/schema.js';
import { inferredRecordedAt, parseCell, recordSignature, type CanonicalRecord } from '../domain/model/values.js';
import { parseSsdDateTime } from '../domain/time/ssd-dates.js';
import type { Database, Queryable } from '../db/database.js';
import { closeCurrent, currentVersions, insertVersions, type VersionRow } from '../db/record-store.js';
import { readCsv, formatProblem, type Problem } from './extract-reader.js';
import { primaryFile, RECORD_TIMES_FILE, RECORD_TIMES_HEADER } from './extract-writer.js';

export interface ImportProgress {
  phase: 'checking' | 'loading';
  done: number;
  total: number;
  label: string;
}

export interface ImportOptions {
  actor?: string;
  onProgress?: (p: ImportProgress) => void;
}

export interface EntityChanges {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportSummary {
  importId: number;
  rows: Record<string, number>;
  changes: Record<string, EntityChanges>;
  notices: string[];
  seconds: number;
}

const MAX_PROBLEMS_KEPT = 1000;
const BATCH = 5000;

export class ImportRejected extends Error {
  constructor(
    readonly problems: Problem[],
    readonly totalProblems: number,
  ) {
    super(
      `Import rejected: ${totalProblems} problem${totalProblems === 1 ? '' : 's'}; the database is unchanged.\n` +
        problems.map(formatProblem).join('\n') +
        (totalProblems > problems.length ? `\n... and ${totalProblems - problems.length} more` : ''),
    );
  }
}

interface FileRole {
  entity: Entity;
  role: 'ssd' | 'ext';
}

const filesByName = new Map<string, FileRole>();
for (const entity of entities) {
  if (entity.ssdFile) filesByName.set(entity.ssdFile, { entity, role: 'ssd' });
  if (entity.extFile) filesByName.set(entity.extFile, { entity, role: 'ext' });
}

/** The fields referenced by other entities other than by key (for example a period of care's cla_id). */
const refTargets = new Map<string, Set<string>>();
for (const entity of entities) {
  for (const f of entity.fields) {
    if (f.ref) {
      const fields = refTargets.get(f.ref.entity) ?? new Set<string>();
      fields.add(f.ref.field ?? 'id');
      refTargets.set(f.ref.entity, fields);
    }
  }
}

/** The columns of one file header, resolved to fields. */
function resolveHeader(header: string[], entity: Entity, role: 'ssd' | 'ext', file: string, problems: Problems): (Field | null)[] {
  const fields = fileFields(entity, role);
  const byHeader = new Map(fields.map((f) => [f.header, f]));
  const seen = new Set<string>();
  const resolved = header.map((h, i) => {
    const name = h.trim();
    const field = byHeader.get(name);
    if (!field) {
      problems.add({ file, line: 1, column: i + 1, message: `unknown column "${name}" (expected columns: ${fields.map((f) => f.header).join(', ')})` });
      return null;
    }
    if (seen.has(name)) problems.add({ file, line: 1, column: i + 1, message: `column "${name}" appears twice` });
    seen.add(name);
    return field;
  });
  for (const f of fields) {
    if (f.required && !seen.has(f.header)) problems.add({ file, line: 1, column: 0, message: `required column "${f.header}" is missing` });
  }
  return resolved;
}

class Problems {
  list: Problem[] = [];
  total = 0;
  add(p: Problem) {
    this.total++;
    if (this.list.length < MAX_PROBLEMS_KEPT) this.list.push(p);
  }
}

interface Extract {
  dir: string;
  /** Files present, by name without .csv. */
  present: Set<string>;
  bytes: number;
  notices: string[];
  /** tl_record_times: when each record was first recorded, by entity then id. */
  recordTimes: Map<string, Map<string, Date>>;
  rows: Record<string, number>;
}

async function listExtract(dir: string): Promise<Extract> {
  const names = await readdir(dir).catch(() => {
    throw new Error(`Cannot read the extract folder "${dir}"`);
  });
  const present = new Set<string>();
  const notices: string[] = [];
  let bytes = 0;
  for (const name of names.sort()) {
    if (!name.toLowerCase().endsWith('.csv')) continue;
    const base = name.slice(0, -4);
    if (filesByName.has(base) || base === RECORD_TIMES_FILE) {
      present.add(base);
      bytes += (await stat(join(dir, name))).size;
    } else {
      notices.push(`${name} was not loaded: Threadline does not hold this table yet.`);
    }
  }
  if (present.size === 0) throw new Error(`"${dir}" holds no extract files (ssd_*.csv or tl_*.csv)`);
  return { dir, present, bytes, notices, recordTimes: new Map(), rows: {} };
}

/** Pass 1: read and check everything, touching nothing. */
async function check(db: Queryable, ex: Extract, onProgress?: (p: ImportProgress) => void): Promise<Problems> {
  const problems = new Problems();
  const keys = new Map<string, Map<string, number>>(); // entity -> key -> line of its SSD/primary row
  const values = new Map<string, Set<string>>(); // "entity.field" -> values (for non-key reference targets)
  // Unresolved references: "entity.field" -> value -> where first referenced.
  const refs = new Map<string, Map<string, Problem>>();
  let bytesDone = 0;
  const progress = (n: number) => {
    bytesDone += n;
    onProgress?.({ phase: 'checking', done: bytesDone, total: ex.bytes, label: 'Checking files' });
  };

  for (const entity of entities) {
    const primaryKeys = new Map<string, number>();
    keys.set(entity.name, primaryKeys);
    for (const target of refTargets.get(entity.name) ?? []) if (target !== 'id') values.set(`${entity.name}.${target}`, new Set());
    for (const role of ['ssd', 'ext'] as const) {
      const name = role === 'ssd' ? entity.ssdFile : entity.extFile;
      if (!name || !ex.present.has(name)) continue;
      const file = `${name}.csv`;
      const isPrimary = name === primaryFile(entity);
      const extKeys = new Map<string, number>();
      let columns: (Field | null)[] = [];
      let rows = 0;
      const scratch: CanonicalRecord = {};
      const broken = await readCsv(
        join(ex.dir, file),
        file,
        (header) => (columns = resolveHeader(header, entity, role, file, problems)),
        (cells, line) => {
          rows++;
          if (cells.length !== columns.length) {
            problems.add({ file, line, column: 0, message: `has ${cells.length} values but the header has ${columns.length} columns` });
            return;
          }
          for (let i = 0; i < columns.length; i++) {
            const field = columns[i];
            if (!field) continue;
            const error = parseCell(field, cells[i]!, scratch);
            if (error) problems.add({ file, line, column: i + 1, message: error });
            const v = scratch[field.name];
            if (field.ref && v != null && !error) {
              const target = `${field.ref.entity}.${field.ref.field ?? 'id'}`;
              let m = refs.get(target);
              if (!m) refs.set(target, (m = new Map()));
              if (!m.has(String(v))) {
                m.set(String(v), { file, line, column: i + 1, message: `${field.header} refers to ${field.ref.entity.replace(/_/g, ' ')} "${v}", which is neither in the extract nor already held` });
              }
            }
            if (isPrimary && field !== entity.key && v != null) values.get(`${entity.name}.${field.name}`)?.add(String(v));
          }
          const keyCol = columns.findIndex((f) => f === entity.key);
          const key = keyCol >= 0 ? cells[keyCol]!.trim() : '';
          if (!key) return;
          const seen = isPrimary ? primaryKeys : extKeys;
          const earlier = seen.get(key);
          if (earlier !== undefined) {
            problems.add({ file, line, column: keyCol + 1, message: `duplicate key "${key}" (first on line ${earlier})` });
          } else {
            seen.set(key, line);
          }
          if (!isPrimary && !primaryKeys.has(key)) {
            problems.add({ file, line, column: keyCol + 1, message: `no row with ${entity.key.header} "${key}" in ${primaryFile(entity)}.csv` });
          }
        },
        progress,
      );
      if (broken) problems.add(broken);
      if (columns.length && !columns.includes(entity.key)) {
        problems.add({ file, line: 1, column: 0, message: `the key column "${entity.key.header}" is missing` });
      }
      ex.rows[name] = rows;
    }
  }

  if (ex.present.has(RECORD_TIMES_FILE)) await checkRecordTimes(ex, keys, problems, progress);

  // References not satisfied within the extract must name records already held.
  for (const [target, missing] of refs) {
    const [entityName, field] = target.split('.') as [string, string];
    const inExtract = field === 'id' ? keys.get(entityName) : values.get(target);
    const unresolved: string[] = [];
    for (const v of missing.keys()) {
      if (inExtract?.has(v)) continue;
      // A value no record can hold (a NUL character) is not looked up: it is missing.
      if (v.includes('\u0000')) problems.add(missing.get(v)!);
      else unresolved.push(v);
    }
    for (let i = 0; i < unresolved.length; i += 5000) {
      const chunk = unresolved.slice(i, i + 5000);
      const held = await db.query<{ v: string }>(
        `SELECT DISTINCT ${field}::text AS v FROM current_${entityName} WHERE ${field}::text IN (SELECT json_array_elements_text($1::json))`,
        [JSON.stringify(chunk)],
      );
      const heldSet = new Set(held.map((r) => r.v));
      for (const v of chunk) if (!heldSet.has(v)) problems.add(missing.get(v)!);
    }
  }
  problems.list.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return problems;
}

async function checkRecordTimes(
  ex: Extract,
  keys: Map<string, Map<string, number>>,
  problems: Problems,
  progress: (n: number) => void,
) {
  const file = `${RECORD_TIMES_FILE}.csv`;
  const entityByPrimary = new Map(entities.map((e) => [primaryFile(e), e]));
  let cols: number[] = [];
  let rows = 0;
  const broken = await readCsv(
    join(ex.dir, file),
    file,
    (header) => {
      cols = RECORD_TIMES_HEADER.map((h) => header.indexOf(h));
      header.forEach((h, i) => {
        if (!(RECORD_TIMES_HEADER as readonly string[]).includes(h)) problems.add({ file, line: 1, column: i + 1, message: `unknown column "${h}"` });
      });
      RECORD_TIMES_HEADER.forEach((h, i) => {
        if (cols[i]! < 0) problems.add({ file, line: 1, column: 0, message: `required column "${h}" is missing` });
      });
    },
    (cells, line) => {
      rows++;
      if (cols.some((c) => c < 0)) return;
      const [table, id, at] = cols.map((c) => (cells[c] ?? '').trim()) as [string, string, string];
      const entity = entityByPrimary.get(table);
      if (!entity) {
        problems.add({ file, line, column: cols[0]! + 1, message: `"${table}" is not a table of the extract` });
        return;
      }
      if (!keys.get(entity.name)?.has(id)) {
        problems.add({ file, line, column: cols[1]! + 1, message: `no row with key "${id}" in ${table}.csv` });
        return;
      }
      const parsed = parseSsdDateTime(at);
      if ('error' in parsed) {
        problems.add({ file, line, column: cols[2]! + 1, message: `rect_recorded_at: ${parsed.error}` });
        return;
      }
      let m = ex.recordTimes.get(entity.name);
      if (!m) ex.recordTimes.set(entity.name, (m = new Map()));
      if (m.has(id)) problems.add({ file, line, column: cols[1]! + 1, message: `the recording time of ${table} "${id}" is given twice` });
      m.set(id, parsed.instant);
    },
    progress,
  );
  if (broken) problems.add(broken);
  ex.rows[RECORD_TIMES_FILE] = rows;
}

/** Reads a file of an entity into records by key (only called on files that passed the check). */
async function readRecords(ex: Extract, entity: Entity, role: 'ssd' | 'ext', onRecord: (r: CanonicalRecord) => Promise<void> | void) {
  const name = role === 'ssd' ? entity.ssdFile! : entity.extFile!;
  let columns: (Field | null)[] = [];
  await readCsv(
    join(ex.dir, `${name}.csv`),
    name,
    (header) => {
      const fields = new Map(fileFields(entity, role).map((f) => [f.header, f]));
      columns = header.map((h) => fields.get(h.trim()) ?? null);
    },
    async (cells) => {
      const record: CanonicalRecord = {};
      columns.forEach((f, i) => f && parseCell(f, cells[i]!, record));
      await onRecord(record);
    },
    undefined,
    false,
  );
}

/** Pass 2: load, in the caller's transaction. */
async function load(tx: Queryable, ex: Extract, importId: number, actor: string, at: Date, onProgress?: (p: ImportProgress) => void) {
  const changes: Record<string, EntityChanges> = {};
  const total = entities.reduce((n, e) => n + (ex.rows[primaryFile(e)] ?? 0), 0);
  let done = 0;
  const reason = `Import ${importId} from ${ex.dir}`;
  for (const entity of entities) {
    const primary = primaryFile(entity);
    if (!ex.present.has(primary)) continue;
    const c: EntityChanges = { inserted: 0, updated: 0, unchanged: 0 };
    changes[entity.name] = c;
    const ext = new Map<string, CanonicalRecord>();
    if (entity.ssdFile && entity.extFile && ex.present.has(entity.extFile)) {
      await readRecords(ex, entity, 'ext', (r) => void ext.set(String(r.id), r));
    }
    const times = ex.recordTimes.get(entity.name);
    const tableEmpty = (await tx.query(`SELECT 1 FROM ${entity.name} LIMIT 1`)).length === 0;
    let batch: CanonicalRecord[] = [];

    const flush = async () => {
      const current = tableEmpty ? new Map<string, VersionRow>() : await currentVersions(tx, entity, batch.map((r) => String(r.id)));
      const inserts: VersionRow[] = [];
      const closes: string[] = [];
      for (const r of batch) {
        const id = String(r.id);
        const old = current.get(id);
        if (old && !old.deleted && recordSignature(entity, old) === recordSignature(entity, r)) {
          c.unchanged++;
          continue;
        }
        const first = old ? old.first_recorded_at : times?.get(id) ?? inferredRecordedAt(entity, r);
        inserts.push({
          ...r,
          id,
          version: old ? old.version + 1 : 1,
          deleted: false,
          recorded_from: old ? at : first,
          recorded_to: null,
          recorded_by: actor,
          change_reason: reason,
          first_recorded_at: first,
          import_id: importId,
        });
        if (old) {
          closes.push(id);
          c.updated++;
        } else {
          c.inserted++;
        }
      }
      await closeCurrent(tx, entity, closes, at);
      await insertVersions(tx, entity, inserts);
      done += batch.length;
      batch = [];
      onProgress?.({ phase: 'loading', done, total, label: `Loading ${entity.label.toLowerCase()}` });
    };

    await readRecords(ex, entity, entity.ssdFile ? 'ssd' : 'ext', async (r) => {
      const extra = ext.get(String(r.id));
      const record: CanonicalRecord = {};
      for (const f of entity.fields) record[f.name] = null;
      Object.assign(record, r, extra);
      batch.push(record);
      if (batch.length >= BATCH) await flush();
    });
    if (batch.length) await flush();
  }
  return changes;
}

/**
 * JSON for a jsonb column. Problem messages quote the bad values, which may hold characters PostgreSQL
 * cannot store (NUL, half a surrogate pair): they are shown as U+FFFD.
 */
function storableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'string' ? v.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD') : v);
}

export async function importExtract(db: Database, dir: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const actor = options.actor ?? 'import';
  const at = new Date();
  const ex = await listExtract(dir);
  const problems = await check(db, ex, options.onProgress);
  if (problems.total > 0) {
    await db.query(
      `INSERT INTO import_run (started_at, finished_at, actor, source, status, summary) VALUES ($1, now(), $2, $3, 'rejected', $4)`,
      [at, actor, dir, storableJson({ totalProblems: problems.total, problems: problems.list.slice(0, 100).map(formatProblem) })],
    );
    throw new ImportRejected(problems.list, problems.total);
  }
  let summary: ImportSummary;
  try {
    summary = await db.transaction(async (tx) => {
      // Committed durably even where the server commits asynchronously (synchronous_commit = off): until its commit
      // is on disk, no row it wrote can be marked visible to all, and the VACUUM below would leave them for later.
      await tx.exec('SET LOCAL synchronous_commit = on');
      const [run] = await tx.query<{ id: number }>(
        `INSERT INTO import_run (started_at, actor, source, status) VALUES ($1, $2, $3, 'running') RETURNING id`,
        [at, actor, dir],
      );
      const importId = run!.id;
      const changes = await load(tx, ex, importId, actor, at, options.onProgress);
      const summary: ImportSummary = { importId, rows: ex.rows, changes, notices: ex.notices, seconds: (Date.now() - started) / 1000 };
      await tx.query(`UPDATE import_run SET status = 'done', finished_at = now(), summary = $2 WHERE id = $1`, [importId, JSON.stringify(summary)]);
      await tx.query(
        `INSERT INTO access_log (actor, action, entity, outcome, detail) VALUES ($1, 'import', NULL, 'done', $2)`,
        [actor, `Import ${importId} from ${dir}`],
      );
      return summary;
    });
  } catch (err) {
    await db.query(
      `INSERT INTO import_run (started_at, finished_at, actor, source, status, summary) VALUES ($1, now(), $2, $3, 'failed', $4)`,
      [at, actor, dir, storableJson({ error: (err as Error).message })],
    );
    throw err;
  }
  // Planner statistics for what was loaded: PGlite has no autovacuum to gather them, and without them the
  // planner takes every table for a few rows (a name search then scanned every person instead of its index).
  // VACUUM as well, so that the new rows are marked visible to all now rather than by the PostgreSQL server's
  // autovacuum under the first users (after a 10-year import it vacuumed for some 25 s, slowing the dataset by a
  // third meanwhile). Pages already marked are skipped, so after a small import it is quick.
  await db.exec('VACUUM (ANALYZE)');
  return summary;
}
