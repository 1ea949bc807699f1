/**
 * Caseloads and the work due on them: the team manager's dashboard (each worker's caseload, overdue work and
 * work due in the next 5 working days; the team's unallocated children and step-downs/ups waiting), "My work",
 * and allocating a child to a worker.
 *
 * Only the team's cases are read: allocations by worker, referrals and CIN plans by team (indexes in migration
 * 0006), and the children's records by person. Due dates are computed in TypeScript with the clocks
 * (src/domain/workload). Every child shown is logged as viewed.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { createRecord } from '../db/record-store.js';
import { anyOf, jsonArray, taggedRows, taggedSelect, type TaggedRow } from '../db/tagged-rows.js';
import { WorkingCalendar } from '../domain/calendar/working-days.js';
import { measureSettings } from '../domain/measures/settings.js';
import { getEntity } from '../domain/model/entities.js';
import { endOfLondonDay, londonDate } from '../domain/time/london.js';
import {
  caseWork,
  stepsWaiting,
  unallocatedSpell,
  workKindsFor,
  worstFirst,
  type CaseRecords,
  type StepWaiting,
  type UnallocatedSpell,
  type WorkItem,
  type WorkKind,
  type WorkSettings,
} from '../domain/workload/index.js';
import { loadDatasetConfig } from './settings.js';
import { AccessDenied, changeBy, requireAccess, requireRead, type Viewer } from './viewer.js';

/** A form could not be accepted: field name → message, in the order of the form. */
export class FormProblem extends Error {
  constructor(readonly errors: Record<string, string>) {
    super(Object.values(errors).join('; '));
  }
}

export interface CaseloadSettings extends WorkSettings {
  caseSupervisionTypes: readonly string[];
  caseHoldingRoles: readonly string[];
}

/**
 * Working calendars by their closure days: building one takes a few milliseconds (a day-by-day table over the
 * bank-holiday years), too long to repeat for every page; a calendar never changes once built.
 */
const calendars = new Map<string, WorkingCalendar>();

function calendarFor(closureDays: readonly string[]): WorkingCalendar {
  const key = [...closureDays].sort().join(',');
  let calendar = calendars.get(key);
  if (!calendar) {
    if (calendars.size >= 16) calendars.clear();
    calendar = new WorkingCalendar({ closureDays });
    calendars.set(key, calendar);
  }
  return calendar;
}

/** The authority's calendar, local standards and options, as the measures use them. */
export async function caseloadSettings(q: Queryable): Promise<CaseloadSettings> {
  const config = await loadDatasetConfig(q);
  const s = measureSettings({ ...config.measureOptions, standards: config.standards, calendar: calendarFor(config.closureDays) });
  const caseHoldingRoles = s.personalAdvisersCaseHolding ? [...s.caseHoldingRoles, 'PA'] : s.caseHoldingRoles;
  return {
    calendar: s.calendar, standards: s.standards, shortBreakLegalStatuses: s.shortBreakLegalStatuses,
    caseSupervisionTypes: s.caseSupervisionTypes, caseHoldingRoles,
  };
}

const dateOf = (v: Date | string | null): string | null => (v === null ? null : typeof v === 'string' ? v : londonDate(v));

function icpcNeeded(outcomeJson: string | null, nfa: boolean | null): boolean | null {
  if (outcomeJson) {
    try {
      const o = JSON.parse(outcomeJson) as { icpc?: unknown };
      if (typeof o.icpc === 'boolean') return o.icpc;
    } catch {
      // not JSON: fall through
    }
  }
  return nfa === true ? false : null;
}

/** CaseRecords while it is being filled in. */
type Building = { [K in keyof CaseRecords]: CaseRecords[K] extends readonly (infer T)[] ? T[] : CaseRecords[K] };

/** More tagged SELECTs read in the same statement as the case records: their parameters are numbered from $5. */
export interface MoreRows {
  selects: readonly string[];
  params: readonly unknown[];
  /** Their columns that hold instants (turned back into Dates). */
  instants: readonly string[];
}

/**
 * The records that decide each child's work, as known now. Visits and case supervision are reduced to the
 * latest up to today: the clocks only ever run from the latest event since a start date, so that is enough.
 * Likewise referrals, CIN plans, reviews and core groups are only those the work rules (caseWork, caseSituation)
 * and a child's wait for a worker read: open ones, and closed ones that an open assessment or plan action
 * belongs to; reviews of the plans and periods of care still open, up to today; the first core group of the
 * latest open CP plan; the early help episodes of open early help plan actions.
 */
export async function loadCaseRecords(q: Queryable, personIds: readonly string[], today: string, settings: CaseloadSettings): Promise<Map<string, CaseRecords>> {
  return (await loadCaseRecordsWith(q, personIds, today, settings)).records;
}

/**
 * The case records, and the rows of `more` SELECTs read in the same statement (one round trip and one plan for
 * a child's deadlines).
 */
export async function loadCaseRecordsWith(
  q: Queryable, personIds: readonly string[], today: string, settings: CaseloadSettings, more: MoreRows = { selects: [], params: [], instants: [] },
): Promise<{ records: Map<string, CaseRecords>; more: (k: string) => TaggedRow[] }> {
  const out = new Map<string, Building>();
  const ids = [...new Set(personIds)];
  if (ids.length === 0 && more.selects.length === 0) return { records: out, more: () => [] };
  for (const personId of ids) {
    out.set(personId, {
      personId, referrals: [], openAssessments: [], s47s: [], icpcs: [], cinPlans: [], cpPlans: [], cpReviews: [], coreGroups: [],
      claEpisodes: [], placements: [], claReviews: [], legalStatuses: [], carePlans: [], earlyHelp: [], visitsSeen: [], caseSupervisions: [],
      openActions: [],
    });
  }
  const of = (id: string) => out.get(id) as Building;
  const endOfToday = endOfLondonDay(today);
  type Row = TaggedRow;
  const part = taggedSelect;
  const who = `person_id = ${anyOf(1)}`;
  const selects = [
    // Only the rows the work rules read: open referrals, and those of assessments still open.
    part('referrals', 'id, referral_date, close_date', `current_referral WHERE ${who} AND (close_date IS NULL OR close_date > $2
      OR id IN (SELECT x.referral_id FROM current_assessment x WHERE x.${who} AND x.authorised_date IS NULL))`),
    part('assessments', 'id, referral_id, start_date', `current_assessment WHERE ${who} AND authorised_date IS NULL`),
    // The strategy discussion of each enquiry looked up by its id (a join read every strategy discussion).
    `SELECT 's47s' AS k, s.person_id, json_build_object('id', s.id, 'start_date', s.start_date, 'end_date', s.end_date, 'nfa', s.nfa, 'outcome_json', s.outcome_json,
       'strategy_at', (SELECT d.held_at FROM current_strategy_discussion d WHERE d.id = s.strategy_id)) AS r
       FROM current_s47_enquiry s WHERE s.${who}`,
    part('icpcs', 'id, s47_id, conference_date', `current_icpc WHERE ${who}`),
    // Open CIN plans, and those that open plan actions belong to (an action of a plan that has ended is not due).
    part('cinPlans', 'id, start_date, end_date', `current_cin_plan WHERE ${who} AND (end_date IS NULL OR end_date > $2
      OR id IN (SELECT x.plan_id FROM current_plan_action x WHERE x.${who} AND x.plan_type = 'CIN' AND x.status IN ('OPEN', 'PROG')))`),
    part('cpPlans', 'id, start_date, end_date', `current_cp_plan WHERE ${who}`),
    // Reviews and core groups up to today of the CP plans still open (the only ones the work rules look at).
    // Each review's plan looked up by its id (one current row per id): a semi-join compared every review with every
    // open plan. No plan, or a plan ended, is not true.
    part('cpReviews', 'cp_plan_id, review_date', `current_cp_review r WHERE r.${who} AND r.review_date <= $2
      AND (SELECT x.end_date IS NULL OR x.end_date > $2 FROM current_cp_plan x WHERE x.id = r.cp_plan_id AND x.${who})`),
    // The first core group up to today since the start of each child's latest open CP plan (the plan the work rules
    // take, and the only core group they read): the children with one first (a sub-select per core group read every
    // child's meetings), one row each rather than every core group since the plan began.
    `SELECT 'coreGroups' AS k, m.person_id, json_build_object('held_at', min(m.held_at)) AS r
       FROM (SELECT x.person_id, max(x.start_date)::timestamp AT TIME ZONE 'Europe/London' AS since FROM current_cp_plan x
              WHERE x.${who} AND x.start_date <= $2 AND (x.end_date IS NULL OR x.end_date > $2) GROUP BY x.person_id) o
       JOIN current_meeting m ON m.person_id = o.person_id
      WHERE m.meeting_type = 'CG' AND m.held_at <= $3 AND m.held_at >= o.since
      GROUP BY m.person_id`,
    part('claEpisodes', 'cla_id, start_date, ceased_date', `current_cla_episode WHERE ${who}`),
    part('placements', 'id, cla_id, start_date, end_date, long_term', `current_placement WHERE ${who} AND (end_date IS NULL OR end_date > $2)`),
    part('claReviews', 'cla_id, review_date', `current_cla_review WHERE ${who} AND review_date <= $2 AND cancelled IS NOT TRUE
      AND cla_id IN (SELECT x.cla_id FROM current_cla_episode x WHERE x.${who} AND (x.ceased_date IS NULL OR x.ceased_date > $2))`),
    part('legal', 'legal_status, start_date, end_date', `current_legal_status WHERE ${who} AND (end_date IS NULL OR end_date > $2)`),
    part('carePlans', 'id, start_date, end_date', `current_cla_care_plan WHERE ${who}`),
    // Only the episodes that open early help plan actions belong to (the rules read them for nothing else).
    part('earlyHelp', 'id, start_date, end_date', `current_early_help_episode WHERE ${who}
      AND id IN (SELECT x.plan_id FROM current_plan_action x WHERE x.${who} AND x.plan_type = 'EH' AND x.status IN ('OPEN', 'PROG'))`),
    // The latest visit and case supervision of each child, each read from the end of the child's index range
    // (migration 0013) rather than by reading every visit; greatest() passes over tables with none.
    `SELECT 'visits' AS k, p.person_id, json_build_object('last', greatest(
       (SELECT max(visit_date) FROM current_cin_visit v WHERE v.person_id = p.person_id AND seen AND visit_date <= $3),
       (SELECT max(visit_date) FROM current_cp_visit v WHERE v.person_id = p.person_id AND seen AND visit_date <= $3),
       (SELECT max(visit_date) FROM current_cla_visit v WHERE v.person_id = p.person_id AND seen AND visit_date <= $3))) AS r
       FROM unnest($1::text[]) AS p(person_id)`,
    `SELECT 'supervisions' AS k, p.person_id, json_build_object('last', (SELECT max(held_at) FROM current_supervision s
       WHERE s.person_id = p.person_id AND supervision_type = ANY($4::text[]) AND held_at <= $3)) AS r
       FROM unnest($1::text[]) AS p(person_id)`,
    part('actions', 'id, plan_type, plan_id, action, responsible, due_date', `current_plan_action WHERE ${who} AND status IN ('OPEN', 'PROG')`),
  ];
  // Two statements of about the same cost, side by side on a server's connections (one after the other on
  // PGlite): referrals to core groups ($1-$3), and the rest with `more` ($1-$4 and theirs).
  const params = [ids, today, endOfToday, [...settings.caseSupervisionTypes], ...more.params];
  const instants = ['referral_date', 'strategy_at', 'held_at', 'last', ...more.instants]; // the instants
  const half = selects.findIndex((sql) => sql.includes("'claEpisodes' AS k"));
  const [first, second] = await Promise.all([
    taggedRows(q, selects.slice(0, half), params.slice(0, 3), instants),
    taggedRows(q, [...selects.slice(half), ...more.selects], params, instants),
  ]);
  const kind = (k: string) => [...first(k), ...second(k)];
  const [
    referrals, assessments, s47s, icpcs, cinPlans, cpPlans, cpReviews, coreGroups, claEpisodes, placements, claReviews, legal,
    carePlans, earlyHelp, visits, supervisions, actions,
  ] = ['referrals', 'assessments', 's47s', 'icpcs', 'cinPlans', 'cpPlans', 'cpReviews', 'coreGroups', 'claEpisodes', 'placements', 'claReviews', 'legal',
    'carePlans', 'earlyHelp', 'visits', 'supervisions', 'actions'].map(kind) as Row[][] as [Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[]];
  const s = (v: unknown) => v as string;
  const d = (v: unknown) => dateOf(v as Date | string | null);
  for (const r of referrals) of(r.person_id).referrals.push({ id: s(r.id), date: d(r.referral_date)!, closeDate: d(r.close_date) });
  for (const r of assessments) of(r.person_id).openAssessments.push({ id: s(r.id), referralId: r.referral_id as string | null, start: d(r.start_date)! });
  for (const r of s47s) {
    of(r.person_id).s47s.push({
      id: s(r.id), start: d(r.start_date)!, end: d(r.end_date), strategyDate: d(r.strategy_at),
      icpcNeeded: icpcNeeded(r.outcome_json as string | null, r.nfa as boolean | null),
    });
  }
  for (const r of icpcs) of(r.person_id).icpcs.push({ id: s(r.id), s47Id: r.s47_id as string | null, date: d(r.conference_date)! });
  for (const r of cinPlans) of(r.person_id).cinPlans.push({ id: s(r.id), start: d(r.start_date)!, end: d(r.end_date) });
  for (const r of cpPlans) of(r.person_id).cpPlans.push({ id: s(r.id), start: d(r.start_date)!, end: d(r.end_date) });
  for (const r of cpReviews) of(r.person_id).cpReviews.push({ planId: s(r.cp_plan_id), date: d(r.review_date)! });
  for (const r of coreGroups) of(r.person_id).coreGroups.push(d(r.held_at)!);
  for (const r of claEpisodes) {
    if (r.cla_id === null) continue;
    of(r.person_id).claEpisodes.push({ claId: s(r.cla_id), start: d(r.start_date)!, ceased: d(r.ceased_date) });
  }
  for (const r of placements) {
    of(r.person_id).placements.push({ id: s(r.id), claId: s(r.cla_id), start: d(r.start_date)!, end: d(r.end_date), longTerm: r.long_term === true });
  }
  for (const r of claReviews) of(r.person_id).claReviews.push({ claId: s(r.cla_id), date: d(r.review_date)! });
  for (const r of legal) of(r.person_id).legalStatuses.push({ status: s(r.legal_status), start: d(r.start_date)!, end: d(r.end_date) });
  for (const r of carePlans) of(r.person_id).carePlans.push({ id: s(r.id), start: d(r.start_date)!, end: d(r.end_date) });
  for (const r of earlyHelp) of(r.person_id).earlyHelp.push({ id: s(r.id), start: d(r.start_date)!, end: d(r.end_date) });
  for (const r of visits) if (r.last) of(r.person_id).visitsSeen.push(d(r.last)!);
  for (const r of supervisions) if (r.last) of(r.person_id).caseSupervisions.push(d(r.last)!);
  for (const r of actions) {
    if (r.due_date === null) continue;
    of(r.person_id).openActions.push({
      id: s(r.id), planType: s(r.plan_type), planId: s(r.plan_id), action: s(r.action), responsible: s(r.responsible), due: d(r.due_date)!,
    });
  }
  return { records: out, more: kind };
}

/** How a child is shown in lists: their name, unless the record is restricted and the viewer is not named on it. */
export interface ChildLabel {
  personId: string;
  name: string;
  dob: string | null;
  restricted: boolean;
}

export async function childLabels(q: Queryable, viewer: Viewer, personIds: readonly string[]): Promise<Map<string, ChildLabel>> {
  const ids = [...new Set(personIds)];
  const out = new Map<string, ChildLabel>();
  if (ids.length === 0) return out;
  const [people, hidden] = await Promise.all([
    q.query<{ id: string; forename: string | null; surname: string | null; dob: string | null }>(
      'SELECT id, forename, surname, dob FROM current_person WHERE id = ANY($1::text[])', [ids]),
    q.query<{ person_id: string }>(
      `SELECT r.person_id FROM restricted_record r
        WHERE r.person_id = ANY($1::text[]) AND r.lifted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM restricted_user u WHERE u.restriction_id = r.id AND u.username = $2 AND u.removed_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM break_glass b WHERE b.person_id = r.person_id AND b.username = $2 AND b.expires_at > now())`,
      [ids, viewer.username]),
  ]);
  const restricted = new Set(hidden.map((h) => h.person_id));
  for (const p of people) {
    const name = [p.forename, p.surname].filter(Boolean).join(' ') || `Child ${p.id}`;
    out.set(p.id, restricted.has(p.id)
      ? { personId: p.id, name: 'Restricted record', dob: null, restricted: true }
      : { personId: p.id, name, dob: p.dob, restricted: false });
  }
  for (const id of ids) if (!out.has(id)) out.set(id, { personId: id, name: `Child ${id}`, dob: null, restricted: false });
  return out;
}

/** Logs that the viewer saw these children's data (one row each, in one statement). */
async function logViews(q: Queryable, viewer: Viewer, personIds: readonly string[], detail: string): Promise<void> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return;
  await q.query(
    `INSERT INTO access_log (actor, action, person_id, outcome, detail) SELECT $1, 'view', unnest($2::text[]), 'allowed', $3`,
    [viewer.username, ids, detail],
  );
}

interface OpenAllocation {
  id: string;
  personId: string;
  workerId: string;
  role: string | null;
}

async function openAllocationsOf(q: Queryable, workerIds: readonly string[], today: string): Promise<OpenAllocation[]> {
  if (workerIds.length === 0) return [];
  // One JSON array of [id, person, worker, role] rather than a row each (as taggedRows does): PGlite decodes every
  // field of every row on its own, most of this statement's time for a team's few hundred allocations (T010's 328:
  // ~3.6 -> ~1.7 ms CPU).
  const rows = await jsonArray<[string, string, string, string | null]>(q,
    `SELECT json_agg(json_build_array(id, person_id, worker_id, role)) AS rows FROM current_allocation
      WHERE worker_id = ANY($1::text[]) AND end_date IS NULL AND start_date <= $2 AND person_id IS NOT NULL`,
    [[...workerIds], today],
  );
  return rows.map(([id, personId, workerId, role]) => ({ id, personId, workerId, role }));
}

/** The work due on a worker's cases (each child once, with the work all their allocations to the worker carry). */
function workOnCases(allocations: readonly OpenAllocation[], records: Map<string, CaseRecords>, today: string, settings: WorkSettings): WorkItem[] {
  const kindsByChild = new Map<string, Set<WorkKind>>();
  for (const a of allocations) {
    const kinds = kindsByChild.get(a.personId) ?? new Set<WorkKind>();
    for (const k of workKindsFor(a.role)) kinds.add(k);
    kindsByChild.set(a.personId, kinds);
  }
  const items: WorkItem[] = [];
  for (const [personId, kinds] of kindsByChild) {
    const c = records.get(personId);
    if (c) items.push(...caseWork(c, today, settings, [...kinds]));
  }
  return items.sort(worstFirst);
}

export interface WorkerRow {
  id: string;
  name: string;
  jobTitle: string | null;
  /** Children with an open allocation to the worker. */
  caseload: number;
  overdue: WorkItem[];
  dueSoon: WorkItem[];
  /** The work listed on the page (and logged as viewed): the most urgent first, all of it unless a limit was asked for. */
  listed: WorkItem[];
}

export interface DashboardOptions {
  /** List at most this many pieces of work per worker (the most urgent); every piece when absent. */
  listPerWorker?: number;
  /** List every piece of this worker's work, whatever listPerWorker says. */
  allFor?: string | null;
}

export interface TeamDashboard {
  today: string;
  team: { id: string; name: string };
  workers: WorkerRow[];
  unallocated: UnallocatedSpell[];
  steps: StepWaiting[];
  children: Map<string, ChildLabel>;
  allocationStandard: number;
}

async function teamOf(q: Queryable, viewer: Viewer): Promise<{ id: string; name: string }> {
  if (viewer.role !== 'team-manager') throw new AccessDenied('Only team managers can see a team dashboard');
  if (!viewer.teamId) throw new AccessDenied('Your account is not linked to a team');
  const [team] = await q.query<{ id: string; name: string }>('SELECT id, name FROM current_team WHERE id = $1', [viewer.teamId]);
  if (!team) throw new AccessDenied('Your team is not on the system');
  return team;
}

/** The team's workers still with the authority today, by name. */
export async function teamWorkers(q: Queryable, teamId: string, today: string): Promise<{ id: string; name: string; job_title: string | null }[]> {
  return q.query<{ id: string; name: string; job_title: string | null }>(
    `SELECT id, name, job_title FROM current_worker
      WHERE team_id = $1 AND (end_date IS NULL OR end_date > $2) AND (start_date IS NULL OR start_date <= $2) ORDER BY name, id`,
    [teamId, today],
  );
}

/**
 * Children the team should allocate: open referrals and CIN plans of the team, and children with an open CP plan
 * or period of care whose last case-holding allocation was in the team (an open one first, else the latest to
 * end; its team, or else its worker's). Two statements: the children, then their episodes and case-holding
 * allocations, tagged. The last allocation of each child in care is read from the end of their own allocations
 * (one index look-up each) instead of every one of their allocations coming back here.
 */
async function unallocatedInTeam(q: Queryable, teamId: string, today: string, settings: CaseloadSettings): Promise<UnallocatedSpell[]> {
  const roles = [...settings.caseHoldingRoles];
  // Children with a case-holding allocation still open today (to a worker who has not left) are not waiting
  // (unallocatedSpell gives them none): they are found once, from the open allocations, and left out before each
  // child in care's last allocation is looked up, so that only the others' episodes and allocations are read.
  const found = await q.query<{ person_id: string }>(
    `WITH allocated AS MATERIALIZED (
       SELECT a.person_id FROM current_allocation a LEFT JOIN current_worker w ON w.id = a.worker_id
        WHERE (a.end_date IS NULL OR a.end_date > $2) AND a.role = ANY($3::text[]) AND a.start_date <= $2
          AND (w.end_date IS NULL OR w.end_date > $2) AND a.person_id IS NOT NULL
     ), care AS (
       SELECT person_id FROM current_cp_plan WHERE end_date IS NULL AND start_date <= $2 AND person_id IS NOT NULL
       UNION SELECT person_id FROM current_cla_episode WHERE ceased_date IS NULL AND start_date <= $2 AND person_id IS NOT NULL
     )
     SELECT c.person_id FROM care c
      CROSS JOIN LATERAL (
        SELECT a.team_id, a.worker_id FROM current_allocation a
         WHERE a.person_id = c.person_id AND a.role = ANY($3::text[]) AND a.start_date <= $2
         ORDER BY a.end_date DESC NULLS FIRST, a.start_date DESC LIMIT 1) last
      WHERE NOT EXISTS (SELECT 1 FROM allocated x WHERE x.person_id = c.person_id)
        AND coalesce(last.team_id, (SELECT w.team_id FROM current_worker w WHERE w.id = last.worker_id)) = $1
     UNION SELECT r.person_id FROM current_referral r WHERE r.team_id = $1 AND r.close_date IS NULL AND r.person_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM allocated x WHERE x.person_id = r.person_id)
     UNION SELECT p.person_id FROM current_cin_plan p WHERE p.team_id = $1 AND p.end_date IS NULL AND p.person_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM allocated x WHERE x.person_id = p.person_id)`,
    [teamId, today, roles],
  );
  const ids = found.map((r) => r.person_id);
  if (ids.length === 0) return [];
  const who = `person_id = ${anyOf(1)}`;
  // Open episodes (periods of care whole, for their start), and the allocations begun by today.
  const kind = await taggedRows(q, [
    taggedSelect('referrals', 'id, referral_date, close_date', `current_referral WHERE ${who} AND (close_date IS NULL OR close_date > $3)`),
    taggedSelect('cinPlans', 'id, start_date, end_date', `current_cin_plan WHERE ${who} AND (end_date IS NULL OR end_date > $3)`),
    taggedSelect('cpPlans', 'id, start_date, end_date', `current_cp_plan WHERE ${who} AND (end_date IS NULL OR end_date > $3)`),
    taggedSelect('claEpisodes', 'cla_id, start_date, ceased_date', `current_cla_episode WHERE ${who}`),
    // Of each child's case-holding allocations begun by today, the one that decides the wait: one still open (to a
    // worker who has not left), else the one that ended last (an allocation ends when its worker leaves).
    `SELECT 'allocations' AS k, x.person_id, json_build_object('start_date', x.start_date, 'end_date', x.end_date, 'worker_left', x.worker_left) AS r
       FROM (SELECT DISTINCT ON (a.person_id) a.person_id, a.start_date, a.end_date, w.end_date AS worker_left
               FROM current_allocation a LEFT JOIN current_worker w ON w.id = a.worker_id
              WHERE a.${who} AND a.role = ANY($2::text[]) AND a.start_date <= $3
              ORDER BY a.person_id, least(a.end_date, w.end_date) DESC NULLS FIRST) x`,
  ], [ids, roles, today], ['referral_date']);
  type Facts = { personId: string; episodes: { what: string; id: string; start: string }[]; allocations: { start: string; end: string | null; workerLeft: string | null }[] };
  const facts = new Map<string, Facts>(ids.map((id) => [id, { personId: id, episodes: [], allocations: [] }]));
  const isOpen = (end: unknown) => end === null || (end as string) > today;
  const str = (v: unknown) => v as string;
  const claEpisodes = kind('claEpisodes');
  for (const r of kind('referrals')) if (isOpen(r.close_date)) facts.get(r.person_id)?.episodes.push({ what: 'referral', id: str(r.id), start: dateOf(r.referral_date as Date)! });
  for (const p of kind('cinPlans')) if (isOpen(p.end_date)) facts.get(p.person_id)?.episodes.push({ what: 'child in need plan', id: str(p.id), start: str(p.start_date) });
  for (const p of kind('cpPlans')) if (isOpen(p.end_date)) facts.get(p.person_id)?.episodes.push({ what: 'child protection plan', id: str(p.id), start: str(p.start_date) });
  const periodStart = new Map<string, string>();
  for (const e of claEpisodes) {
    const key = `${e.person_id}|${e.cla_id}`;
    const was = periodStart.get(key);
    if (was === undefined || str(e.start_date) < was) periodStart.set(key, str(e.start_date));
  }
  for (const e of claEpisodes) {
    if (!isOpen(e.ceased_date) || e.cla_id === null) continue;
    facts.get(e.person_id)?.episodes.push({ what: 'period of care', id: str(e.cla_id), start: periodStart.get(`${e.person_id}|${e.cla_id}`)! });
  }
  for (const a of kind('allocations')) {
    facts.get(a.person_id)?.allocations.push({ start: str(a.start_date), end: a.end_date as string | null, workerLeft: a.worker_left as string | null });
  }
  const ctx = { calendar: settings.calendar, standards: settings.standards };
  return [...facts.values()]
    .map((f) => unallocatedSpell(f, today, ctx))
    .filter((s): s is UnallocatedSpell => s !== null)
    .sort((a, b) => b.workingDays - a.workingDays || (a.since < b.since ? -1 : a.since > b.since ? 1 : 0) || (a.personId < b.personId ? -1 : 1));
}

const EH_COLUMNS = 'id, person_id, start_date, end_date, worker_id, step_down_requested_date, step_up_requested_date, step_up_contact_id, team_id, step_down_from_referral_id';

/**
 * Step-downs to early help and step-ups to social care still waiting, for the team's children: the team's own
 * early help episodes, step-downs from its referrals, and children with an open referral or allocation in it.
 */
async function stepsInTeam(q: Queryable, teamId: string, today: string, settings: CaseloadSettings): Promise<StepWaiting[]> {
  // First the episodes that may be waiting, across the authority, each branch from its own partial index (migrations
  // 0005 and 0014): usually none or a handful. Only then, and only for them, the conditions on the team. In one
  // statement the team's conditions (sub-plans on referrals and allocations) made the planner take ~6 ms on
  // PGlite every time (the plan depends on the date, so it was never kept) to run a ~0.2 ms query.
  const waiting = await q.query<{ id: string }>(
    `WITH e AS MATERIALIZED (
       SELECT ${EH_COLUMNS} FROM current_early_help_episode WHERE step_down_requested_date IS NOT NULL AND worker_id IS NULL
       UNION SELECT ${EH_COLUMNS} FROM current_early_help_episode WHERE step_down_requested_date IS NOT NULL AND start_date > $1
       UNION SELECT ${EH_COLUMNS} FROM current_early_help_episode WHERE step_up_requested_date IS NOT NULL AND step_up_contact_id IS NULL
     )
     SELECT e.id FROM e
      WHERE (e.step_down_requested_date IS NOT NULL AND (e.end_date IS NULL OR e.end_date > $1) AND (e.start_date > $1 OR e.worker_id IS NULL))
         OR (e.step_up_requested_date IS NOT NULL AND e.step_up_contact_id IS NULL)`,
    [today],
  );
  if (waiting.length === 0) return [];
  const rows = await q.query<{
    id: string; person_id: string; start_date: string; end_date: string | null; worker_id: string | null; step_down_requested_date: string | null;
    step_up_requested_date: string | null; step_up_contact_id: string | null; ehw: boolean;
  }>(
    `SELECT e.id, e.person_id, e.start_date, e.end_date, e.worker_id, e.step_down_requested_date, e.step_up_requested_date, e.step_up_contact_id,
            EXISTS (SELECT 1 FROM current_allocation a WHERE a.person_id = e.person_id AND a.role = 'EHW' AND a.end_date IS NULL) AS ehw
       FROM current_early_help_episode e LEFT JOIN current_referral r ON r.id = e.step_down_from_referral_id
      WHERE e.id = ANY($2::text[])
        AND (e.team_id = $1 OR r.team_id = $1
          OR EXISTS (SELECT 1 FROM current_referral o WHERE o.person_id = e.person_id AND o.close_date IS NULL AND o.team_id = $1)
          OR EXISTS (SELECT 1 FROM current_allocation a LEFT JOIN current_worker w ON w.id = a.worker_id
                      WHERE a.person_id = e.person_id AND a.end_date IS NULL AND coalesce(a.team_id, w.team_id) = $1))`,
    [teamId, waiting.map((w) => w.id)],
  );
  return stepsWaiting(rows.map((r) => ({
    id: r.id, personId: r.person_id, start: r.start_date, end: r.end_date, stepDownRequested: r.step_down_requested_date,
    stepUpRequested: r.step_up_requested_date, stepUpContactId: r.step_up_contact_id, hasEarlyHelpWorker: r.worker_id !== null || r.ehw,
  })), today, settings.calendar);
}

/** Names in the default locale's order, as localeCompare orders them (one collator, made once). */
const byName = new Intl.Collator();

/** The team manager's dashboard for the viewer's team, as at today. */
export async function teamDashboard(db: Database, viewer: Viewer, today = londonDate(new Date()), options: DashboardOptions = {}): Promise<TeamDashboard> {
  const team = await teamOf(db, viewer);
  // The authority's settings are not a child's data: read while the access is checked.
  const [, settings] = await Promise.all([requireRead(db, viewer, { action: 'view', detail: `team dashboard ${team.id}` }), caseloadSettings(db)]);
  const workers = await teamWorkers(db, team.id, today);
  const [{ allocations, records }, unallocated, steps] = await Promise.all([
    (async () => {
      const allocations = await openAllocationsOf(db, workers.map((w) => w.id), today);
      return { allocations, records: await loadCaseRecords(db, allocations.map((a) => a.personId), today, settings) };
    })(),
    unallocatedInTeam(db, team.id, today, settings),
    stepsInTeam(db, team.id, today, settings),
  ]);
  const rows: WorkerRow[] = workers.map((w) => {
    const own = allocations.filter((a) => a.workerId === w.id);
    const items = workOnCases(own, records, today, settings);
    const overdue = items.filter((i) => i.state === 'overdue');
    const dueSoon = items.filter((i) => i.state === 'due-soon');
    const urgent = [...overdue, ...dueSoon];
    const limit = options.listPerWorker === undefined || options.allFor === w.id ? urgent.length : options.listPerWorker;
    return {
      id: w.id, name: w.name, jobTitle: w.job_title, caseload: new Set(own.map((a) => a.personId)).size,
      overdue, dueSoon, listed: urgent.slice(0, limit),
    };
  });
  rows.sort((a, b) => b.overdue.length - a.overdue.length || b.dueSoon.length - a.dueSoon.length || byName.compare(a.name, b.name));
  const shown = [...rows.flatMap((r) => r.listed.map((i) => i.personId)), ...unallocated.map((u) => u.personId), ...steps.map((s) => s.personId)];
  const [children] = await Promise.all([childLabels(db, viewer, shown), logViews(db, viewer, shown, `team dashboard ${team.id}`)]);
  return { today, team, workers: rows, unallocated, steps, children, allocationStandard: settings.standards.allocationWorkingDays };
}

export interface MyWork {
  today: string;
  caseload: number;
  overdue: WorkItem[];
  dueSoon: WorkItem[];
  children: Map<string, ChildLabel>;
}

const MY_WORK_ROLES: readonly Viewer['role'][] = ['social-worker', 'team-manager', 'iro'];

/** The overdue and due-soon work on the signed-in worker's own cases (null: the account is not linked to a worker). */
export async function myWork(db: Database, viewer: Viewer, today = londonDate(new Date())): Promise<MyWork | null> {
  if (!MY_WORK_ROLES.includes(viewer.role)) throw new AccessDenied('My work is for social workers, team managers and reviewing officers');
  if (!viewer.workerId) return null;
  await requireRead(db, viewer, { action: 'view', detail: 'my work' });
  const settings = await caseloadSettings(db);
  const allocations = await openAllocationsOf(db, [viewer.workerId], today);
  const records = await loadCaseRecords(db, allocations.map((a) => a.personId), today, settings);
  const items = workOnCases(allocations, records, today, settings);
  const overdue = items.filter((i) => i.state === 'overdue');
  const dueSoon = items.filter((i) => i.state === 'due-soon');
  const shown = [...overdue, ...dueSoon].map((i) => i.personId);
  const children = await childLabels(db, viewer, shown);
  await logViews(db, viewer, shown, 'my work');
  return { today, caseload: new Set(allocations.map((a) => a.personId)).size, overdue, dueSoon, children };
}

export interface Allocated {
  allocationId: string;
  personId: string;
  childName: string;
  workerName: string;
}

/**
 * Allocates a child to a worker in the manager's team as their case-holding worker, from today. Refused
 * (AccessDenied, logged) unless the viewer may allocate this child; a FormProblem when no worker or a worker
 * outside the team is chosen, or the child already has a case-holding worker.
 */
export async function allocateChild(
  db: Database, viewer: Viewer, input: { personId: string; workerId: string }, today = londonDate(new Date()),
): Promise<Allocated> {
  const field = `worker-${input.personId}`;
  if (!input.personId) throw new FormProblem({ person: 'Choose a child to allocate' });
  await requireAccess(db, viewer, 'allocate', { action: 'allocate', entity: 'allocation', personId: input.personId });
  if (!viewer.teamId) throw new AccessDenied('Your account is not linked to a team');
  if (!input.workerId) throw new FormProblem({ [field]: 'Choose a worker to allocate the child to' });
  const settings = await caseloadSettings(db);
  return db.transaction(async (tx) => {
    const [child] = await tx.query<{ id: string; forename: string | null; surname: string | null }>(
      'SELECT id, forename, surname FROM current_person WHERE id = $1', [input.personId]);
    if (!child) throw new FormProblem({ [field]: 'This child is not on the system' });
    const childName = [child.forename, child.surname].filter(Boolean).join(' ') || `Child ${child.id}`;
    const worker = (await teamWorkers(tx, viewer.teamId!, today)).find((w) => w.id === input.workerId);
    if (!worker) throw new FormProblem({ [field]: 'Choose a worker in your team' });
    const [holder] = await tx.query<{ name: string }>(
      `SELECT w.name FROM current_allocation a JOIN current_worker w ON w.id = a.worker_id
        WHERE a.person_id = $1 AND a.end_date IS NULL AND a.start_date <= $2 AND a.role = ANY($3::text[]) AND (w.end_date IS NULL OR w.end_date > $2)`,
      [input.personId, today, [...settings.caseHoldingRoles]],
    );
    if (holder) throw new FormProblem({ [field]: `${childName} is already allocated to ${holder.name}` });
    const [referral] = await tx.query<{ id: string }>(
      'SELECT id FROM current_referral WHERE person_id = $1 AND close_date IS NULL ORDER BY referral_date DESC LIMIT 1', [input.personId]);
    const id = `ALL-${randomUUID()}`;
    await createRecord(tx, getEntity('allocation'), {
      id, worker_id: worker.id, role_desc: 'Allocated social worker', team_id: viewer.teamId, start_date: today, end_date: null,
      worker_change_reason: null, person_id: input.personId, referral_id: referral?.id ?? null, role: 'CH',
    }, changeBy(viewer, 'Allocated from the team dashboard'));
    return { allocationId: id, personId: input.personId, childName, workerName: worker.name };
  });
}

/** An allocation made earlier, for the confirmation banner (null if it is not one the viewer made). */
export async function allocationMadeBy(q: Queryable, viewer: Viewer, allocationId: string): Promise<Allocated | null> {
  const [row] = await q.query<{ id: string; person_id: string; forename: string | null; surname: string | null; worker: string }>(
    `SELECT a.id, a.person_id, p.forename, p.surname, w.name AS worker
       FROM current_allocation a JOIN current_person p ON p.id = a.person_id JOIN current_worker w ON w.id = a.worker_id
      WHERE a.id = $1 AND a.recorded_by = $2`,
    [allocationId, viewer.username],
  );
  if (!row) return null;
  return { allocationId: row.id, personId: row.person_id, childName: [row.forename, row.surname].filter(Boolean).join(' ') || `Child ${row.person_id}`, workerName: row.worker };
}
