/**
 * Visits to a child on a child protection or child in need plan: the visit (when, seen, seen alone, what the
 * child said, by whom) and when the next one is due under the authority's local standard.
 */
import type { Database } from '../db/database.js';
import { createRecord, RecordNotFound } from '../db/record-store.js';
import { nextVisit, type NextVisit, type PlanKind } from '../domain/front-door/visits.js';
import type { NewVisit } from '../domain/front-door/rules.js';
import { getEntity } from '../domain/model/entities.js';
import { londonDate } from '../domain/time/london.js';
import { childById, clockContext, newId, type Child, type Option } from './fd-common.js';
import { visitsSeen } from './fd-referral.js';
import { changeBy, logAccess, requireChange, requireRead, type Viewer } from './viewer.js';

const CP_VISIT = getEntity('cp_visit');
const CIN_VISIT = getEntity('cin_visit');

export interface PlanForVisit {
  kind: PlanKind;
  id: string;
  startDate: string;
  endDate: string | null;
  referralId: string | null;
  category: string | null;
}

export interface RecentVisit {
  id: string;
  visitAt: Date;
  seen: boolean | null;
  seenAlone: boolean | null;
  worker: string | null;
  childSaid: string | null;
}

export interface VisitContext {
  child: Child;
  openPlans: PlanForVisit[];
  plan: PlanForVisit | null;
  next: NextVisit | null;
  recent: RecentVisit[];
  /** Who can be recorded as the visitor: the viewer's own worker record and the child's allocated workers. */
  workers: Option[];
}

/** The child's open plans and, for the chosen plan, the next visit due and the latest visits. Logged. */
export async function visitContext(db: Database, viewer: Viewer, personId: string, planId: string | null, now: Date): Promise<VisitContext | null> {
  const child = await childById(db, personId);
  if (!child) return null;
  await requireRead(db, viewer, { action: 'view', entity: 'person', recordId: personId, personId, detail: 'visits' });
  const today = londonDate(now);
  const plans = await db.query<{ kind: PlanKind; id: string; start_date: string; end_date: string | null; referral_id: string | null; category: string | null }>(
    `SELECT 'CP' AS kind, id, start_date, end_date, referral_id, coalesce(latest_category, initial_category) AS category FROM current_cp_plan WHERE person_id = $1
     UNION ALL SELECT 'CIN', id, start_date, end_date, referral_id, NULL FROM current_cin_plan WHERE person_id = $1
     ORDER BY start_date DESC`,
    [personId],
  );
  const all = plans.map((p) => ({ kind: p.kind, id: p.id, startDate: p.start_date, endDate: p.end_date, referralId: p.referral_id, category: p.category }));
  const openPlans = all.filter((p) => p.startDate <= today && (p.endDate === null || p.endDate > today));
  const plan = planId ? all.find((p) => p.id === planId) ?? null : openPlans.length === 1 ? openPlans[0]! : null;
  let next: NextVisit | null = null;
  let recent: RecentVisit[] = [];
  if (plan) {
    const ctx = await clockContext(db);
    next = nextVisit(plan.kind, plan.startDate, await visitsSeen(db, personId), today, ctx);
    const rows = plan.kind === 'CP'
      ? await db.query<{ id: string; visit_date: Date; seen: boolean | null; seen_alone: boolean | null; worker: string | null; child_said: string | null }>(
        `SELECT v.id, v.visit_date, v.seen, v.seen_alone, w.name AS worker, v.child_said FROM current_cp_visit v LEFT JOIN current_worker w ON w.id = v.worker_id
          WHERE v.person_id = $1 AND v.cp_plan_id = $2 ORDER BY v.visit_date DESC LIMIT 5`, [personId, plan.id])
      : await db.query<{ id: string; visit_date: Date; seen: boolean | null; seen_alone: boolean | null; worker: string | null; child_said: string | null }>(
        `SELECT v.id, v.visit_date, v.seen, v.seen_alone, w.name AS worker, v.child_said FROM current_cin_visit v LEFT JOIN current_worker w ON w.id = v.worker_id
          WHERE v.person_id = $1 AND v.visit_date >= $2::date ORDER BY v.visit_date DESC LIMIT 5`, [personId, plan.startDate]);
    recent = rows.map((r) => ({ id: r.id, visitAt: r.visit_date, seen: r.seen, seenAlone: r.seen_alone, worker: r.worker, childSaid: r.child_said }));
  }
  const workerRows = await db.query<{ id: string; name: string; mine: boolean }>(
    `SELECT w.id, w.name, w.id = $2 AS mine FROM current_worker w
      WHERE w.id = $2 OR w.id IN (SELECT a.worker_id FROM current_allocation a WHERE a.person_id = $1 AND (a.end_date IS NULL OR a.end_date > $3))
      ORDER BY (w.id = $2) DESC, w.name`,
    [personId, viewer.workerId, today],
  );
  await logAccess(db, viewer, { action: 'view', entity: plan ? (plan.kind === 'CP' ? 'cp_plan' : 'cin_plan') : 'person', recordId: plan?.id ?? personId, personId, detail: 'visits' });
  return {
    child, openPlans, plan, next, recent,
    workers: workerRows.map((w) => ({ value: w.id, text: w.mine ? `${w.name} (me)` : w.name })),
  };
}

/** Records a CP visit (against the plan) or a CIN visit (the child's visit while the plan is open). */
export async function recordVisit(db: Database, viewer: Viewer, personId: string, plan: PlanForVisit, v: NewVisit): Promise<string> {
  await requireChange(db, viewer, { action: 'record visit', entity: plan.kind === 'CP' ? 'cp_visit' : 'cin_visit', personId });
  if (!plan.id) throw new RecordNotFound('No plan');
  const id = newId(plan.kind === 'CP' ? 'CPV' : 'CINV');
  const common = {
    id, person_id: personId, visit_date: v.visitAt, visit_date_has_time: true, seen: v.seen, seen_alone: v.seenAlone,
    bedroom_seen: v.bedroomSeen, worker_id: v.workerId, child_said: v.childSaid,
  };
  await db.transaction((tx) => plan.kind === 'CP'
    ? createRecord(tx, CP_VISIT, { ...common, cp_plan_id: plan.id }, changeBy(viewer))
    : createRecord(tx, CIN_VISIT, common, changeBy(viewer)));
  return id;
}
