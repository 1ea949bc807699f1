/**
 * The data protection officer's questions of the access log — "who has looked at this child's record?",
 * "what has this user looked at?" — and the subject access export: everything held about a child, every
 * version with who recorded it, when and why, and the log of who looked. Each answer is itself logged.
 */
import type { Queryable } from '../db/database.js';
import { columnList } from '../db/record-store.js';
import { entities } from '../domain/model/entities.js';
import type { Entity } from '../domain/model/schema.js';
import { logAccess, requireAccess, type Viewer } from './viewer.js';

export interface LogEntry {
  at: Date;
  actor: string;
  action: string;
  entity: string | null;
  record_id: string | null;
  person_id: string | null;
  outcome: string;
  detail: string | null;
}

const LOG_COLUMNS = 'at, actor, action, entity, record_id, person_id, outcome, detail';

export async function whoLookedAt(q: Queryable, viewer: Viewer, personId: string, limit = 500): Promise<LogEntry[]> {
  await requireAccess(q, viewer, 'audit-log', { action: 'audit', detail: `who looked at ${personId}` });
  const rows = await q.query<LogEntry>(`SELECT ${LOG_COLUMNS} FROM access_log WHERE person_id = $1 ORDER BY at DESC, id DESC LIMIT $2`, [personId, limit]);
  await logAccess(q, viewer, { action: 'audit', personId, detail: 'who has looked at this record' });
  return rows;
}

export async function whatUserLookedAt(q: Queryable, viewer: Viewer, username: string, limit = 500): Promise<LogEntry[]> {
  await requireAccess(q, viewer, 'audit-log', { action: 'audit', detail: `what ${username} looked at` });
  const rows = await q.query<LogEntry>(`SELECT ${LOG_COLUMNS} FROM access_log WHERE actor = $1 ORDER BY at DESC, id DESC LIMIT $2`, [username.toLowerCase(), limit]);
  await logAccess(q, viewer, { action: 'audit', detail: `what ${username} has looked at` });
  return rows;
}

/** Entities holding a child's data: those naming the person, and those hanging off one of them (one level). */
function childEntities(): { entity: Entity; where: string }[] {
  const direct = entities.filter((e) => e.person);
  const out = direct.map((e) => ({ entity: e, where: `${e.person} = $1` }));
  out.unshift({ entity: entities.find((e) => e.name === 'person')!, where: 'id = $1' });
  for (const e of entities) {
    if (e.person || e.name === 'person') continue;
    const link = e.fields.find((f) => f.ref && direct.some((d) => d.name === f.ref!.entity));
    if (link) {
      const parent = direct.find((d) => d.name === link.ref!.entity)!;
      out.push({ entity: e, where: `${link.name} IN (SELECT id FROM ${parent.name} WHERE ${parent.person} = $1)` });
    }
  }
  return out;
}

export interface SubjectAccessExport {
  personId: string;
  exportedAt: string;
  exportedBy: string;
  note: string;
  records: Record<string, { label: string; versions: Record<string, unknown>[] }>;
  accessLog: LogEntry[];
}

export async function subjectAccessExport(q: Queryable, viewer: Viewer, personId: string): Promise<SubjectAccessExport> {
  await requireAccess(q, viewer, 'audit-log', { action: 'subject-access-export', personId });
  const records: SubjectAccessExport['records'] = {};
  for (const { entity, where } of childEntities()) {
    const versions = await q.query(`SELECT ${columnList(entity)} FROM ${entity.name} WHERE ${where} ORDER BY id, version`, [personId]);
    if (versions.length) records[entity.name] = { label: entity.label, versions };
  }
  const accessLog = await q.query<LogEntry>(`SELECT ${LOG_COLUMNS} FROM access_log WHERE person_id = $1 ORDER BY at, id`, [personId]);
  await logAccess(q, viewer, { action: 'subject-access-export', personId, detail: `${Object.values(records).reduce((n, r) => n + r.versions.length, 0)} versions` });
  return {
    personId,
    exportedAt: new Date().toISOString(),
    exportedBy: viewer.username,
    note: 'Every version of every record about the child, with who recorded it, when and why (recorded_from, recorded_by, change_reason), and every logged view. Review for third-party information before disclosure.',
    records,
    accessLog,
  };
}
