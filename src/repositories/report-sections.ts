/**
 * The monthly monitoring report's sections computed from records and recorded by the analyst: case-file
 * audits (month and quarter, with the QA team's thematic findings), complaints and compliments, performance
 * failures, action and rectification plans with their status, surveys and inspection outcomes.
 *
 * `reportSections` returns plain data (ISO strings, no Dates) so that a published report can keep it as it
 * was. The plans, actions, surveys and inspection outcomes are kept in append-only version tables
 * (migration 0011): every change adds a version with who, when and why.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { WorkingCalendar } from '../domain/calendar/working-days.js';
import { DEFAULT_MONITORING, type MonitoringSettings } from '../domain/dataset/config.js';
import { addMonthsToMonth, computeMeasure, measureContext, measures, monthEnd, monthLabel, monthsEnding } from '../domain/measures/index.js';
import { checkMonth } from '../domain/measures/period.js';
import { auditSection, auditSectionMonths, moderationChange, type AuditActionRecord, type AuditRecord, type AuditSection } from '../domain/report/audits.js';
import { feedbackSection, timeliness, type FeedbackRecord, type FeedbackSection } from '../domain/report/feedback.js';
import {
  failureThresholdsProblem, performanceFailures, readFailureThresholds, thresholdFor, thresholdWords, type FailureThresholds, type MeasureSeries,
  type PerformanceFailure,
} from '../domain/report/failures.js';
import { quarterOf } from '../domain/report/periods.js';
import {
  ACTION_STATUSES, actionChangeProblems, actionProblems, ENTRY_KINDS, entryProblems, isActionStatus, openInMonth, PLAN_KINDS, planChangeProblems,
  planProblems, planStatus, type ActionChangeInput, type ActionInput, type ActionStatus, type EntryInput, type EntryKind, type PlanChangeInput,
  type PlanInput, type PlanKind, type PlanStatusSummary,
} from '../domain/report/plans.js';
import { londonDate, longDate } from '../domain/time/london.js';
import { childLabels, FormProblem } from './caseload.js';
import { loadMeasureInputs } from './measure-inputs.js';
import { loadDatasetConfig } from './settings.js';
import { AccessDenied, logAccess, requireRead, type Viewer } from './viewer.js';

/** Roles that record plans, surveys, inspection outcomes, findings and failure thresholds. */
export const REPORT_WRITERS: readonly string[] = ['performance-analyst', 'auditor'];

export function canWriteReport(viewer: Viewer): boolean {
  return REPORT_WRITERS.includes(viewer.role);
}

async function requireWriter(q: Queryable, viewer: Viewer, what: string): Promise<void> {
  if (canWriteReport(viewer)) return;
  await logAccess(q, viewer, { action: 'change', outcome: 'denied', detail: `${what}: only a performance analyst or auditor records report sections` });
  throw new AccessDenied('Only a performance analyst or a quality assurance auditor can record this');
}

// --- Shapes returned ---------------------------------------------------------------------------------------

export interface WrittenText {
  text: string;
  by: string;
  /** ISO instant. */
  at: string;
}

export interface ReportAuditSection extends AuditSection {
  /** How the target was set, in words. */
  targetBasis: string;
  /** The QA team's thematic findings for the month (report_summary, section 'audit-findings'). */
  findings: WrittenText | null;
}

export interface ReportFeedbackSection extends FeedbackSection {
  /** The themes, learning and compliments written for the month (report_summary, section 'feedback-themes'). */
  themes: WrittenText | null;
  /** The quarter so far, for the share by service area. */
  quarterLabel: string;
  quarterMonths: string[];
}

export interface ReportFailure extends PerformanceFailure {
  /** The plans recorded against this measure (ids), open at some time in the month. */
  planIds: string[];
}

export interface PlanActionView {
  id: string;
  version: number;
  action: string;
  owner: string;
  dueDate: string;
  status: ActionStatus;
  statusLabel: string;
  progress: string;
  overdue: boolean;
  changedBy: string;
  changedAt: string;
}

export interface PlanView {
  id: string;
  version: number;
  kind: PlanKind;
  kindLabel: string;
  title: string;
  owner: string;
  aim: string;
  measureId: string | null;
  measureTitle: string | null;
  startDate: string;
  status: 'open' | 'closed';
  closedOn: string | null;
  progress: string;
  changedBy: string;
  changedAt: string;
  actions: PlanActionView[];
  summary: PlanStatusSummary;
}

export interface EntryView {
  id: string;
  version: number;
  kind: EntryKind;
  kindLabel: string;
  title: string;
  date: string;
  who: string;
  outcome: string;
  details: string;
  changedBy: string;
  changedAt: string;
}

export interface ReportSections {
  month: string;
  monthLabel: string;
  /** Overdue actions and complaints awaiting a response are judged as at this date: the month end, or today if earlier. */
  asAt: string;
  generatedAt: string;
  audit: ReportAuditSection;
  feedback: ReportFeedbackSection;
  failures: { thresholds: { defaultWords: string; exceptions: { measureId: string; title: string; words: string }[] }; items: ReportFailure[] };
  actionPlans: PlanView[];
  rectificationPlans: PlanView[];
  surveys: EntryView[];
  inspections: EntryView[];
}

// --- Settings ---------------------------------------------------------------------------------------------

const FAILURES_KEY = 'performanceFailures';

async function latestSetting(q: Queryable, key: string): Promise<unknown> {
  const [row] = await q.query<{ value: unknown }>('SELECT value FROM authority_setting WHERE key = $1 ORDER BY id DESC LIMIT 1', [key]);
  return row?.value;
}

export async function loadFailureThresholds(q: Queryable): Promise<FailureThresholds> {
  return readFailureThresholds(await latestSetting(q, FAILURES_KEY));
}

/** Stores the failure thresholds as an authority setting (kept whole: earlier values stay, with who and why). */
export async function saveFailureThresholds(q: Queryable, viewer: Viewer, value: FailureThresholds, reason: string): Promise<void> {
  await requireWriter(q, viewer, 'performance failure thresholds');
  await storeFailureThresholds(q, viewer.username, value, reason);
  await logAccess(q, viewer, { action: 'change', detail: `performance failure thresholds: ${reason}` });
}

/**
 * The thresholds checked and stored as set by `actor` (the web page above, or `threadline settings`, run by
 * someone with access to the database). A FormProblem says what is wrong, and nothing is stored.
 */
export async function storeFailureThresholds(q: Queryable, actor: string, value: unknown, reason: string): Promise<void> {
  const problem = failureThresholdsProblem(value);
  const errors: Record<string, string> = {};
  if (problem) errors.default = problem;
  if (!reason.trim()) errors.reason = 'Say why you are changing the thresholds';
  if (Object.keys(errors).length) throw new FormProblem(errors);
  await q.query('INSERT INTO authority_setting (key, value, set_by, reason) VALUES ($1, $2::jsonb, $3, $4)', [FAILURES_KEY, JSON.stringify(value), actor, reason]);
}

function monitoringOf(config: { monitoring?: Partial<MonitoringSettings> }): MonitoringSettings {
  return { ...DEFAULT_MONITORING, ...(config.monitoring ?? {}) };
}

// --- Thematic findings and themes (report_summary, written by the QA team or the analyst) -------------------

/** The report's written sections kept here: the QA team's audit findings, and the themes from complaints and compliments. */
export const WRITTEN_SECTIONS = {
  'audit-findings': { title: 'Thematic audit findings', empty: 'Enter the thematic findings', label: 'Findings from the month’s audits' },
  'feedback-themes': { title: 'Themes from complaints and compliments', empty: 'Enter the themes', label: 'Themes, learning and examples of compliments' },
} as const;
export type WrittenSection = keyof typeof WRITTEN_SECTIONS;

export function isWrittenSection(v: unknown): v is WrittenSection {
  return typeof v === 'string' && Object.hasOwn(WRITTEN_SECTIONS, v);
}

export async function auditFindings(q: Queryable, month: string, section: WrittenSection = 'audit-findings'): Promise<WrittenText | null> {
  const [row] = await q.query<{ text: string; written_by: string; written_at: Date }>(
    `SELECT text, written_by, written_at FROM report_summary WHERE month = $1 AND section = $2 ORDER BY id DESC LIMIT 1`, [month, section]);
  return row ? { text: row.text, by: row.written_by, at: new Date(row.written_at).toISOString() } : null;
}

/** Adds a version of the month's findings (or themes); earlier versions stay. */
export async function saveAuditFindings(q: Queryable, viewer: Viewer, month: string, text: string, section: WrittenSection = 'audit-findings'): Promise<void> {
  checkMonth(month);
  await requireWriter(q, viewer, `${section} ${month}`);
  if (!text.trim()) throw new FormProblem({ findings: WRITTEN_SECTIONS[section].empty });
  if (text.length > 20_000) throw new FormProblem({ findings: 'The text must be 20,000 characters or fewer' });
  await q.query(`INSERT INTO report_summary (month, section, text, written_by) VALUES ($1, $2, $3, $4)`, [month, section, text, viewer.username]);
  await logAccess(q, viewer, { action: 'change', entity: 'report_summary', detail: `${section} ${month}` });
}

// --- Audits and feedback ----------------------------------------------------------------------------------

async function teamsWithManagers(q: Queryable, month: string): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM current_team
      WHERE manager_id IS NOT NULL AND (start_date IS NULL OR start_date <= $2) AND (end_date IS NULL OR end_date >= $1)`,
    [`${month}-01`, monthEnd(month)]);
  return row?.n ?? 0;
}

async function auditPart(q: Queryable, month: string, monitoring: MonitoringSettings, asAt: string): Promise<ReportAuditSection> {
  const { from, to } = auditSectionMonths(month);
  const start = `${from}-01`;
  const end = monthEnd(to);
  const rows = await q.query<{ id: string; audit_date: string; grade: string; moderated_grade: string | null; moderation_date: string | null }>(
    `SELECT id, audit_date, grade, moderated_grade, moderation_date FROM current_case_audit
      WHERE (audit_date BETWEEN $1 AND $2) OR (moderation_date BETWEEN $1 AND $2)`, [start, end]);
  const audits: AuditRecord[] = rows.map((r) => ({ id: r.id, auditDate: r.audit_date, grade: r.grade, moderatedGrade: r.moderated_grade, moderationDate: r.moderation_date }));
  const actionRows = audits.length === 0 ? [] : await q.query<{ id: string; audit_id: string; due_date: string | null; status: string; completed_date: string | null }>(
    'SELECT id, audit_id, due_date, status, completed_date FROM current_audit_action WHERE audit_id = ANY($1::text[])', [audits.map((a) => a.id)]);
  const actions: AuditActionRecord[] = actionRows.map((r) => ({ id: r.id, auditId: r.audit_id, dueDate: r.due_date, status: r.status, completedDate: r.completed_date }));
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonthsToMonth(m, 1)) months.push(m);
  const perManager = new Map<string, number>();
  if (monitoring.auditTargetPerMonth === null) for (const m of months) perManager.set(m, (await teamsWithManagers(q, m)) * monitoring.auditsPerManagerPerMonth);
  const section = auditSection(month, audits, actions, {
    auditsInMonth: (m) => monitoring.auditTargetPerMonth ?? perManager.get(m) ?? null,
    moderationsInMonth: () => monitoring.moderationTargetPerMonth,
  }, asAt);
  const targetBasis = monitoring.auditTargetPerMonth !== null
    ? `The target is ${monitoring.auditTargetPerMonth} audits a month, as the authority has set it.`
    : `The target is ${monitoring.auditsPerManagerPerMonth} ${monitoring.auditsPerManagerPerMonth === 1 ? 'audit' : 'audits'} a month from each team manager (teams with a manager in the month).`;
  return { ...section, targetBasis: monitoring.moderationTargetPerMonth === null ? `${targetBasis} No moderation target is set.` : `${targetBasis} Moderations: ${monitoring.moderationTargetPerMonth} a month.`, findings: await auditFindings(q, month) };
}

async function feedbackPart(q: Queryable, month: string, monitoring: MonitoringSettings, closureDays: string[], asAt: string): Promise<ReportFeedbackSection> {
  const months = monthsEnding(month, 12);
  const quarter = quarterOf(month);
  const quarterMonths = quarter.months.filter((m) => m <= month);
  const rows = await q.query<{ id: string; feedback_type: string; received_date: string; responded_date: string | null; service_area: string | null }>(
    `SELECT id, feedback_type, received_date, responded_date, service_area FROM current_feedback WHERE received_date BETWEEN $1 AND $2`,
    [`${months[0]}-01`, monthEnd(month)]);
  const records: FeedbackRecord[] = rows.map((r) => ({ id: r.id, type: r.feedback_type, receivedDate: r.received_date, respondedDate: r.responded_date, serviceArea: r.service_area }));
  const section = feedbackSection(months, quarterMonths, records, monitoring.complaintResponseWorkingDays, new WorkingCalendar({ closureDays }), asAt);
  return { ...section, quarterLabel: `${quarter.label}${quarterMonths.length < 3 ? ', so far' : ''}`, quarterMonths, themes: await auditFindings(q, month, 'feedback-themes') };
}

// --- Plans, actions, surveys and inspections ---------------------------------------------------------------

interface PlanRow {
  plan_id: string; version: number; kind: PlanKind; title: string; owner: string; aim: string; measure_id: string | null; start_date: string;
  status: 'open' | 'closed'; closed_on: string | null; progress: string; reason: string; recorded_by: string; recorded_at: Date;
}
interface ActionRow {
  action_id: string; version: number; plan_id: string; action: string; owner: string; due_date: string; status: ActionStatus; progress: string;
  reason: string; recorded_by: string; recorded_at: Date;
}
interface EntryRow {
  entry_id: string; version: number; kind: EntryKind; title: string; entry_date: string; who: string; outcome: string; details: string; deleted: boolean;
  reason: string; recorded_by: string; recorded_at: Date;
}

const measureTitle = (id: string | null) => (id === null ? null : (measures.find((m) => m.id === id)?.title ?? id));
const iso = (d: Date | string) => new Date(d).toISOString();

function actionView(r: ActionRow, asAt: string): PlanActionView {
  return {
    id: r.action_id, version: r.version, action: r.action, owner: r.owner, dueDate: r.due_date, status: r.status,
    statusLabel: ACTION_STATUSES[r.status], progress: r.progress, overdue: (r.status === 'OPEN' || r.status === 'PROG') && r.due_date < asAt,
    changedBy: r.recorded_by, changedAt: iso(r.recorded_at),
  };
}

function planView(p: PlanRow, actions: ActionRow[], asAt: string): PlanView {
  const views = actions.map((a) => actionView(a, asAt)).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.action.localeCompare(b.action));
  return {
    id: p.plan_id, version: p.version, kind: p.kind, kindLabel: PLAN_KINDS[p.kind], title: p.title, owner: p.owner, aim: p.aim,
    measureId: p.measure_id, measureTitle: measureTitle(p.measure_id), startDate: p.start_date, status: p.status, closedOn: p.closed_on,
    progress: p.progress, changedBy: p.recorded_by, changedAt: iso(p.recorded_at), actions: views,
    summary: planStatus(p.status === 'closed', views, asAt),
  };
}

function entryView(e: EntryRow): EntryView {
  return {
    id: e.entry_id, version: e.version, kind: e.kind, kindLabel: ENTRY_KINDS[e.kind], title: e.title, date: e.entry_date, who: e.who,
    outcome: e.outcome, details: e.details, changedBy: e.recorded_by, changedAt: iso(e.recorded_at),
  };
}

const LATEST_PLANS = `SELECT DISTINCT ON (plan_id) * FROM report_plan_version ORDER BY plan_id, version DESC`;
const LATEST_ACTIONS = `SELECT DISTINCT ON (action_id) * FROM report_plan_action_version ORDER BY action_id, version DESC`;

/** Every plan (latest versions) with its actions. */
async function loadPlans(q: Queryable, asAt: string, planId?: string): Promise<PlanView[]> {
  const plans = await q.query<PlanRow>(`SELECT * FROM (${LATEST_PLANS}) p ${planId ? 'WHERE plan_id = $1' : ''} ORDER BY start_date, title`, planId ? [planId] : []);
  if (plans.length === 0) return [];
  const actions = await q.query<ActionRow>(`SELECT * FROM (${LATEST_ACTIONS}) a WHERE plan_id = ANY($1::text[])`, [plans.map((p) => p.plan_id)]);
  const byPlan = new Map<string, ActionRow[]>();
  for (const a of actions) byPlan.set(a.plan_id, [...(byPlan.get(a.plan_id) ?? []), a]);
  return plans.map((p) => planView(p, byPlan.get(p.plan_id) ?? [], asAt));
}

function asAtFor(month: string): string {
  const today = londonDate(new Date());
  const end = monthEnd(month);
  return end < today ? end : today;
}

/** Plans open at some time in the month. */
export async function plansForMonth(q: Queryable, viewer: Viewer, month: string): Promise<PlanView[]> {
  checkMonth(month);
  await requireRead(q, viewer, { action: 'view', detail: `report plans ${month}` });
  return (await loadPlans(q, asAtFor(month))).filter((p) => openInMonth(p.startDate, p.closedOn, month, monthEnd(month)));
}

/** Every plan, open ones first. */
export async function allPlans(q: Queryable, viewer: Viewer): Promise<PlanView[]> {
  await requireRead(q, viewer, { action: 'view', detail: 'report plans' });
  const plans = await loadPlans(q, londonDate(new Date()));
  return plans.sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed') || b.startDate.localeCompare(a.startDate));
}

export interface PlanHistoryEntry {
  at: string;
  by: string;
  what: string;
  reason: string;
}

/** A plan as it is now, with the history of the plan and its actions (newest first). */
export async function getReportPlan(q: Queryable, viewer: Viewer, planId: string): Promise<{ plan: PlanView; history: PlanHistoryEntry[] } | null> {
  await requireRead(q, viewer, { action: 'view', detail: `report plan ${planId}` });
  const [plan] = await loadPlans(q, londonDate(new Date()), planId);
  if (!plan) return null;
  const versions = await q.query<PlanRow>('SELECT * FROM report_plan_version WHERE plan_id = $1 ORDER BY version', [planId]);
  const actions = await q.query<ActionRow>('SELECT * FROM report_plan_action_version WHERE plan_id = $1 ORDER BY action_id, version', [planId]);
  const history: PlanHistoryEntry[] = [];
  for (const v of versions) {
    history.push({
      at: iso(v.recorded_at), by: v.recorded_by, reason: v.reason,
      what: v.version === 1 ? `${PLAN_KINDS[v.kind]} recorded, owned by ${v.owner}` : `${v.status === 'closed' ? `Closed on ${longDate(v.closed_on!)}` : 'Open'}; progress: ${v.progress}`,
    });
  }
  for (const a of actions) {
    history.push({
      at: iso(a.recorded_at), by: a.recorded_by, reason: a.reason,
      what: a.version === 1 ? `Action added: “${a.action}” (${a.owner}, by ${longDate(a.due_date)})` : `“${a.action}” is ${ACTION_STATUSES[a.status].toLowerCase()}${a.progress ? `; progress: ${a.progress}` : ''}`,
    });
  }
  history.sort((a, b) => b.at.localeCompare(a.at));
  await logAccess(q, viewer, { action: 'view', detail: `report plan ${planId}` });
  return { plan, history };
}

export async function createReportPlan(q: Queryable, viewer: Viewer, input: PlanInput): Promise<string> {
  await requireWriter(q, viewer, 'record a plan');
  const problems = planProblems(input, measures.map((m) => m.id));
  if (Object.keys(problems).length) throw new FormProblem(problems);
  const id = `RP-${randomUUID().slice(0, 8)}`;
  await q.query(
    `INSERT INTO report_plan_version (plan_id, version, kind, title, owner, aim, measure_id, start_date, status, progress, reason, recorded_by)
     VALUES ($1, 1, $2, $3, $4, $5, $6, $7, 'open', '', 'Plan recorded', $8)`,
    [id, input.kind, input.title.trim(), input.owner.trim(), input.aim.trim(), input.measureId || null, input.startDate, viewer.username]);
  await logAccess(q, viewer, { action: 'change', entity: 'report_plan', recordId: id, detail: `${PLAN_KINDS[input.kind]} recorded` });
  return id;
}

/** A version number sent with a form that is no longer the latest: someone else changed the record first. */
export class StaleForm extends FormProblem {}

export async function changeReportPlan(q: Database, viewer: Viewer, planId: string, version: number | null, input: PlanChangeInput): Promise<boolean> {
  await requireWriter(q, viewer, `change plan ${planId}`);
  return q.transaction(async (tx) => {
    const [current] = await tx.query<PlanRow>(`SELECT * FROM report_plan_version WHERE plan_id = $1 ORDER BY version DESC LIMIT 1 FOR UPDATE`, [planId]);
    if (!current) return false;
    const problems = planChangeProblems(input, current.start_date);
    if (Object.keys(problems).length) throw new FormProblem(problems);
    if (version !== current.version) throw new StaleForm({ status: `${current.recorded_by} changed this plan while you were editing it. Check the plan as it is now, then make your change again.` });
    await tx.query(
      `INSERT INTO report_plan_version (plan_id, version, kind, title, owner, aim, measure_id, start_date, status, closed_on, progress, reason, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [planId, current.version + 1, current.kind, current.title, current.owner, current.aim, current.measure_id, current.start_date, input.status,
        input.status === 'closed' ? input.closedOn : null, input.progress.trim(), input.reason.trim(), viewer.username]);
    await logAccess(tx, viewer, { action: 'change', entity: 'report_plan', recordId: planId, detail: input.reason });
    return true;
  });
}

export async function addReportPlanAction(q: Queryable, viewer: Viewer, planId: string, input: ActionInput): Promise<string | null> {
  await requireWriter(q, viewer, `add an action to plan ${planId}`);
  const [plan] = await q.query<{ status: string }>(`${LATEST_PLANS.replace('FROM report_plan_version', 'FROM report_plan_version WHERE plan_id = $1')}`, [planId]);
  if (!plan) return null;
  const problems = actionProblems(input);
  if (Object.keys(problems).length) throw new FormProblem(problems);
  const id = `RA-${randomUUID().slice(0, 8)}`;
  await q.query(
    `INSERT INTO report_plan_action_version (action_id, version, plan_id, action, owner, due_date, status, progress, reason, recorded_by)
     VALUES ($1, 1, $2, $3, $4, $5, 'OPEN', '', 'Action added', $6)`,
    [id, planId, input.action.trim(), input.owner.trim(), input.dueDate, viewer.username]);
  await logAccess(q, viewer, { action: 'change', entity: 'report_plan_action', recordId: id, detail: `action added to ${planId}` });
  return id;
}

export async function changeReportPlanAction(
  q: Database, viewer: Viewer, planId: string, actionId: string, version: number | null, input: ActionChangeInput,
): Promise<boolean> {
  await requireWriter(q, viewer, `change action ${actionId}`);
  return q.transaction(async (tx) => {
    const [current] = await tx.query<ActionRow>(
      'SELECT * FROM report_plan_action_version WHERE action_id = $1 AND plan_id = $2 ORDER BY version DESC LIMIT 1 FOR UPDATE', [actionId, planId]);
    if (!current) return false;
    const problems = actionChangeProblems(input);
    if (Object.keys(problems).length) throw new FormProblem(problems);
    if (version !== current.version) throw new StaleForm({ status: `${current.recorded_by} changed this action while you were editing it. Check it as it is now, then make your change again.` });
    await tx.query(
      `INSERT INTO report_plan_action_version (action_id, version, plan_id, action, owner, due_date, status, progress, reason, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [actionId, current.version + 1, planId, current.action, current.owner, current.due_date, input.status as ActionStatus, input.progress.trim(), input.reason.trim(), viewer.username]);
    await logAccess(tx, viewer, { action: 'change', entity: 'report_plan_action', recordId: actionId, detail: input.reason });
    return true;
  });
}

export async function entriesForMonth(q: Queryable, month: string): Promise<EntryView[]> {
  const rows = await q.query<EntryRow>(
    `SELECT * FROM (SELECT DISTINCT ON (entry_id) * FROM report_entry_version ORDER BY entry_id, version DESC) e
      WHERE NOT deleted AND entry_date BETWEEN $1 AND $2 ORDER BY entry_date, title`, [`${month}-01`, monthEnd(month)]);
  return rows.map(entryView);
}

export async function getReportEntry(q: Queryable, viewer: Viewer, entryId: string): Promise<{ entry: EntryView; history: PlanHistoryEntry[] } | null> {
  await requireRead(q, viewer, { action: 'view', detail: `report entry ${entryId}` });
  const versions = await q.query<EntryRow>('SELECT * FROM report_entry_version WHERE entry_id = $1 ORDER BY version', [entryId]);
  const latest = versions[versions.length - 1];
  if (!latest || latest.deleted) return null;
  return {
    entry: entryView(latest),
    history: versions.map((v) => ({ at: iso(v.recorded_at), by: v.recorded_by, reason: v.reason, what: v.version === 1 ? `${ENTRY_KINDS[v.kind]} recorded` : 'Changed' })).reverse(),
  };
}

export async function saveReportEntry(q: Database, viewer: Viewer, entryId: string | null, version: number | null, input: EntryInput): Promise<string | null> {
  await requireWriter(q, viewer, `record a ${input.kind}`);
  const problems = entryProblems(input, entryId === null);
  if (Object.keys(problems).length) throw new FormProblem(problems);
  return q.transaction(async (tx) => {
    let next = 1;
    const id = entryId ?? `RE-${randomUUID().slice(0, 8)}`;
    if (entryId !== null) {
      const [current] = await tx.query<EntryRow>('SELECT * FROM report_entry_version WHERE entry_id = $1 ORDER BY version DESC LIMIT 1 FOR UPDATE', [entryId]);
      if (!current || current.deleted || current.kind !== input.kind) return null;
      if (version !== current.version) throw new StaleForm({ title: `${current.recorded_by} changed this record while you were editing it. Check it as it is now, then make your change again.` });
      next = current.version + 1;
    }
    await tx.query(
      `INSERT INTO report_entry_version (entry_id, version, kind, title, entry_date, who, outcome, details, reason, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, next, input.kind, input.title.trim(), input.date, input.who.trim(), input.outcome.trim(), input.details.trim(), entryId === null ? `${ENTRY_KINDS[input.kind]} recorded` : input.reason.trim(), viewer.username]);
    await logAccess(tx, viewer, { action: 'change', entity: 'report_entry', recordId: id, detail: `${ENTRY_KINDS[input.kind]} ${entryId === null ? 'recorded' : 'changed'}` });
    return id;
  });
}

// --- The sections together ----------------------------------------------------------------------------------

/** The part of a dataset (src/services/dataset.ts, Dataset) the failures need: each measure's monthly figures. */
export interface DatasetFigures {
  month: string;
  rows: readonly { id: string; number: number | null; title: string; better: 'high' | 'low'; months: readonly { month: string; value: number | null; display: string }[] }[];
}

export interface ReportSectionsOptions {
  /**
   * The month's dataset when the caller has already built it (the report page does): its 13 months of figures
   * are used for the performance failures instead of computing them again.
   */
  dataset?: DatasetFigures;
}

type Config = Awaited<ReturnType<typeof loadDatasetConfig>>;

/** Every measure's figures for the 13 months ending with `month` (the same computation as the dataset, without comparators). */
async function measureSeries(q: Queryable, month: string, config: Config): Promise<MeasureSeries[]> {
  const months = monthsEnding(month, 13);
  const inputs = await loadMeasureInputs(q, { from: months[0]!, to: month });
  const ctx = measureContext(inputs, { ...config.measureOptions, standards: config.standards, calendar: new WorkingCalendar({ closureDays: config.closureDays }) });
  return measures.map((def) => ({
    id: def.id, number: def.number, title: def.title, better: def.better, thresholds: config.targets[def.id],
    months: months.map((m) => {
      const v = computeMeasure(def, ctx, m);
      return { month: m, value: v.value, display: v.display };
    }),
  }));
}

/**
 * The report's computed and recorded sections for a month (parts 4.2.3 to 4.2.8 of the contract's
 * monitoring report), as plain data.
 */
export async function reportSections(q: Queryable, viewer: Viewer, month: string, opts: ReportSectionsOptions = {}): Promise<ReportSections> {
  checkMonth(month);
  await requireRead(q, viewer, { action: 'view', detail: `report sections ${month}` });
  const asAt = asAtFor(month);
  const [config, thresholds] = await Promise.all([loadDatasetConfig(q), loadFailureThresholds(q)]);
  const monitoring = monitoringOf(config);
  const [series, audit, feedback, plans, entries] = await Promise.all([
    opts.dataset && opts.dataset.month === month
      ? opts.dataset.rows.map((r) => ({ id: r.id, number: r.number, title: r.title, better: r.better, months: [...r.months], thresholds: config.targets[r.id] }))
      : measureSeries(q, month, config),
    auditPart(q, month, monitoring, asAt),
    feedbackPart(q, month, monitoring, config.closureDays, asAt),
    loadPlans(q, asAt),
    entriesForMonth(q, month),
  ]);
  const inMonth = plans.filter((p) => openInMonth(p.startDate, p.closedOn, month, monthEnd(month)));
  const failures = performanceFailures(series, month, thresholds)
    .map((f) => ({ ...f, planIds: inMonth.filter((p) => p.measureId === f.measureId).map((p) => p.id) }));
  const exceptions = Object.keys(thresholds.measures)
    .filter((id) => measures.some((m) => m.id === id))
    .map((id) => ({ measureId: id, title: measureTitle(id)!, words: thresholdWords(thresholdFor(thresholds, id)) }));
  await logAccess(q, viewer, { action: 'view', detail: `report sections ${month}` });
  return {
    month,
    monthLabel: monthLabel(month),
    asAt,
    generatedAt: new Date().toISOString(),
    audit,
    feedback,
    failures: { thresholds: { defaultWords: thresholdWords(thresholds.defaultConsecutiveRed), exceptions }, items: failures },
    actionPlans: inMonth.filter((p) => p.kind === 'action'),
    rectificationPlans: inMonth.filter((p) => p.kind === 'rectification'),
    surveys: entries.filter((e) => e.kind === 'survey'),
    inspections: entries.filter((e) => e.kind === 'inspection'),
  };
}

export { isActionStatus };

// --- The records behind the audit and feedback figures --------------------------------------------------------

export interface RecordFilter {
  from: string;
  to: string;
}

export interface AuditListFilter extends RecordFilter {
  /** 'completed': audits completed in the months (the auditor's grade); 'moderated': moderations done in them. */
  view: 'completed' | 'moderated';
  grade: 'good' | 'ri' | 'inadequate' | null;
  change: 'up' | 'same' | 'down' | null;
}

export interface AuditListRow {
  id: string;
  personId: string | null;
  child: string | null;
  team: string | null;
  auditor: string | null;
  auditDate: string;
  grade: string;
  moderatedGrade: string | null;
  moderationDate: string | null;
  moderator: string | null;
  change: 'up' | 'same' | 'down' | null;
}

const GRADE_GROUPS: Record<'good' | 'ri' | 'inadequate', readonly string[]> = { good: ['O', 'G'], ri: ['RI'], inadequate: ['I'] };

function monthSpan(filter: RecordFilter): { start: string; end: string } {
  checkMonth(filter.from);
  checkMonth(filter.to);
  if (filter.from > filter.to) throw new RangeError('The first month must not be after the last');
  return { start: `${filter.from}-01`, end: monthEnd(filter.to) };
}

async function logChildViews(q: Queryable, viewer: Viewer, personIds: readonly (string | null)[], detail: string): Promise<void> {
  const ids = [...new Set(personIds.filter((p): p is string => p !== null))];
  if (ids.length === 0) return;
  await q.query(
    `INSERT INTO access_log (actor, action, person_id, outcome, detail) SELECT $1, 'view', unnest($2::text[]), 'allowed', $3`,
    [viewer.username, ids, detail]);
}

/** The audits behind a figure of the audit section, each with its child (logged). */
export async function auditRecords(q: Queryable, viewer: Viewer, filter: AuditListFilter): Promise<AuditListRow[]> {
  const { start, end } = monthSpan(filter);
  await requireRead(q, viewer, { action: 'view', detail: `audit records ${filter.from} to ${filter.to}` });
  const rows = await q.query<{
    id: string; person_id: string | null; team: string | null; auditor: string | null; audit_date: string; grade: string;
    moderated_grade: string | null; moderation_date: string | null; moderator: string | null;
  }>(
    `SELECT a.id, a.person_id, t.name AS team, w.name AS auditor, a.audit_date, a.grade, a.moderated_grade, a.moderation_date, m.name AS moderator
       FROM current_case_audit a
       LEFT JOIN current_team t ON t.id = a.team_id
       LEFT JOIN current_worker w ON w.id = a.auditor_id
       LEFT JOIN current_worker m ON m.id = a.moderator_id
      WHERE ${filter.view === 'completed'
        ? 'a.audit_date BETWEEN $1 AND $2'
        : 'a.moderated_grade IS NOT NULL AND coalesce(a.moderation_date, a.audit_date) BETWEEN $1 AND $2'}
      ORDER BY ${filter.view === 'completed' ? 'a.audit_date' : 'coalesce(a.moderation_date, a.audit_date)'}, a.id`, [start, end]);
  const list = rows
    .map((r) => ({ ...r, change: r.moderated_grade === null ? null : moderationChange(r.grade, r.moderated_grade) }))
    .filter((r) => filter.grade === null || GRADE_GROUPS[filter.grade].includes(filter.view === 'completed' ? r.grade : (r.moderated_grade ?? '')))
    .filter((r) => filter.change === null || r.change === filter.change);
  const labels = await childLabels(q, viewer, list.map((r) => r.person_id).filter((p): p is string => p !== null));
  await logChildViews(q, viewer, list.map((r) => r.person_id), `audit records ${filter.view} ${filter.from} to ${filter.to}`);
  return list.map((r) => ({
    id: r.id, personId: r.person_id, child: r.person_id ? (labels.get(r.person_id)?.name ?? r.person_id) : null, team: r.team, auditor: r.auditor,
    auditDate: r.audit_date, grade: r.grade, moderatedGrade: r.moderated_grade, moderationDate: r.moderation_date, moderator: r.moderator, change: r.change,
  }));
}

export interface FeedbackListFilter extends RecordFilter {
  type: 'complaint' | 'compliment' | null;
  /** 'late' covers answered late and overdue (not answered, time run out). */
  timeliness: 'in-time' | 'late' | 'awaiting' | null;
  /** A service area code, 'none' for not recorded, or null for all. */
  area: string | null;
  /** The date complaints are judged at ('YYYY-MM-DD': the report's "as at" date), or null for today. */
  asAt: string | null;
}

export interface FeedbackListRow {
  id: string;
  type: string;
  personId: string | null;
  child: string | null;
  receivedDate: string;
  respondedDate: string | null;
  serviceArea: string | null;
  team: string | null;
  stage: number | null;
  summary: string | null;
  timeliness: string | null;
}

/** The complaints and compliments behind a figure of the feedback section (logged). */
export async function feedbackRecords(q: Queryable, viewer: Viewer, filter: FeedbackListFilter): Promise<{ rows: FeedbackListRow[]; workingDays: number }> {
  const { start, end } = monthSpan(filter);
  await requireRead(q, viewer, { action: 'view', detail: `complaints and compliments ${filter.from} to ${filter.to}` });
  const config = await loadDatasetConfig(q);
  const monitoring = monitoringOf(config);
  const calendar = new WorkingCalendar({ closureDays: config.closureDays });
  const today = londonDate(new Date());
  const asAt = filter.asAt && filter.asAt < today ? filter.asAt : today;
  const rows = await q.query<{
    id: string; feedback_type: string; person_id: string | null; received_date: string; responded_date: string | null; service_area: string | null;
    team: string | null; stage: number | null; summary: string | null;
  }>(
    `SELECT f.id, f.feedback_type, f.person_id, f.received_date, f.responded_date, f.service_area, t.name AS team, f.stage, f.summary
       FROM current_feedback f LEFT JOIN current_team t ON t.id = f.team_id
      WHERE f.received_date BETWEEN $1 AND $2 ORDER BY f.received_date, f.id`, [start, end]);
  const type = filter.type === 'complaint' ? 'COMP' : filter.type === 'compliment' ? 'CPLT' : null;
  const list = rows
    .filter((r) => type === null || r.feedback_type === type)
    .filter((r) => filter.area === null || (filter.area === 'none' ? r.service_area === null : r.service_area === filter.area))
    .map((r) => {
      const t = r.feedback_type === 'COMP'
        ? timeliness({ id: r.id, type: r.feedback_type, receivedDate: r.received_date, respondedDate: r.responded_date, serviceArea: r.service_area }, monitoring.complaintResponseWorkingDays, calendar, asAt)
        : null;
      return { ...r, t };
    })
    .filter((r) => filter.timeliness === null
      || (filter.timeliness === 'in-time' && r.t === 'in time')
      || (filter.timeliness === 'late' && (r.t === 'late' || r.t === 'overdue'))
      || (filter.timeliness === 'awaiting' && r.t === 'awaiting'));
  const labels = await childLabels(q, viewer, list.map((r) => r.person_id).filter((p): p is string => p !== null));
  await logChildViews(q, viewer, list.map((r) => r.person_id), `complaints and compliments ${filter.from} to ${filter.to}`);
  return {
    workingDays: monitoring.complaintResponseWorkingDays,
    rows: list.map((r) => ({
      id: r.id, type: r.feedback_type, personId: r.person_id, child: r.person_id ? (labels.get(r.person_id)?.name ?? r.person_id) : null,
      receivedDate: r.received_date, respondedDate: r.responded_date, serviceArea: r.service_area, team: r.team, stage: r.stage, summary: r.summary,
      timeliness: r.t === null ? null : r.t === 'overdue' ? 'not answered, time run out' : r.t === 'awaiting' ? 'awaiting an answer' : r.t === 'in time' ? 'answered in time' : r.t === 'late' ? 'answered late' : 'unknown',
    })),
  };
}
