/**
 * A referral and the child protection journey that follows it: strategy discussions with the agencies
 * invited and attending, section 47 enquiries, initial child protection conferences, the CP plan, and the
 * single assessment with its factors and a manager's authorisation. Reads are checked and logged; writes go
 * through the record store.
 */
import type { Database, Queryable } from '../db/database.js';
import { createRecord, getCurrent, InvalidChange, RecordNotFound, updateRecord } from '../db/record-store.js';
import { icpcClock } from '../domain/clocks/index.js';
import { referralProgress, type Progress } from '../domain/front-door/journey.js';
import type { Authorisation, NewStrategy } from '../domain/front-door/rules.js';
import { getEntity } from '../domain/model/entities.js';
import { londonDate } from '../domain/time/london.js';
import { childById, clockContext, newId, teamName, workerName, workersOfTeams, type Child, type WorkerOption } from './fd-common.js';
import { isManager } from './front-door.js';
import { AccessDenied, changeBy, logAccess, requireChange, requireRead, type Viewer } from './viewer.js';

const REFERRAL = getEntity('referral');
const STRATEGY = getEntity('strategy_discussion');
const STRATEGY_AGENCY = getEntity('strategy_agency');
const S47 = getEntity('s47_enquiry');
const ICPC = getEntity('icpc');
const CP_PLAN = getEntity('cp_plan');
const ASSESSMENT = getEntity('assessment');
const FACTORS = getEntity('assessment_factors');

export interface StrategyView {
  id: string;
  heldAt: Date;
  chair: string | null;
  outcome: string | null;
  decisions: string | null;
  medicalExam: boolean | null;
  medicalRationale: string | null;
  minutesRecordedAt: Date | null;
  agencies: { agency: string; invited: boolean; attended: boolean }[];
}

export interface S47View {
  id: string;
  strategyId: string | null;
  startDate: string;
  endDate: string | null;
  childSeenDate: string | null;
  /** true: a conference is needed; false: no further action; null: not decided yet. */
  conference: boolean | null;
  findings: string | null;
  worker: string | null;
}

export interface IcpcView {
  id: string;
  s47Id: string | null;
  targetDate: string | null;
  conferenceDate: string;
  outcomeCp: boolean | null;
  cpPlanId: string | null;
}

export interface CpPlanView {
  id: string;
  icpcId: string | null;
  startDate: string;
  endDate: string | null;
  category: string | null;
}

export interface AssessmentView {
  id: string;
  startDate: string;
  worker: string | null;
  childSeen: boolean | null;
  childSeenDate: string | null;
  authorisedDate: string | null;
  authorisedBy: string | null;
  rationale: string | null;
  outcomeNfa: boolean | null;
  factors: string[];
}

export interface ReferralCase {
  id: string;
  child: Child;
  referralDate: Date;
  closeDate: string | null;
  teamId: string | null;
  teamName: string | null;
  workerName: string | null;
  primaryNeed: string | null;
  source: string | null;
  contactId: string | null;
  strategies: StrategyView[];
  s47s: S47View[];
  icpcs: IcpcView[];
  cpPlans: CpPlanView[];
  assessments: AssessmentView[];
  visitsSeen: string[];
  progress: Progress;
}

function parseJson(text: unknown): Record<string, unknown> | null {
  if (typeof text !== 'string') return null;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Dates (London) of visits of any kind in which the child was seen: they all stop the CP and CIN visit clocks. */
export async function visitsSeen(q: Queryable, personId: string): Promise<string[]> {
  const rows = await q.query<{ visit_date: Date }>(
    `SELECT visit_date FROM current_cp_visit WHERE person_id = $1 AND seen
     UNION ALL SELECT visit_date FROM current_cin_visit WHERE person_id = $1 AND seen
     UNION ALL SELECT visit_date FROM current_cla_visit WHERE person_id = $1 AND seen`,
    [personId],
  );
  return rows.map((r) => londonDate(r.visit_date)).sort();
}

/** The referral with everything that followed it, where it is now, and what is due next. Logged. */
/**
 * The child's case-holding worker now (the team manager allocates on the team dashboard), or else the
 * worker recorded on the referral.
 */
async function allocatedWorkerName(db: Database, personId: string, referralWorkerId: string | null): Promise<string | null> {
  const [allocated] = await db.query<{ name: string }>(
    `SELECT w.name FROM current_allocation a JOIN current_worker w ON w.id = a.worker_id
      WHERE a.person_id = $1 AND a.end_date IS NULL AND coalesce(a.role, 'CH') = 'CH' ORDER BY a.start_date DESC, a.id DESC LIMIT 1`, [personId]);
  return allocated?.name ?? (await workerName(db, referralWorkerId));
}

export async function referralCase(db: Database, viewer: Viewer, referralId: string, now: Date): Promise<ReferralCase | null> {
  const r = await getCurrent(db, REFERRAL, referralId);
  if (!r) return null;
  const personId = String(r.person_id);
  await requireRead(db, viewer, { action: 'view', entity: 'referral', recordId: referralId, personId });
  const child = await childById(db, personId);
  if (!child) return null;
  const p = [personId, referralId];
  const [contacts, strategies, s47s, icpcs, assessments, seen] = await Promise.all([
    db.query<{ id: string }>('SELECT id FROM current_contact WHERE person_id = $1 AND referral_id = $2', p),
    db.query<{ id: string; held_at: Date; chair: string | null; outcome: string | null; decisions: string | null; medical_exam: boolean | null;
      medical_exam_rationale: string | null; minutes_recorded_at: Date | null }>(
      `SELECT s.id, s.held_at, w.name AS chair, s.outcome, s.decisions, s.medical_exam, s.medical_exam_rationale, s.minutes_recorded_at
         FROM current_strategy_discussion s LEFT JOIN current_worker w ON w.id = s.chair_id
        WHERE s.person_id = $1 AND s.referral_id = $2 ORDER BY s.held_at`, p),
    db.query<{ id: string; strategy_id: string | null; start_date: string; end_date: string | null; child_seen_date: string | null; nfa: boolean | null;
      outcome_json: string | null; worker: string | null }>(
      `SELECT q.id, q.strategy_id, q.start_date, q.end_date, q.child_seen_date, q.nfa, q.outcome_json, w.name AS worker
         FROM current_s47_enquiry q LEFT JOIN current_worker w ON w.id = q.worker_id
        WHERE q.person_id = $1 AND q.referral_id = $2 ORDER BY q.start_date`, p),
    db.query<{ id: string; s47_id: string | null; target_date: string | null; conference_date: string; outcome_cp: boolean | null; cp_plan_id: string | null }>(
      `SELECT id, s47_id, target_date, conference_date, outcome_cp, cp_plan_id FROM current_icpc
        WHERE person_id = $1 AND referral_id = $2 ORDER BY conference_date`, p),
    db.query<{ id: string; start_date: string; worker: string | null; child_seen: boolean | null; child_seen_date: string | null; authorised_date: string | null;
      authorised_by: string | null; authorisation_rationale: string | null; outcome_nfa: boolean | null }>(
      `SELECT a.id, a.start_date, w.name AS worker, a.child_seen, a.child_seen_date, a.authorised_date, m.name AS authorised_by,
              a.authorisation_rationale, a.outcome_nfa
         FROM current_assessment a LEFT JOIN current_worker w ON w.id = a.worker_id LEFT JOIN current_worker m ON m.id = a.authorised_by_id
        WHERE a.person_id = $1 AND a.referral_id = $2 ORDER BY a.start_date`, p),
    visitsSeen(db, personId),
  ]);
  const icpcIds = icpcs.map((i) => i.id);
  const [agencies, plans, factors] = await Promise.all([
    strategies.length
      ? db.query<{ strategy_id: string; agency: string; invited: boolean; attended: boolean }>(
        'SELECT strategy_id, agency, invited, attended FROM current_strategy_agency WHERE strategy_id = ANY($1::text[])', [strategies.map((s) => s.id)])
      : [],
    db.query<{ id: string; icpc_id: string | null; start_date: string; end_date: string | null; category: string | null }>(
      `SELECT id, icpc_id, start_date, end_date, coalesce(latest_category, initial_category) AS category FROM current_cp_plan
        WHERE person_id = $1 AND (referral_id = $2 OR icpc_id = ANY($3::text[])) ORDER BY start_date`, [personId, referralId, icpcIds]),
    assessments.length
      ? db.query<{ assessment_id: string; factors_json: string }>(
        'SELECT assessment_id, factors_json FROM current_assessment_factors WHERE assessment_id = ANY($1::text[])', [assessments.map((a) => a.id)])
      : [],
  ]);
  const ctx = await clockContext(db);
  const view: Omit<ReferralCase, 'progress'> = {
    id: referralId, child, referralDate: r.referral_date as Date, closeDate: (r.close_date as string | null) ?? null,
    teamId: (r.team_id as string | null) ?? null, teamName: await teamName(db, (r.team_id as string | null) ?? null),
    workerName: await allocatedWorkerName(db, personId, (r.worker_id as string | null) ?? null),
    primaryNeed: (r.primary_need as string | null) ?? null, source: (r.source as string | null) ?? null,
    contactId: contacts[0]?.id ?? null,
    strategies: strategies.map((s) => ({
      id: s.id, heldAt: s.held_at, chair: s.chair, outcome: s.outcome, decisions: s.decisions, medicalExam: s.medical_exam,
      medicalRationale: s.medical_exam_rationale, minutesRecordedAt: s.minutes_recorded_at,
      agencies: agencies.filter((a) => a.strategy_id === s.id).map((a) => ({ agency: a.agency, invited: a.invited, attended: a.attended })),
    })),
    s47s: s47s.map((q) => {
      const outcome = parseJson(q.outcome_json);
      const conference = typeof outcome?.icpc === 'boolean' ? outcome.icpc : q.end_date === null ? null : q.nfa === null ? null : !q.nfa;
      return {
        id: q.id, strategyId: q.strategy_id, startDate: q.start_date, endDate: q.end_date, childSeenDate: q.child_seen_date,
        conference, findings: typeof outcome?.findings === 'string' ? outcome.findings : null, worker: q.worker,
      };
    }),
    icpcs: icpcs.map((i) => ({ id: i.id, s47Id: i.s47_id, targetDate: i.target_date, conferenceDate: i.conference_date, outcomeCp: i.outcome_cp, cpPlanId: i.cp_plan_id })),
    cpPlans: plans.map((c) => ({ id: c.id, icpcId: c.icpc_id, startDate: c.start_date, endDate: c.end_date, category: c.category })),
    assessments: assessments.map((a) => ({
      id: a.id, startDate: a.start_date, worker: a.worker, childSeen: a.child_seen, childSeenDate: a.child_seen_date, authorisedDate: a.authorised_date,
      authorisedBy: a.authorised_by, rationale: a.authorisation_rationale, outcomeNfa: a.outcome_nfa,
      factors: factors.filter((f) => f.assessment_id === a.id).flatMap((f) => {
        try {
          const v = JSON.parse(f.factors_json) as unknown;
          return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
        } catch {
          return [];
        }
      }),
    })),
    visitsSeen: seen,
  };
  const progress = referralProgress({
    referral: { id: referralId, referralDate: view.referralDate, closeDate: view.closeDate },
    strategies: view.strategies.map((s) => ({ id: s.id, heldAt: s.heldAt, outcome: s.outcome, minutesRecordedAt: s.minutesRecordedAt })),
    s47s: view.s47s.map((s) => ({ id: s.id, strategyId: s.strategyId, startDate: s.startDate, endDate: s.endDate, conference: s.conference, childSeenDate: s.childSeenDate })),
    icpcs: view.icpcs.map((i) => ({ id: i.id, s47Id: i.s47Id, conferenceDate: i.conferenceDate, outcomeCp: i.outcomeCp, cpPlanId: i.cpPlanId })),
    cpPlans: view.cpPlans,
    assessments: view.assessments.map((a) => ({ id: a.id, startDate: a.startDate, authorisedDate: a.authorisedDate })),
    cpVisitsSeen: seen,
  }, londonDate(now), ctx);
  await logAccess(db, viewer, { action: 'view', entity: 'referral', recordId: referralId, personId, detail: 'front door: referral and what follows it' });
  return { ...view, progress };
}

/** Who can chair a strategy discussion on this referral: workers of the front door and of the referral's team. */
export async function chairOptions(q: Queryable, viewer: Viewer, referralTeamId: string | null, today: string): Promise<WorkerOption[]> {
  const frontDoor = await q.query<{ id: string }>(
    `SELECT t.id FROM current_team t WHERE t.service_area = 'FD' AND NOT EXISTS (SELECT 1 FROM current_team c WHERE c.parent_id = t.id)`,
  );
  const teams = [...new Set([...(referralTeamId ? [referralTeamId] : []), ...(viewer.teamId ? [viewer.teamId] : []), ...frontDoor.map((t) => t.id)])];
  return workersOfTeams(q, teams, today);
}

async function referralFor(db: Database, viewer: Viewer, referralId: string, action: string) {
  const r = await getCurrent(db, REFERRAL, referralId);
  if (!r) throw new RecordNotFound(`Referral ${referralId} does not exist`);
  const personId = String(r.person_id);
  await requireChange(db, viewer, { action, entity: 'referral', recordId: referralId, personId });
  return { r, personId };
}

/** Records a strategy discussion on a referral, with each agency invited and whether it attended. */
export async function recordStrategy(db: Database, viewer: Viewer, referralId: string, s: NewStrategy): Promise<string> {
  const { personId } = await referralFor(db, viewer, referralId, 'record strategy discussion');
  const id = newId('STR');
  await db.transaction(async (tx) => {
    await createRecord(tx, STRATEGY, {
      id, person_id: personId, referral_id: referralId, held_at: s.heldAt, held_at_has_time: true, chair_id: s.chairId,
      outcome: s.outcome, decisions: s.decisions, medical_exam: s.medicalExam, medical_exam_rationale: s.medicalRationale,
      minutes_recorded_at: s.minutesRecordedAt, minutes_recorded_at_has_time: s.minutesRecordedAt ? true : null,
    }, changeBy(viewer));
    for (const a of s.agencies) {
      await createRecord(tx, STRATEGY_AGENCY, { id: newId('STA'), strategy_id: id, agency: a.agency, invited: a.invited, attended: a.attended }, changeBy(viewer));
    }
  });
  return id;
}

export async function strategyById(db: Database, viewer: Viewer, strategyId: string) {
  const s = await getCurrent(db, STRATEGY, strategyId);
  if (!s) return null;
  await requireRead(db, viewer, { action: 'view', entity: 'strategy_discussion', recordId: strategyId, personId: String(s.person_id) });
  return { id: strategyId, referralId: (s.referral_id as string | null) ?? null, heldAt: s.held_at as Date, minutesRecordedAt: (s.minutes_recorded_at as Date | null) ?? null };
}

export async function recordMinutes(db: Database, viewer: Viewer, strategyId: string, at: Date): Promise<void> {
  const s = await getCurrent(db, STRATEGY, strategyId);
  if (!s) throw new RecordNotFound(`Strategy discussion ${strategyId} does not exist`);
  await requireChange(db, viewer, { action: 'record minutes', entity: 'strategy_discussion', recordId: strategyId, personId: String(s.person_id) });
  await db.transaction((tx) => updateRecord(tx, STRATEGY, strategyId, { minutes_recorded_at: at, minutes_recorded_at_has_time: true }, changeBy(viewer, 'Minutes recorded')));
}

/** Starts a section 47 enquiry on a referral, from the strategy discussion that decided on it. */
export async function startS47(
  db: Database, viewer: Viewer, referralId: string, strategyId: string, v: { startDate: string; childSeenDate: string | null },
): Promise<string> {
  const { r, personId } = await referralFor(db, viewer, referralId, 'start section 47 enquiry');
  const id = newId('S47');
  await db.transaction(async (tx) => {
    const open = await tx.query('SELECT 1 FROM current_s47_enquiry WHERE person_id = $1 AND referral_id = $2 AND end_date IS NULL', [personId, referralId]);
    if (open.length) throw new InvalidChange('A section 47 enquiry is already open on this referral');
    await createRecord(tx, S47, {
      id, referral_id: referralId, person_id: personId, strategy_id: strategyId, start_date: v.startDate, child_seen_date: v.childSeenDate,
      worker_id: viewer.workerId, team_id: (r.team_id as string | null) ?? viewer.teamId,
    }, changeBy(viewer));
  });
  return id;
}

export async function s47ById(db: Database, viewer: Viewer, s47Id: string) {
  const q = await getCurrent(db, S47, s47Id);
  if (!q) return null;
  await requireRead(db, viewer, { action: 'view', entity: 's47_enquiry', recordId: s47Id, personId: String(q.person_id) });
  return {
    id: s47Id, referralId: (q.referral_id as string | null) ?? null, strategyId: (q.strategy_id as string | null) ?? null,
    startDate: String(q.start_date), endDate: (q.end_date as string | null) ?? null, childSeenDate: (q.child_seen_date as string | null) ?? null,
  };
}

export async function recordS47Outcome(
  db: Database, viewer: Viewer, s47Id: string, v: { endDate: string; childSeenDate: string; conference: boolean; note: string },
): Promise<void> {
  const q = await getCurrent(db, S47, s47Id);
  if (!q) throw new RecordNotFound(`Section 47 enquiry ${s47Id} does not exist`);
  await requireChange(db, viewer, { action: 'record section 47 outcome', entity: 's47_enquiry', recordId: s47Id, personId: String(q.person_id) });
  if (q.end_date) throw new InvalidChange('This enquiry already has an outcome');
  await db.transaction((tx) => updateRecord(tx, S47, s47Id, {
    end_date: v.endDate, child_seen_date: v.childSeenDate, nfa: !v.conference,
    outcome_json: JSON.stringify({ icpc: v.conference, findings: v.note }),
  }, { ...changeBy(viewer, v.conference ? 'Outcome: initial child protection conference' : 'Outcome: no further action'), expectedVersion: q.version }));
}

/** The ICPC's due date: 15 working days from the strategy discussion that started the enquiry (authority's calendar). */
export async function icpcDueDate(db: Queryable, strategyId: string | null): Promise<string | null> {
  if (!strategyId) return null;
  const s = await getCurrent(db, STRATEGY, strategyId);
  if (!s) return null;
  return icpcClock.due(londonDate(s.held_at as Date), await clockContext(db));
}

/** Records an initial child protection conference held after a section 47 enquiry. */
export async function recordIcpc(db: Database, viewer: Viewer, s47Id: string, v: { conferenceDate: string; plan: boolean }): Promise<string> {
  const q = await getCurrent(db, S47, s47Id);
  if (!q) throw new RecordNotFound(`Section 47 enquiry ${s47Id} does not exist`);
  const personId = String(q.person_id);
  await requireChange(db, viewer, { action: 'record ICPC', entity: 's47_enquiry', recordId: s47Id, personId });
  const targetDate = await icpcDueDate(db, (q.strategy_id as string | null) ?? null);
  const id = newId('ICP');
  await db.transaction(async (tx) => {
    const held = await tx.query('SELECT 1 FROM current_icpc WHERE person_id = $1 AND s47_id = $2', [personId, s47Id]);
    if (held.length) throw new InvalidChange('A conference is already recorded for this enquiry');
    await createRecord(tx, ICPC, {
      id, s47_id: s47Id, person_id: personId, referral_id: (q.referral_id as string | null) ?? null, transfer_in: false,
      target_date: targetDate, conference_date: v.conferenceDate, outcome_cp: v.plan, outcome_json: JSON.stringify({ cp: v.plan }),
      team_id: (q.team_id as string | null) ?? null, worker_id: viewer.workerId,
    }, changeBy(viewer));
  });
  return id;
}

export async function icpcById(db: Database, viewer: Viewer, icpcId: string) {
  const i = await getCurrent(db, ICPC, icpcId);
  if (!i) return null;
  await requireRead(db, viewer, { action: 'view', entity: 'icpc', recordId: icpcId, personId: String(i.person_id) });
  return {
    id: icpcId, referralId: (i.referral_id as string | null) ?? null, conferenceDate: String(i.conference_date),
    outcomeCp: (i.outcome_cp as boolean | null) ?? null, cpPlanId: (i.cp_plan_id as string | null) ?? null, personId: String(i.person_id),
  };
}

/** Creates the CP plan decided at a conference, and links the conference to it. */
export async function recordCpPlan(db: Database, viewer: Viewer, icpcId: string, v: { startDate: string; category: string }): Promise<string> {
  const i = await getCurrent(db, ICPC, icpcId);
  if (!i) throw new RecordNotFound(`Conference ${icpcId} does not exist`);
  const personId = String(i.person_id);
  await requireChange(db, viewer, { action: 'record CP plan', entity: 'icpc', recordId: icpcId, personId });
  if (!i.outcome_cp) throw new InvalidChange('The conference did not decide on a child protection plan');
  if (i.cp_plan_id) throw new InvalidChange('The plan from this conference is already recorded');
  const id = newId('CPP');
  await db.transaction(async (tx) => {
    await createRecord(tx, CP_PLAN, {
      id, referral_id: (i.referral_id as string | null) ?? null, icpc_id: icpcId, person_id: personId, start_date: v.startDate,
      initial_category: v.category, latest_category: v.category, ola: false,
    }, changeBy(viewer));
    await updateRecord(tx, ICPC, icpcId, { cp_plan_id: id }, { ...changeBy(viewer, 'Child protection plan recorded'), expectedVersion: i.version });
  });
  return id;
}

/** Starts the single assessment on a referral. */
export async function startAssessment(db: Database, viewer: Viewer, referralId: string, v: { startDate: string }): Promise<string> {
  const { r, personId } = await referralFor(db, viewer, referralId, 'start assessment');
  const id = newId('ASM');
  await db.transaction(async (tx) => {
    const open = await tx.query('SELECT 1 FROM current_assessment WHERE person_id = $1 AND referral_id = $2 AND authorised_date IS NULL', [personId, referralId]);
    if (open.length) throw new InvalidChange('An assessment is already running on this referral');
    await createRecord(tx, ASSESSMENT, {
      id, person_id: personId, referral_id: referralId, start_date: v.startDate, pre_birth: false,
      team_id: (r.team_id as string | null) ?? viewer.teamId, worker_id: viewer.workerId,
    }, changeBy(viewer));
  });
  return id;
}

export async function assessmentById(db: Database, viewer: Viewer, assessmentId: string) {
  const a = await getCurrent(db, ASSESSMENT, assessmentId);
  if (!a) return null;
  await requireRead(db, viewer, { action: 'view', entity: 'assessment', recordId: assessmentId, personId: String(a.person_id) });
  return {
    id: assessmentId, referralId: (a.referral_id as string | null) ?? null, startDate: String(a.start_date),
    authorisedDate: (a.authorised_date as string | null) ?? null, childSeenDate: (a.child_seen_date as string | null) ?? null,
  };
}

/** A manager authorises the assessment: child seen, factors, outcome and their rationale (required). */
export async function authoriseAssessment(db: Database, viewer: Viewer, assessmentId: string, v: Authorisation, today: string): Promise<void> {
  if (!isManager(viewer)) throw new AccessDenied('Only a manager can authorise an assessment');
  const a = await getCurrent(db, ASSESSMENT, assessmentId);
  if (!a) throw new RecordNotFound(`Assessment ${assessmentId} does not exist`);
  await requireChange(db, viewer, { action: 'authorise assessment', entity: 'assessment', recordId: assessmentId, personId: String(a.person_id) });
  if (a.authorised_date) throw new InvalidChange('This assessment is already authorised');
  await db.transaction(async (tx) => {
    await updateRecord(tx, ASSESSMENT, assessmentId, {
      child_seen: v.childSeen, child_seen_date: v.childSeenDate, outcome_nfa: v.outcomeNfa,
      authorised_date: today, authorised_by_id: viewer.workerId, authorisation_rationale: v.rationale,
    }, { ...changeBy(viewer, 'Assessment authorised'), expectedVersion: a.version });
    const [existing] = await tx.query<{ id: string }>('SELECT id FROM current_assessment_factors WHERE assessment_id = $1', [assessmentId]);
    if (existing) await updateRecord(tx, FACTORS, existing.id, { factors_json: JSON.stringify(v.factors) }, changeBy(viewer, 'Factors at authorisation'));
    else await createRecord(tx, FACTORS, { id: newId('ASF'), assessment_id: assessmentId, factors_json: JSON.stringify(v.factors) }, changeBy(viewer));
  });
}

