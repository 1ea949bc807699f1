/**
 * The versioned record store: the only code that writes entity tables.
 *
 * A change never overwrites or deletes a row. It closes the current version (sets recorded_to) and adds
 * a new version saying who made it, when and why; a deletion adds a version marked deleted. Every
 * version stays readable: history(), and asKnownAt() for the state as recorded at any instant.
 */
import type { Entity } from '../domain/model/schema.js';
import { recordSignature, type CanonicalRecord } from '../domain/model/values.js';
import type { Queryable } from './database.js';
import { HISTORY_COLUMNS, tableColumns } from './schema-ddl.js';

export interface ChangeContext {
  /** Who is making the change (a user name, or "import"). */
  actor: string;
  /** Why: required for edits and deletions. */
  reason: string;
  /** When the change is recorded; defaults to now. */
  at?: Date;
  importId?: number;
  /**
   * The version the person was looking at when they made the change (from the form). If someone else has
   * changed the record since, the change is refused with EditConflict, never silently written over theirs.
   */
  expectedVersion?: number;
}

export interface VersionRow extends CanonicalRecord {
  id: string;
  version: number;
  deleted: boolean;
  recorded_from: Date;
  recorded_to: Date | null;
  recorded_by: string;
  change_reason: string | null;
  first_recorded_at: Date;
  import_id: number | null;
}

export class RecordNotFound extends Error {}
export class InvalidChange extends Error {}

/** Someone else changed the record after this person opened it: their change is refused, nothing written. */
export class EditConflict extends Error {
  constructor(readonly entity: Entity, readonly current: VersionRow) {
    super(`${entity.label} ${current.id} was changed by ${current.recorded_by} at ${current.recorded_from.toISOString()} after you opened it`);
  }
}

function checkVersion(entity: Entity, current: VersionRow, ctx: ChangeContext): void {
  if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== current.version) throw new EditConflict(entity, current);
}

const columnLists = new Map<string, string>();
/** The table's columns, comma-separated, in table order (data, then history). */
export function columnList(entity: Entity): string {
  let cols = columnLists.get(entity.name);
  if (!cols) {
    cols = tableColumns(entity)
      .map(([c]) => c)
      .join(', ');
    columnLists.set(entity.name, cols);
  }
  return cols;
}

/** Adds versions in bulk (one statement per call; callers batch a few thousand rows). */
export async function insertVersions(tx: Queryable, entity: Entity, rows: readonly VersionRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (tx.copyCsv) {
    const names = tableColumns(entity).map(([c]) => c);
    await tx.copyCsv(entity.name, names, rows.map((r) => names.map((c) => copyValue(r[c])).join(',')).join('\n') + '\n');
    return;
  }
  const cols = columnList(entity);
  await tx.query(
    `INSERT INTO ${entity.name} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${entity.name}, $1::json)`,
    [JSON.stringify(rows)],
  );
}

/** A value in COPY's CSV form: NULL unquoted and empty, text always quoted (so '' stays ''). */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return `"${String(v).replace(/"/g, '""')}"`;
}

/** Ends the current versions of the given records at `at`. */
export async function closeCurrent(tx: Queryable, entity: Entity, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `UPDATE ${entity.name} SET recorded_to = $1
      WHERE recorded_to IS NULL AND id IN (SELECT json_array_elements_text($2::json))`,
    [at, JSON.stringify(ids)],
  );
}

/** The current versions (including deletion markers) of the given records, by id. */
export async function currentVersions(tx: Queryable, entity: Entity, ids: readonly string[]): Promise<Map<string, VersionRow>> {
  const rows = await tx.query<VersionRow>(
    `SELECT ${columnList(entity)} FROM ${entity.name}
      WHERE recorded_to IS NULL AND id IN (SELECT json_array_elements_text($1::json))`,
    [JSON.stringify(ids)],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

async function logWrite(tx: Queryable, entity: Entity, record: CanonicalRecord, action: string, ctx: ChangeContext, at: Date) {
  const person = entity.person ? record[entity.person] : entity.name === 'person' ? record.id : null;
  await tx.query(
    `INSERT INTO access_log (at, actor, action, entity, record_id, person_id, outcome, detail)
     VALUES ($1, $2, $3, $4, $5, $6, 'done', $7)`,
    [at, ctx.actor, action, entity.name, String(record.id), person == null ? null : String(person), ctx.reason || null],
  );
}

function newVersion(record: CanonicalRecord, version: number, ctx: ChangeContext, at: Date, first: Date, deleted = false): VersionRow {
  return {
    ...record,
    id: String(record.id),
    version,
    deleted,
    recorded_from: at,
    recorded_to: null,
    recorded_by: ctx.actor,
    change_reason: ctx.reason || null,
    first_recorded_at: first,
    import_id: ctx.importId ?? null,
  };
}

/**
 * Records a new record. `recordedAt` defaults to the change time; pass it to record something that was
 * written down earlier (a paper record entered later is the opposite: happened earlier, recorded now).
 */
export async function createRecord(tx: Queryable, entity: Entity, record: CanonicalRecord, ctx: ChangeContext): Promise<VersionRow> {
  const at = ctx.at ?? new Date();
  const current = (await currentVersions(tx, entity, [String(record.id)])).get(String(record.id));
  if (current && !current.deleted) throw new InvalidChange(`${entity.label} ${record.id} already exists`);
  const row = newVersion(record, current ? current.version + 1 : 1, ctx, at, current?.first_recorded_at ?? at);
  if (current) await closeCurrent(tx, entity, [row.id], at);
  await insertVersions(tx, entity, [row]);
  await logWrite(tx, entity, record, 'create', ctx, at);
  return row;
}

/** Changes some fields of a record: a new version, the old one kept. */
export async function updateRecord(
  tx: Queryable,
  entity: Entity,
  id: string,
  changes: CanonicalRecord,
  ctx: ChangeContext,
): Promise<VersionRow> {
  if (!ctx.reason.trim()) throw new InvalidChange('A reason is needed to change a record');
  const at = ctx.at ?? new Date();
  const current = (await currentVersions(tx, entity, [id])).get(id);
  if (!current || current.deleted) throw new RecordNotFound(`${entity.label} ${id} does not exist`);
  checkVersion(entity, current, ctx);
  const next = { ...dataOf(entity, current), ...changes, id };
  if (recordSignature(entity, next) === recordSignature(entity, current)) return current;
  const row = newVersion(next, current.version + 1, ctx, at, current.first_recorded_at);
  await closeCurrent(tx, entity, [id], at);
  await insertVersions(tx, entity, [row]);
  await logWrite(tx, entity, next, 'update', ctx, at);
  return row;
}

/** Deletes a record: a version marked deleted is added; every earlier version stays readable. */
export async function deleteRecord(tx: Queryable, entity: Entity, id: string, ctx: ChangeContext): Promise<VersionRow> {
  if (!ctx.reason.trim()) throw new InvalidChange('A reason is needed to delete a record');
  const at = ctx.at ?? new Date();
  const current = (await currentVersions(tx, entity, [id])).get(id);
  if (!current || current.deleted) throw new RecordNotFound(`${entity.label} ${id} does not exist`);
  checkVersion(entity, current, ctx);
  const row = newVersion(dataOf(entity, current), current.version + 1, ctx, at, current.first_recorded_at, true);
  await closeCurrent(tx, entity, [id], at);
  await insertVersions(tx, entity, [row]);
  await logWrite(tx, entity, current, 'delete', ctx, at);
  return row;
}

/** Every version of a record, oldest first. */
export async function history(tx: Queryable, entity: Entity, id: string): Promise<VersionRow[]> {
  return tx.query<VersionRow>(`SELECT ${columnList(entity)} FROM ${entity.name} WHERE id = $1 ORDER BY version`, [id]);
}

/** The record as it was recorded at an instant (null if not yet recorded, or deleted by then). */
export async function asKnownAt(tx: Queryable, entity: Entity, id: string, at: Date): Promise<VersionRow | null> {
  const rows = await tx.query<VersionRow>(
    `SELECT ${columnList(entity)} FROM ${entity.name}
      WHERE id = $1 AND recorded_from <= $2 AND (recorded_to IS NULL OR recorded_to > $2)`,
    [id, at],
  );
  const row = rows[0];
  return row && !row.deleted ? row : null;
}

/** The current, undeleted record, or null. */
export async function getCurrent(tx: Queryable, entity: Entity, id: string): Promise<VersionRow | null> {
  const row = (await currentVersions(tx, entity, [id])).get(id);
  return row && !row.deleted ? row : null;
}

/** The data part of a version (its fields, without the history columns). */
export function dataOf(entity: Entity, row: CanonicalRecord): CanonicalRecord {
  const out: CanonicalRecord = { id: row.id ?? null };
  for (const [col] of tableColumns(entity)) {
    if (col === 'version' || HISTORY.has(col)) continue;
    out[col] = row[col] ?? null;
  }
  return out;
}
const HISTORY: ReadonlySet<string> = new Set(HISTORY_COLUMNS);
