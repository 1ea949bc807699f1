/**
 * The weekly performance board: the practice measures for a month broken down by service, team and worker,
 * worst first, with the children behind each shortfall.
 *
 * Who sees what is decided here, from the viewer: a performance analyst or a director sees the whole
 * authority; a team manager sees only the records their team is responsible for (the measure's team for
 * each record); every other role is refused, and the refusal logged. Every child listed is logged as viewed.
 */
import type { Queryable } from '../db/database.js';
import { WorkingCalendar } from '../domain/calendar/working-days.js';
import { codeLists } from '../domain/codes/code-lists.js';
import { computeMeasure, measureContext, measures, monthEnd, monthLabel, type MeasureContext, type MeasureDefinition } from '../domain/measures/index.js';
import { checkMonth } from '../domain/measures/period.js';
import {
  boardMeasure, isShortfall, measuresWorstFirst, rowsInGroup, type BoardMeasure, type BoardMeasureMeta, type BoardNames, type BoardRow, type GroupLevel,
} from '../domain/report/board.js';
import { londonDate } from '../domain/time/london.js';
import { childLabels } from './caseload.js';
import { loadMeasureInputs } from './measure-inputs.js';
import { loadDatasetConfig } from './settings.js';
import { AccessDenied, logAccess, requireRead, type Viewer } from './viewer.js';

/** The contract's practice measures about children: percentages and counts whose records are children's. */
export const BOARD_MEASURES: readonly MeasureDefinition[] = measures.filter(
  (m) => m.number !== null && (m.unit === 'percent' || m.unit === 'count') && !['m13-sw-vacancy-rate', 'm15-audits-ri-or-better'].includes(m.id),
);

export type BoardScope = { kind: 'authority'; label: string } | { kind: 'team'; teamId: string; label: string };

const SEES_ALL: readonly string[] = ['performance-analyst', 'director'];

/** What the viewer may see on the board; refuses (logged) a role the board is not for. */
export async function boardScope(q: Queryable, viewer: Viewer): Promise<BoardScope> {
  await requireRead(q, viewer, { action: 'view', detail: 'performance board' });
  if (SEES_ALL.includes(viewer.role)) {
    const [a] = await q.query<{ name: string }>('SELECT name FROM current_authority ORDER BY id LIMIT 1');
    return { kind: 'authority', label: a?.name ?? 'The authority' };
  }
  if (viewer.role === 'team-manager' && viewer.teamId) {
    const [t] = await q.query<{ name: string }>('SELECT name FROM current_team WHERE id = $1', [viewer.teamId]);
    return { kind: 'team', teamId: viewer.teamId, label: t?.name ?? `Team ${viewer.teamId}` };
  }
  await logAccess(q, viewer, { action: 'view', outcome: 'denied', detail: 'performance board: for analysts, directors and team managers with a team' });
  throw new AccessDenied('The performance board is for performance analysts, directors and team managers');
}

interface Lookups {
  names: BoardNames;
  workerOf: Map<string, string>;
}

async function lookups(q: Queryable, personIds: readonly string[], asAt: string): Promise<Lookups> {
  const [teams, workers, allocations] = await Promise.all([
    q.query<{ id: string; name: string; service_area: string | null }>('SELECT id, name, service_area FROM current_team'),
    q.query<{ id: string; name: string; team_id: string | null }>('SELECT id, name, team_id FROM current_worker'),
    // The worker holding each child's case at the "as at" date: a case-holding allocation open then, else the latest that started by then.
    personIds.length === 0 ? [] : q.query<{ person_id: string; worker_id: string }>(
      `SELECT DISTINCT ON (person_id) person_id, worker_id FROM current_allocation
        WHERE person_id = ANY($1::text[]) AND worker_id IS NOT NULL AND start_date <= $2
        ORDER BY person_id, (end_date IS NULL OR end_date >= $2) DESC, (role = 'CH') DESC, start_date DESC, id`,
      [[...new Set(personIds)], asAt]),
  ]);
  const teamById = new Map(teams.map((t) => [t.id, { name: t.name, serviceArea: t.service_area }]));
  const workerById = new Map(workers.map((w) => [w.id, { name: w.name, teamId: w.team_id }]));
  const areas = codeLists.serviceArea as Record<string, string>;
  return {
    names: { team: (id) => teamById.get(id), worker: (id) => workerById.get(id), serviceArea: (c) => areas[c] ?? c },
    workerOf: new Map(allocations.map((a) => [a.person_id, a.worker_id])),
  };
}

async function session(q: Queryable, month: string): Promise<{ ctx: MeasureContext; targets: Awaited<ReturnType<typeof loadDatasetConfig>>['targets'] }> {
  const [inputs, config] = await Promise.all([loadMeasureInputs(q, { from: month, to: month }), loadDatasetConfig(q)]);
  const ctx = measureContext(inputs, { ...config.measureOptions, standards: config.standards, calendar: new WorkingCalendar({ closureDays: config.closureDays }) });
  return { ctx, targets: config.targets };
}

function meta(def: MeasureDefinition): BoardMeasureMeta {
  return { id: def.id, number: def.number, title: def.title, unit: def.unit as 'percent' | 'count', better: def.better, decimals: def.decimals };
}

/** A measure's children's rows the viewer may see, with each child's worker. */
function scopedRows(def: MeasureDefinition, ctx: MeasureContext, month: string, scope: BoardScope): Omit<BoardRow, 'workerId'>[] {
  const out: Omit<BoardRow, 'workerId'>[] = [];
  for (const r of def.rows(ctx, month)) {
    if (r.personId === null) continue;
    if (scope.kind === 'team' && r.teamId !== scope.teamId) continue;
    out.push({ personId: r.personId, recordId: r.recordId, teamId: r.teamId, inNumerator: r.inNumerator, inDenominator: r.inDenominator });
  }
  return out;
}

function asAtOf(month: string): string {
  const today = londonDate(new Date());
  return monthEnd(month) < today ? monthEnd(month) : today;
}

export interface Board {
  month: string;
  monthLabel: string;
  scope: BoardScope;
  /** ISO instant the figures were worked out (records as known then). */
  generatedAt: string;
  /** Measures worst first. */
  measures: BoardMeasure[];
}

/** The board for a month: every practice measure, worst first, with its breakdowns. */
export async function weeklyBoard(q: Queryable, viewer: Viewer, month: string): Promise<Board> {
  checkMonth(month);
  const scope = await boardScope(q, viewer);
  const { ctx, targets } = await session(q, month);
  const raw = BOARD_MEASURES.map((def) => ({ def, rows: scopedRows(def, ctx, month, scope) }));
  const { names, workerOf } = await lookups(q, raw.flatMap((m) => m.rows.map((r) => r.personId)), asAtOf(month));
  const list = raw.map(({ def, rows }) => {
    const withWorkers = rows.map((r) => ({ ...r, workerId: workerOf.get(r.personId) ?? null }));
    const b = boardMeasure(meta(def), withWorkers, names, targets[def.id], scope.label);
    // A whole-authority figure is the measure's own (a count such as measure 5 may have a scope beyond its rows).
    if (scope.kind === 'authority' && def.unit === 'count') {
      const v = computeMeasure(def, ctx, month);
      if (v.value !== b.overall.value) b.overall = { ...b.overall, value: v.value, display: v.display };
    }
    return b;
  }).sort(measuresWorstFirst);
  await logAccess(q, viewer, { action: 'view', detail: `performance board ${month} (${scope.kind === 'team' ? `team ${scope.teamId}` : 'authority'})` });
  return { month, monthLabel: monthLabel(month), scope, generatedAt: new Date().toISOString(), measures: list };
}

/** One measure of the board, with its breakdowns. */
export async function boardForMeasure(q: Queryable, viewer: Viewer, measureId: string, month: string): Promise<{ board: Omit<Board, 'measures'>; measure: BoardMeasure } | null> {
  checkMonth(month);
  const def = BOARD_MEASURES.find((m) => m.id === measureId);
  if (!def) return null;
  const scope = await boardScope(q, viewer);
  const { ctx, targets } = await session(q, month);
  const rows = scopedRows(def, ctx, month, scope);
  const { names, workerOf } = await lookups(q, rows.map((r) => r.personId), asAtOf(month));
  const measure = boardMeasure(meta(def), rows.map((r) => ({ ...r, workerId: workerOf.get(r.personId) ?? null })), names, targets[def.id], scope.label);
  await logAccess(q, viewer, { action: 'view', detail: `performance board ${def.id} ${month}` });
  return { board: { month, monthLabel: monthLabel(month), scope, generatedAt: new Date().toISOString() }, measure };
}

export interface ShortfallChild {
  personId: string;
  child: string;
  recordId: string;
  team: string | null;
  worker: string | null;
  /** Why the record pulls the figure the wrong way, in plain English (from the measure). */
  explanation: string;
}

/**
 * The children behind the shortfall of one line of the board (a service, team or worker; key '' for "not
 * recorded"), each logged as viewed. A team manager asking for another team's line is refused (logged).
 */
export async function shortfallChildren(
  q: Queryable, viewer: Viewer, measureId: string, month: string, level: GroupLevel | 'all', key: string,
): Promise<{ measure: BoardMeasureMeta; label: string; children: ShortfallChild[] } | null> {
  checkMonth(month);
  const def = BOARD_MEASURES.find((m) => m.id === measureId);
  if (!def) return null;
  const scope = await boardScope(q, viewer);
  if (scope.kind === 'team' && level === 'team' && key !== scope.teamId) {
    await logAccess(q, viewer, { action: 'view', outcome: 'denied', detail: `performance board ${def.id} ${month}: team ${key} is not team ${scope.teamId}` });
    throw new AccessDenied('You can see the children behind your own team’s figures only');
  }
  const { ctx } = await session(q, month);
  // As on the board: a team manager's lines are made of their team's records only.
  const rows = [...def.rows(ctx, month)].filter((r) => r.personId !== null && (scope.kind === 'authority' || r.teamId === scope.teamId));
  const { names, workerOf } = await lookups(q, rows.map((r) => r.personId!), asAtOf(month));
  const all = rows.map((r) => ({ row: r, board: { personId: r.personId!, recordId: r.recordId, teamId: r.teamId, workerId: workerOf.get(r.personId!) ?? null, inNumerator: r.inNumerator, inDenominator: r.inDenominator } }));
  const inGroup = new Set(level === 'all' ? all.map((a) => a.board) : rowsInGroup(all.map((a) => a.board), level, key, names));
  const wanted = all.filter((a) => inGroup.has(a.board) && isShortfall(a.board, def));
  const labels = await childLabels(q, viewer, wanted.map((a) => a.board.personId));
  const ids = [...new Set(wanted.map((a) => a.board.personId))];
  if (ids.length) {
    await q.query(
      `INSERT INTO access_log (actor, action, person_id, outcome, detail) SELECT $1, 'view', unnest($2::text[]), 'allowed', $3`,
      [viewer.username, ids, `performance board ${def.id} ${month} ${level} ${key || '(not recorded)'}`]);
  }
  const label = level === 'all' ? scope.label : key === '' ? { service: 'No service recorded', team: 'No team recorded', worker: 'No allocated worker' }[level]
    : level === 'service' ? names.serviceArea(key) : level === 'team' ? (names.team(key)?.name ?? key) : (names.worker(key)?.name ?? key);
  return {
    measure: meta(def),
    label,
    children: wanted.map((a) => ({
      personId: a.board.personId,
      child: labels.get(a.board.personId)?.name ?? a.board.personId,
      recordId: a.board.recordId,
      team: a.board.teamId ? (names.team(a.board.teamId)?.name ?? a.board.teamId) : null,
      worker: a.board.workerId ? (names.worker(a.board.workerId)?.name ?? a.board.workerId) : null,
      explanation: labels.get(a.board.personId)?.restricted ? 'Restricted record' : a.row.explanation,
    })).sort((x, y) => x.child.localeCompare(y.child)),
  };
}
