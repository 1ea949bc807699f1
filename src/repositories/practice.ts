/**
 * Plans with their actions (what, who, by when, status), child in need plans, and case supervision and
 * management oversight with their rationale. Every read is checked and logged; every write goes through the
 * record store with who and why, so nothing is overwritten without history.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { createRecord, EditConflict, history, RecordNotFound, updateRecord } from '../db/record-store.js';
import { codeLists } from '../domain/codes/code-lists.js';
import { getEntity } from '../domain/model/entities.js';
import { londonDate, startOfLondonDay } from '../domain/time/london.js';
import { caseSituation, caseWork, dueByDate, dueWords, type Due, type PlanKind, type WorkItem } from '../domain/workload/index.js';
import { caseloadSettings, childLabels, FormProblem, loadCaseRecords, teamWorkers, type ChildLabel } from './caseload.js';
import { AccessDenied, changeBy, logAccess, requireChange, requireRead, type Viewer } from './viewer.js';

export const PLAN_KINDS: Record<PlanKind, { entity: string; type: string; label: string }> = {
  cin: { entity: 'cin_plan', type: 'CIN', label: 'Child in need plan' },
  cp: { entity: 'cp_plan', type: 'CP', label: 'Child protection plan' },
  cla: { entity: 'cla_care_plan', type: 'CLA', label: 'Care plan' },
};

export function isPlanKind(kind: string): kind is PlanKind {
  return Object.hasOwn(PLAN_KINDS, kind);
}

const ACTION_STATUS = codeLists.actionStatus as Record<string, string>;
const OPEN_STATUSES = ['OPEN', 'PROG'];

export interface ActionVersion {
  version: number;
  at: Date;
  by: string;
  status: string;
  reason: string | null;
}

export interface ActionView {
  id: string;
  version: number;
  action: string;
  responsible: string;
  responsibleWorker: string | null;
  due: string;
  status: string;
  statusLabel: string;
  setDate: string;
  completedDate: string | null;
  /** Open actions: overdue, due soon or later. */
  dueState: Due | null;
  dueText: string | null;
  history: ActionVersion[];
}

export interface PlanView {
  kind: PlanKind;
  id: string;
  label: string;
  personId: string;
  child: ChildLabel;
  start: string;
  end: string | null;
  /** CP plans: the category of abuse (latest, else initial). */
  category: string | null;
  team: string | null;
  worker: string | null;
  actions: ActionView[];
  /** Workers who can be named on an action (the viewer's team). */
  workers: { id: string; name: string }[];
  today: string;
}

interface PlanRow {
  id: string;
  person_id: string;
  start_date: string;
  end_date: string | null;
  initial_category?: string | null;
  latest_category?: string | null;
  team_id?: string | null;
  worker_id?: string | null;
}

async function planRow(q: Queryable, kind: PlanKind, id: string): Promise<PlanRow | null> {
  const columns = kind === 'cp' ? ', initial_category, latest_category' : kind === 'cin' ? ', team_id, worker_id' : '';
  const [row] = await q.query<PlanRow>(
    `SELECT id, person_id, start_date, end_date${columns} FROM current_${PLAN_KINDS[kind].entity} WHERE id = $1`, [id]);
  return row ?? null;
}

/** A plan with its actions and each action's history; null if there is no such plan. */
export async function getPlan(db: Database, viewer: Viewer, kind: PlanKind, id: string, today = londonDate(new Date())): Promise<PlanView | null> {
  const plan = await planRow(db, kind, id);
  if (!plan) return null;
  const entity = PLAN_KINDS[kind].entity;
  await requireRead(db, viewer, { action: 'view', entity, recordId: id, personId: plan.person_id });
  const [children, actions, names] = await Promise.all([
    childLabels(db, viewer, [plan.person_id]),
    db.query<{ id: string; version: number; action: string; responsible: string; responsible_worker_id: string | null; due_date: string; status: string; set_date: string; completed_date: string | null }>(
      `SELECT id, version, action, responsible, responsible_worker_id, due_date, status, set_date, completed_date FROM current_plan_action
        WHERE person_id = $1 AND plan_id = $2 AND plan_type = $3 ORDER BY due_date, set_date, id`,
      [plan.person_id, id, PLAN_KINDS[kind].type]),
    db.query<{ kind: string; id: string; name: string }>(
      `SELECT 'team' AS kind, id, name FROM current_team WHERE id = $1 UNION ALL SELECT 'worker', id, name FROM current_worker WHERE id = $2`,
      [plan.team_id ?? null, plan.worker_id ?? null]),
  ]);
  const ids = actions.map((a) => a.id);
  const versions = ids.length === 0 ? [] : await db.query<{ id: string; version: number; recorded_from: Date; recorded_by: string; status: string; change_reason: string | null }>(
    'SELECT id, version, recorded_from, recorded_by, status, change_reason FROM plan_action WHERE id = ANY($1::text[]) ORDER BY id, version', [ids]);
  const workerIds = [...new Set(actions.map((a) => a.responsible_worker_id).filter((w): w is string => w !== null))];
  const actionWorkers = workerIds.length === 0 ? [] : await db.query<{ id: string; name: string }>('SELECT id, name FROM current_worker WHERE id = ANY($1::text[])', [workerIds]);
  const workerName = new Map(actionWorkers.map((w) => [w.id, w.name]));
  const settings = await caseloadSettings(db);
  await logAccess(db, viewer, { action: 'view', entity, recordId: id, personId: plan.person_id, detail: `${PLAN_KINDS[kind].label.toLowerCase()} and its actions` });
  const category = plan.latest_category ?? plan.initial_category ?? null;
  return {
    kind, id, label: PLAN_KINDS[kind].label, personId: plan.person_id, child: children.get(plan.person_id)!,
    start: plan.start_date, end: plan.end_date,
    category: category ? (codeLists.abuseCategory as Record<string, string>)[category] ?? category : null,
    team: names.find((n) => n.kind === 'team')?.name ?? null,
    worker: names.find((n) => n.kind === 'worker')?.name ?? null,
    actions: actions.map((a) => {
      const open = OPEN_STATUSES.includes(a.status);
      const dueState = open ? dueByDate(a.due_date, today, settings.calendar) : null;
      return {
        id: a.id, version: a.version, action: a.action, responsible: a.responsible,
        responsibleWorker: a.responsible_worker_id ? workerName.get(a.responsible_worker_id) ?? null : null,
        due: a.due_date, status: a.status, statusLabel: ACTION_STATUS[a.status] ?? a.status, setDate: a.set_date, completedDate: a.completed_date,
        dueState, dueText: dueState ? dueWords(dueState, today) : null,
        history: versions.filter((v) => v.id === a.id).map((v) => ({ version: v.version, at: v.recorded_from, by: v.recorded_by, status: ACTION_STATUS[v.status] ?? v.status, reason: v.change_reason })),
      };
    }),
    workers: viewer.teamId ? (await teamWorkers(db, viewer.teamId, today)).map((w) => ({ id: w.id, name: w.name })) : [],
    today,
  };
}

export interface NewAction {
  action: string;
  responsible: string;
  responsibleWorkerId: string;
  /** 'YYYY-MM-DD', or '' when the date could not be read (with `dueProblem` saying why). */
  due: string;
  dueProblem?: string;
}

/** Adds an action to an open plan. Returns the new action's id. */
export async function addPlanAction(db: Database, viewer: Viewer, kind: PlanKind, planId: string, input: NewAction, today = londonDate(new Date())): Promise<string> {
  const plan = await planRow(db, kind, planId);
  if (!plan) throw new RecordNotFound(`${PLAN_KINDS[kind].label} ${planId} does not exist`);
  await requireChange(db, viewer, { action: 'create', entity: 'plan_action', personId: plan.person_id, detail: `action on ${planId}` });
  const errors: Record<string, string> = {};
  if (!input.action) errors.action = 'Enter what needs to be done';
  else if (input.action.length > 1000) errors.action = 'What needs to be done must be 1,000 characters or fewer';
  if (!input.responsible) errors.responsible = 'Enter who will do it';
  else if (input.responsible.length > 200) errors.responsible = 'Who will do it must be 200 characters or fewer';
  if (input.dueProblem) errors['due-day'] = input.dueProblem;
  else if (!input.due) errors['due-day'] = 'Enter the date it must be done by';
  else if (input.due < today) errors['due-day'] = 'The date it must be done by must be today or in the future';
  let workerId: string | null = null;
  if (input.responsibleWorkerId) {
    const team = viewer.teamId ? await teamWorkers(db, viewer.teamId, today) : [];
    if (!team.some((w) => w.id === input.responsibleWorkerId)) errors['responsible-worker'] = 'Choose a worker in your team, or no one';
    else workerId = input.responsibleWorkerId;
  }
  if (plan.end_date !== null && plan.end_date <= today) errors.action = `This plan ended on ${plan.end_date}: actions can only be added to a plan that is open`;
  if (Object.keys(errors).length > 0) throw new FormProblem(errors);
  const id = `ACT-${randomUUID()}`;
  await db.transaction((tx) => createRecord(tx, getEntity('plan_action'), {
    id, person_id: plan.person_id, plan_type: PLAN_KINDS[kind].type, plan_id: planId, action: input.action, responsible: input.responsible,
    responsible_worker_id: workerId, due_date: input.due, status: 'OPEN', set_date: today, completed_date: null,
  }, changeBy(viewer)));
  return id;
}

/** Changes an action's status, with the reason; refused if someone else changed the action since `version`. */
export async function updateActionStatus(
  db: Database, viewer: Viewer, kind: PlanKind, planId: string, actionId: string,
  input: { status: string; reason: string; version: number | null }, today = londonDate(new Date()),
): Promise<void> {
  const [action] = await db.query<{ person_id: string; plan_id: string; plan_type: string; status: string }>(
    'SELECT person_id, plan_id, plan_type, status FROM current_plan_action WHERE id = $1', [actionId]);
  if (!action || action.plan_id !== planId || action.plan_type !== PLAN_KINDS[kind].type) throw new RecordNotFound(`Plan action ${actionId} does not exist`);
  await requireChange(db, viewer, { action: 'update', entity: 'plan_action', recordId: actionId, personId: action.person_id });
  const field = (name: string) => `${name}-${actionId}`;
  const errors: Record<string, string> = {};
  if (!Object.hasOwn(ACTION_STATUS, input.status)) errors[field('status')] = 'Choose the action’s status';
  else if (input.status === action.status) errors[field('status')] = `The action is already “${ACTION_STATUS[input.status]}”: choose a different status`;
  if (!input.reason) errors[field('reason')] = 'Say why the status has changed';
  else if (input.reason.length > 1000) errors[field('reason')] = 'The reason must be 1,000 characters or fewer';
  if (Object.keys(errors).length > 0) throw new FormProblem(errors);
  try {
    await db.transaction((tx) => updateRecord(tx, getEntity('plan_action'), actionId, {
      status: input.status, completed_date: input.status === 'DONE' ? today : null,
    }, { ...changeBy(viewer, input.reason), ...(input.version === null ? {} : { expectedVersion: input.version }) }));
  } catch (err) {
    if (err instanceof EditConflict) {
      throw new FormProblem({ [field('status')]: `${err.current.recorded_by} changed this action after you opened the page. Check its status now and try again.` });
    }
    throw err;
  }
}

// --- Child in need plans ---------------------------------------------------------------------------------

export interface CinPlanStart {
  child: ChildLabel;
  personId: string;
  /** The open referral the plan belongs to, or null. */
  referral: { id: string; date: string; teamId: string | null } | null;
  /** An open CIN plan the child already has. */
  openPlan: { id: string; start: string } | null;
}

async function childExists(q: Queryable, personId: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM current_person WHERE id = $1', [personId])).length > 0;
}

/** What starting a CIN plan for the child needs: the open referral, and whether a plan is already open. */
export async function cinPlanStart(db: Database, viewer: Viewer, personId: string, today = londonDate(new Date())): Promise<CinPlanStart | null> {
  if (!personId || !(await childExists(db, personId))) return null;
  await requireChange(db, viewer, { action: 'view', entity: 'cin_plan', personId, detail: 'start a child in need plan' });
  const [referrals, plans, labels] = await Promise.all([
    db.query<{ id: string; referral_date: Date; team_id: string | null }>(
      'SELECT id, referral_date, team_id FROM current_referral WHERE person_id = $1 AND (close_date IS NULL OR close_date > $2) ORDER BY referral_date DESC', [personId, today]),
    db.query<{ id: string; start_date: string }>(
      'SELECT id, start_date FROM current_cin_plan WHERE person_id = $1 AND (end_date IS NULL OR end_date > $2) ORDER BY start_date DESC', [personId, today]),
    childLabels(db, viewer, [personId]),
  ]);
  await logAccess(db, viewer, { action: 'view', entity: 'referral', personId, detail: 'start a child in need plan' });
  const r = referrals[0];
  const p = plans[0];
  return {
    child: labels.get(personId)!, personId,
    referral: r ? { id: r.id, date: londonDate(r.referral_date), teamId: r.team_id } : null,
    openPlan: p ? { id: p.id, start: p.start_date } : null,
  };
}

/** Starts a child in need plan under the child's open referral. Returns the plan's id. */
export async function createCinPlan(
  db: Database, viewer: Viewer, personId: string, input: { start: string; startProblem?: string }, today = londonDate(new Date()),
): Promise<string> {
  const start = await cinPlanStart(db, viewer, personId, today);
  if (!start) throw new RecordNotFound(`Child ${personId} does not exist`);
  const errors: Record<string, string> = {};
  if (start.openPlan) errors['start-day'] = `${start.child.name} already has a child in need plan, started ${start.openPlan.start}`;
  else if (!start.referral) errors['start-day'] = `${start.child.name} has no open referral: a child in need plan belongs to a referral`;
  else if (input.startProblem) errors['start-day'] = input.startProblem;
  else if (!input.start) errors['start-day'] = 'Enter the date the plan started';
  else if (input.start > today) errors['start-day'] = 'The date the plan started must be today or in the past';
  else if (input.start < start.referral.date) errors['start-day'] = 'The date the plan started must be on or after the referral';
  if (Object.keys(errors).length > 0) throw new FormProblem(errors);
  const referral = start.referral!;
  const [holder] = await db.query<{ worker_id: string }>(
    `SELECT worker_id FROM current_allocation WHERE person_id = $1 AND end_date IS NULL AND role = 'CH' ORDER BY start_date DESC LIMIT 1`, [personId]);
  const id = `CIN-${randomUUID()}`;
  await db.transaction((tx) => createRecord(tx, getEntity('cin_plan'), {
    id, referral_id: referral.id, person_id: personId, start_date: input.start, end_date: null,
    team_id: referral.teamId ?? viewer.teamId, worker_id: holder?.worker_id ?? null,
  }, changeBy(viewer)));
  return id;
}

// --- Case supervision and management oversight ------------------------------------------------------------

export const SUPERVISION_TYPES = codeLists.supervisionType as Record<string, string>;

export interface SupervisionContext {
  personId: string;
  child: ChildLabel;
  /** The child's case-holding worker, who is supervised. */
  worker: { id: string; name: string } | null;
  /** The signed-in manager. */
  supervisor: { id: string; name: string };
  /** Case supervision as it stands: the clock that applies and when the next is due (null: no plan or period of care). */
  next: WorkItem | null;
  nextText: string | null;
  /** Which standard applies, in words. */
  standard: string | null;
  recent: { id: string; date: string; type: string; decision: string | null; supervisor: string | null }[];
  today: string;
}

function requireManager(viewer: Viewer): string {
  if (viewer.role !== 'team-manager') throw new AccessDenied('Only a team manager can record case supervision or management oversight');
  if (!viewer.workerId) throw new AccessDenied('Your account is not linked to a worker record, so it cannot be recorded as yours');
  return viewer.workerId;
}

async function supervisionContextOf(db: Database, viewer: Viewer, personId: string, today: string): Promise<SupervisionContext> {
  const supervisorId = requireManager(viewer);
  const settings = await caseloadSettings(db);
  const [labels, holders, supervisor, recent, records] = await Promise.all([
    childLabels(db, viewer, [personId]),
    db.query<{ id: string; name: string }>(
      `SELECT w.id, w.name FROM current_allocation a JOIN current_worker w ON w.id = a.worker_id
        WHERE a.person_id = $1 AND a.end_date IS NULL AND a.role = ANY($2::text[]) ORDER BY a.start_date DESC LIMIT 1`,
      [personId, [...settings.caseHoldingRoles]]),
    db.query<{ id: string; name: string }>('SELECT id, name FROM current_worker WHERE id = $1', [supervisorId]),
    db.query<{ id: string; held_at: Date; supervision_type: string; decision: string | null; name: string | null }>(
      `SELECT s.id, s.held_at, s.supervision_type, s.decision, w.name FROM current_supervision s LEFT JOIN current_worker w ON w.id = s.supervisor_id
        WHERE s.person_id = $1 ORDER BY s.held_at DESC, s.id DESC LIMIT 5`, [personId]),
    loadCaseRecords(db, [personId], today, settings),
  ]);
  const c = records.get(personId)!;
  const next = caseWork(c, today, settings, ['supervision'])[0] ?? null;
  const situation = caseSituation(c, today, settings);
  const s = settings.standards;
  const standard = situation.cpPlan
    ? `On a child protection plan: case supervision at least every ${s.cpSupervisionDays} days`
    : situation.care
      ? `Looked after: case supervision at least every ${s.claSupervisionDays} days`
      : situation.cinPlan
        ? `On a child in need plan: case supervision at least every ${s.cinSupervisionDays} days`
        : null;
  return {
    personId, child: labels.get(personId)!, worker: holders[0] ?? null,
    supervisor: supervisor[0] ?? { id: supervisorId, name: viewer.displayName },
    next, nextText: next ? dueWords(next, today) : null, standard,
    recent: recent.map((r) => ({ id: r.id, date: londonDate(r.held_at), type: SUPERVISION_TYPES[r.supervision_type] ?? r.supervision_type, decision: r.decision, supervisor: r.name })),
    today,
  };
}

/** The supervision form's context for a child (null: no such child). Team managers only. */
export async function supervisionContext(db: Database, viewer: Viewer, personId: string, today = londonDate(new Date())): Promise<SupervisionContext | null> {
  requireManager(viewer);
  if (!personId || !(await childExists(db, personId))) return null;
  await requireChange(db, viewer, { action: 'view', entity: 'supervision', personId, detail: 'record supervision' });
  const context = await supervisionContextOf(db, viewer, personId, today);
  await logAccess(db, viewer, { action: 'view', entity: 'supervision', personId, detail: 'supervision history and when the next is due' });
  return context;
}

export interface NewSupervision {
  /** 'YYYY-MM-DD', or '' with `dateProblem`. */
  date: string;
  dateProblem?: string;
  type: string;
  decision: string;
  rationale: string;
}

/** Records case supervision or management oversight by the signed-in manager. Returns the record's id. */
export async function recordSupervision(db: Database, viewer: Viewer, personId: string, input: NewSupervision, today = londonDate(new Date())): Promise<string> {
  const supervisorId = requireManager(viewer);
  if (!personId || !(await childExists(db, personId))) throw new RecordNotFound(`Child ${personId} does not exist`);
  await requireChange(db, viewer, { action: 'create', entity: 'supervision', personId });
  const errors: Record<string, string> = {};
  if (input.dateProblem) errors['date-day'] = input.dateProblem;
  else if (!input.date) errors['date-day'] = 'Enter the date of the supervision or oversight';
  else if (input.date > today) errors['date-day'] = 'The date must be today or in the past';
  if (!Object.hasOwn(SUPERVISION_TYPES, input.type)) errors.type = 'Choose case supervision or management oversight';
  if (!input.decision) errors.decision = 'Enter the decision';
  else if (input.decision.length > 5000) errors.decision = 'The decision must be 5,000 characters or fewer';
  if (!input.rationale) errors.rationale = 'Enter the rationale: why this decision was made';
  else if (input.rationale.length > 5000) errors.rationale = 'The rationale must be 5,000 characters or fewer';
  if (Object.keys(errors).length > 0) throw new FormProblem(errors);
  const settings = await caseloadSettings(db);
  const [holder] = await db.query<{ worker_id: string }>(
    `SELECT worker_id FROM current_allocation WHERE person_id = $1 AND end_date IS NULL AND role = ANY($2::text[]) ORDER BY start_date DESC LIMIT 1`,
    [personId, [...settings.caseHoldingRoles]]);
  const id = `SUP-${randomUUID()}`;
  await db.transaction((tx) => createRecord(tx, getEntity('supervision'), {
    id, person_id: personId, supervision_type: input.type, held_at: startOfLondonDay(input.date), held_at_has_time: false,
    worker_id: holder?.worker_id ?? null, supervisor_id: supervisorId, decision: input.decision, rationale: input.rationale,
  }, changeBy(viewer)));
  return id;
}

export interface SupervisionView extends SupervisionContext {
  id: string;
  date: string;
  type: string;
  typeCode: string;
  decision: string;
  rationale: string;
  recordedBy: string;
  recordedAt: Date;
  supervisedWorker: string | null;
  recordedSupervisor: string | null;
  /** Whether this record restarts the case supervision clock (management oversight does not, by default). */
  countsAsSupervision: boolean;
}

/** A supervision record, and when the next case supervision is due now. */
export async function getSupervision(db: Database, viewer: Viewer, id: string, today = londonDate(new Date())): Promise<SupervisionView | null> {
  requireManager(viewer);
  const [row] = await db.query<{ id: string; person_id: string; held_at: Date; supervision_type: string; decision: string | null; rationale: string | null; worker: string | null; supervisor: string | null }>(
    `SELECT s.id, s.person_id, s.held_at, s.supervision_type, s.decision, s.rationale, w.name AS worker, m.name AS supervisor
       FROM current_supervision s LEFT JOIN current_worker w ON w.id = s.worker_id LEFT JOIN current_worker m ON m.id = s.supervisor_id
      WHERE s.id = $1`, [id]);
  if (!row) return null;
  await requireRead(db, viewer, { action: 'view', entity: 'supervision', recordId: id, personId: row.person_id });
  const versions = await history(db, getEntity('supervision'), id);
  const first = versions[0]!;
  const context = await supervisionContextOf(db, viewer, row.person_id, today);
  const settings = await caseloadSettings(db);
  await logAccess(db, viewer, { action: 'view', entity: 'supervision', recordId: id, personId: row.person_id });
  return {
    ...context, id, date: londonDate(row.held_at), type: SUPERVISION_TYPES[row.supervision_type] ?? row.supervision_type, typeCode: row.supervision_type,
    decision: row.decision ?? '', rationale: row.rationale ?? '', recordedBy: first.recorded_by, recordedAt: first.recorded_from,
    supervisedWorker: row.worker, recordedSupervisor: row.supervisor, countsAsSupervision: settings.caseSupervisionTypes.includes(row.supervision_type),
  };
}
