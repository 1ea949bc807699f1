/**
 * Shared by the front door's repositories: the authority's clock context, new record ids, the child a
 * record is about, workers and teams for the forms, and logging what a list showed.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { WorkingCalendar } from '../domain/calendar/working-days.js';
import { localStandards, type ClockContext } from '../domain/clocks/index.js';
import { loadDatasetConfig } from './settings.js';
import type { Viewer } from './viewer.js';

/** A new record id: a readable prefix and a random UUID ("CON-1b9d6bcd-…"). */
export function newId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

const calendars = new Map<string, WorkingCalendar>();

/** The authority's local standards and working calendar (bank holidays and its own closure days). */
export async function clockContext(q: Queryable): Promise<ClockContext> {
  const config = await loadDatasetConfig(q);
  const key = [...config.closureDays].sort().join(',');
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = new WorkingCalendar({ closureDays: config.closureDays });
    calendars.set(key, calendar);
  }
  return { standards: localStandards(config.standards), calendar };
}

export interface Child {
  id: string;
  name: string;
  dob: string | null;
  expectedDob: string | null;
  /** Only named people may see a restricted record; lists show it without the name. */
  restricted: boolean;
}

export function nameOf(row: { forename: string | null; surname: string | null }, id: string): string {
  const name = [row.forename, row.surname].filter(Boolean).join(' ');
  return name || `Person ${id}`;
}

/** The child (person) a record is about, or null if there is no such person. Callers check access first. */
export async function childById(q: Queryable, personId: string): Promise<Child | null> {
  const [row] = await q.query<{ id: string; forename: string | null; surname: string | null; dob: string | null; expected_dob: string | null; restricted: boolean }>(
    `SELECT p.id, p.forename, p.surname, p.dob, p.expected_dob,
            EXISTS (SELECT 1 FROM restricted_record r WHERE r.person_id = p.id AND r.lifted_at IS NULL) AS restricted
       FROM current_person p WHERE p.id = $1`,
    [personId],
  );
  return row ? { id: row.id, name: nameOf(row, row.id), dob: row.dob, expectedDob: row.expected_dob, restricted: row.restricted } : null;
}

export interface Option {
  value: string;
  text: string;
}

/** Teams a referral can go to: assessment, safeguarding and disabled children's teams (not whole services). */
export async function referralTeams(q: Queryable, today: string): Promise<Option[]> {
  return teamsOf(q, ['AS', 'CM', 'DC'], today);
}

export async function earlyHelpTeams(q: Queryable, today: string): Promise<Option[]> {
  return teamsOf(q, ['EH'], today);
}

async function teamsOf(q: Queryable, areas: string[], today: string): Promise<Option[]> {
  const rows = await q.query<{ id: string; name: string }>(
    `SELECT t.id, t.name FROM current_team t
      WHERE t.service_area = ANY($1::text[]) AND (t.end_date IS NULL OR t.end_date > $2)
        AND NOT EXISTS (SELECT 1 FROM current_team c WHERE c.parent_id = t.id)
      ORDER BY t.name`,
    [areas, today],
  );
  return rows.map((r) => ({ value: r.id, text: r.name }));
}

export interface WorkerOption extends Option {
  teamId: string | null;
}

/** Current workers of the given teams, by name ("Name (Team)" when more than one team). */
export async function workersOfTeams(q: Queryable, teamIds: readonly string[], today: string): Promise<WorkerOption[]> {
  if (teamIds.length === 0) return [];
  const rows = await q.query<{ id: string; name: string; team_id: string | null; team_name: string | null }>(
    `SELECT w.id, w.name, w.team_id, t.name AS team_name FROM current_worker w LEFT JOIN current_team t ON t.id = w.team_id
      WHERE w.team_id = ANY($1::text[]) AND (w.end_date IS NULL OR w.end_date > $2) ORDER BY w.name, w.id`,
    [teamIds, today],
  );
  return rows.map((r) => ({ value: r.id, text: teamIds.length > 1 && r.team_name ? `${r.name} (${r.team_name})` : r.name, teamId: r.team_id }));
}

export async function workerName(q: Queryable, workerId: string | null): Promise<string | null> {
  if (!workerId) return null;
  const [row] = await q.query<{ name: string }>('SELECT name FROM current_worker WHERE id = $1', [workerId]);
  return row?.name ?? null;
}

export async function teamName(q: Queryable, teamId: string | null): Promise<string | null> {
  if (!teamId) return null;
  const [row] = await q.query<{ name: string }>('SELECT name FROM current_team WHERE id = $1', [teamId]);
  return row?.name ?? null;
}

/** Logs that a list showed these children's records to the viewer (one access-log row per record, one statement). */
export async function logListed(
  q: Queryable, viewer: Viewer, rows: readonly { entity: string; recordId: string; personId: string | null }[], detail: string,
): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO access_log (actor, action, entity, record_id, person_id, outcome, detail)
     SELECT $1, 'view', r.entity, r.record_id, r.person_id, 'allowed', $2
       FROM json_to_recordset($3::json) AS r(entity text, record_id text, person_id text)`,
    [viewer.username, detail, JSON.stringify(rows.map((r) => ({ entity: r.entity, record_id: r.recordId, person_id: r.personId })))],
  );
}
