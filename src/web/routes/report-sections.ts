/**
 * The monthly report's recorded sections and the records behind its figures:
 * - /report-sections/:month: the sections as the report shows them (audits, complaints and compliments,
 *   performance failures, plans, surveys, inspection outcomes);
 * - /report-plans: action and rectification plans, surveys and inspection outcomes, with their forms;
 * - /report-failures: when a measure becomes a performance failure; /report-findings/:month: the QA team's
 *   thematic audit findings;
 * - /report-records/audits and /report-records/feedback: the audits, complaints and compliments behind a figure.
 * Reading needs the 'read' action; recording is for performance analysts and auditors (checked in the repository).
 */
import { Router, type Request, type Response } from 'express';
import type { Database } from '../../db/database.js';
import { codeLists } from '../../domain/codes/code-lists.js';
import { addMonthsToMonth, isMonth, measures, monthLabel } from '../../domain/measures/index.js';
import { MAX_CONSECUTIVE_RED, thresholdFor, thresholdWords, type FailureThresholds } from '../../domain/report/failures.js';
import {
  ACTION_STATUSES, ENTRY_KINDS, ENTRY_LABELS, isEntryKind, isPlanKind, PLAN_KINDS, type EntryKind, type PlanKind,
} from '../../domain/report/plans.js';
import { londonDate } from '../../domain/time/london.js';
import { FormProblem } from '../../repositories/caseload.js';
import {
  addReportPlanAction, allPlans, createReportPlan, auditFindings, auditRecords, canWriteReport, changeReportPlan, changeReportPlanAction, feedbackRecords, getReportEntry,
  getReportPlan, isWrittenSection, loadFailureThresholds, reportSections, WRITTEN_SECTIONS, type WrittenSection, saveAuditFindings, saveFailureThresholds, saveReportEntry, StaleForm, type AuditListFilter,
  type FeedbackListFilter,
} from '../../repositories/report-sections.js';
import { requireRead } from '../../repositories/viewer.js';
import { viewerOf } from '../auth.js';
import { errorSummary, text, type FormErrors } from '../forms.js';
import { dateInput, dateItems, type DateParts } from './practice.js';

const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

function lastWholeMonth(): string {
  return addMonthsToMonth(londonDate(new Date()).slice(0, 7), -1);
}

function partsOf(date: string | null): DateParts {
  if (!date) return EMPTY_DATE;
  return { day: String(Number(date.slice(8, 10))), month: String(Number(date.slice(5, 7))), year: date.slice(0, 4) };
}

function notFound(res: Response, what: string): void {
  res.status(404).render('error.njk', { title: `${what} not found`, message: 'Check the link: there is nothing with that identifier.' });
}

function query(req: Request, name: string): string {
  const v = req.query[name];
  return typeof v === 'string' ? v : '';
}

const MEASURE_ITEMS = measures.map((m) => ({ value: m.id, text: `${m.number ? `${m.number}. ` : ''}${m.title}` }));

export function reportSectionRoutes(db: Database): Router {
  const router = Router();

  // --- The sections as the report shows them -----------------------------------------------------------------
  router.get('/report-sections/:month', async (req, res, next) => {
    const month = req.params.month;
    if (!isMonth(month)) return next();
    const viewer = viewerOf(res);
    const sections = await reportSections(db, viewer, month);
    res.render('report-plans/sections.njk', {
      sections, month, previous: addMonthsToMonth(month, -1), next: addMonthsToMonth(month, 1), canWrite: canWriteReport(viewer),
    });
  });

  // --- Plans, surveys and inspections: the list ------------------------------------------------------------------
  router.get('/report-plans', async (req, res) => {
    const viewer = viewerOf(res);
    const plans = await allPlans(db, viewer);
    const { entries } = await recentEntries(db);
    const thresholds = await loadFailureThresholds(db);
    const notice = req.query.saved === 'thresholds' ? 'Performance failure thresholds saved' : null;
    res.render('report-plans/index.njk', {
      plans, entries, canWrite: canWriteReport(viewer), month: lastWholeMonth(), monthLabel: monthLabel(lastWholeMonth()),
      thresholdWords: thresholdWords(thresholds.defaultConsecutiveRed), notice,
    });
  });

  async function recentEntries(q: Database) {
    const rows = await q.query<{ entry_id: string; kind: EntryKind; title: string; entry_date: string; outcome: string }>(
      `SELECT entry_id, kind, title, entry_date, outcome FROM (SELECT DISTINCT ON (entry_id) * FROM report_entry_version ORDER BY entry_id, version DESC) e
        WHERE NOT deleted ORDER BY entry_date DESC, title LIMIT 50`);
    return { entries: rows.map((r) => ({ id: r.entry_id, kind: r.kind, kindLabel: ENTRY_KINDS[r.kind], title: r.title, date: r.entry_date, outcome: r.outcome })) };
  }

  // --- A new plan --------------------------------------------------------------------------------------------------
  interface PlanValues { kind: PlanKind; title: string; owner: string; aim: string; measureId: string; start: DateParts }

  function renderNewPlan(res: Response, values: PlanValues, errors?: FormErrors) {
    res.status(errors ? 400 : 200).render('report-plans/new-plan.njk', {
      values, kindLabel: PLAN_KINDS[values.kind],
      measureItems: [{ value: '', text: 'None' }, ...MEASURE_ITEMS.map((m) => ({ ...m, selected: m.value === values.measureId }))],
      startItems: dateItems('start', values.start, errors), errors, errorList: errors ? errorSummary(errors) : undefined,
    });
  }

  router.get('/report-plans/new', async (req, res) => {
    const viewer = viewerOf(res);
    if (!canWriteReport(viewer)) {
      res.status(403).render('error.njk', { title: 'You cannot record plans', message: 'Only a performance analyst or a quality assurance auditor can record a plan.' });
      return;
    }
    const kind = query(req, 'kind');
    const measureId = query(req, 'measure');
    renderNewPlan(res, {
      kind: isPlanKind(kind) ? kind : 'action', title: '', owner: '', aim: '', measureId: MEASURE_ITEMS.some((m) => m.value === measureId) ? measureId : '',
      start: partsOf(londonDate(new Date())),
    });
  });

  router.post('/report-plans/new', async (req, res) => {
    const kind = text(req, 'kind');
    const start = dateInput(req, 'start', 'The date the plan started');
    const values: PlanValues = {
      kind: isPlanKind(kind) ? kind : 'action', title: text(req, 'title'), owner: text(req, 'owner'), aim: text(req, 'aim'), measureId: text(req, 'measure'), start: start.parts,
    };
    try {
      const id = await createPlan(res, values, start);
      res.redirect(303, `/report-plans/${encodeURIComponent(id)}?saved=plan`);
    } catch (err) {
      if (!(err instanceof FormProblem)) throw err;
      renderNewPlan(res, values, err.errors);
    }
  });

  async function createPlan(res: Response, values: PlanValues, start: { date: string; problem?: string }) {
    return createReportPlan(db, viewerOf(res), {
      kind: values.kind, title: values.title, owner: values.owner, aim: values.aim, measureId: values.measureId, startDate: start.date,
      ...(start.problem ? { startProblem: start.problem } : {}),
    });
  }

  // --- A plan: its status, progress and actions ----------------------------------------------------------------
  interface PlanState {
    errors?: FormErrors;
    /** Which form the errors belong to: 'plan', 'add' or an action id. */
    form?: string;
    planValues?: { status: string; progress: string; reason: string; closed: DateParts };
    actionValues?: { action: string; owner: string; due: DateParts };
    changeValues?: { status: string; progress: string; reason: string };
    notice?: string | null;
  }

  async function renderPlan(req: Request, res: Response, state: PlanState = {}) {
    const viewer = viewerOf(res);
    const found = await getReportPlan(db, viewer, String(req.params.id));
    if (!found) return notFound(res, 'Plan');
    const { plan, history } = found;
    const planValues = state.planValues ?? { status: plan.status, progress: plan.progress, reason: '', closed: partsOf(plan.closedOn) };
    const actionValues = state.actionValues ?? { action: '', owner: '', due: EMPTY_DATE };
    res.status(state.errors ? 400 : 200).render('report-plans/plan.njk', {
      plan, history, canWrite: canWriteReport(viewer), form: state.form ?? null, notice: state.notice ?? null,
      planValues, closedItems: dateItems('closed', planValues.closed, state.form === 'plan' ? state.errors : undefined),
      actionValues, dueItems: dateItems('due', actionValues.due, state.form === 'add' ? state.errors : undefined),
      actions: plan.actions.map((a) => {
        const editing = state.form === a.id;
        const values = editing && state.changeValues ? state.changeValues : { status: a.status, progress: a.progress, reason: '' };
        return {
          ...a, editing, values,
          statusItems: Object.entries(ACTION_STATUSES).map(([value, label]) => ({ value, text: label, checked: values.status === value })),
        };
      }),
      errors: state.errors, errorList: state.errors ? errorSummary(state.errors) : undefined,
    });
  }

  router.get('/report-plans/:id', async (req, res) => {
    const saved = query(req, 'saved');
    const notice = { plan: 'Plan saved', action: 'Action added', 'action-change': 'Action updated', change: 'Plan updated' }[saved] ?? null;
    await renderPlan(req, res, { notice });
  });

  router.post('/report-plans/:id', async (req, res) => {
    const id = String(req.params.id);
    const closed = dateInput(req, 'closed', 'The date the plan closed');
    const planValues = { status: text(req, 'status'), progress: text(req, 'progress'), reason: text(req, 'reason'), closed: closed.parts };
    const version = Number.parseInt(text(req, 'version'), 10);
    try {
      const ok = await changeReportPlan(db, viewerOf(res), id, Number.isInteger(version) ? version : null, {
        status: planValues.status, progress: planValues.progress, reason: planValues.reason, closedOn: closed.date, ...(closed.problem ? { closedProblem: closed.problem } : {}),
      });
      if (!ok) return notFound(res, 'Plan');
      res.redirect(303, `/report-plans/${encodeURIComponent(id)}?saved=change`);
    } catch (err) {
      if (!(err instanceof FormProblem)) throw err;
      await renderPlan(req, res, { errors: err.errors, form: 'plan', planValues: err instanceof StaleForm ? undefined : planValues });
    }
  });

  router.post('/report-plans/:id/actions', async (req, res) => {
    const id = String(req.params.id);
    const due = dateInput(req, 'due', 'The date it must be done by');
    const actionValues = { action: text(req, 'action'), owner: text(req, 'owner'), due: due.parts };
    try {
      const added = await addReportPlanAction(db, viewerOf(res), id, {
        action: actionValues.action, owner: actionValues.owner, dueDate: due.date, ...(due.problem ? { dueProblem: due.problem } : {}),
      });
      if (!added) return notFound(res, 'Plan');
      res.redirect(303, `/report-plans/${encodeURIComponent(id)}?saved=action#actions`);
    } catch (err) {
      if (!(err instanceof FormProblem)) throw err;
      await renderPlan(req, res, { errors: err.errors, form: 'add', actionValues });
    }
  });

  router.post('/report-plans/:id/actions/:actionId', async (req, res) => {
    const id = String(req.params.id);
    const actionId = String(req.params.actionId);
    const changeValues = { status: text(req, 'status'), progress: text(req, 'progress'), reason: text(req, 'reason') };
    const version = Number.parseInt(text(req, 'version'), 10);
    try {
      const ok = await changeReportPlanAction(db, viewerOf(res), id, actionId, Number.isInteger(version) ? version : null, changeValues);
      if (!ok) return notFound(res, 'Action');
      res.redirect(303, `/report-plans/${encodeURIComponent(id)}?saved=action-change#actions`);
    } catch (err) {
      if (!(err instanceof FormProblem)) throw err;
      // Errors name the fields of this action's form.
      const errors: FormErrors = {};
      for (const [k, v] of Object.entries(err.errors)) errors[`${k}-${actionId}`] = v;
      await renderPlan(req, res, { errors, form: actionId, ...(err instanceof StaleForm ? {} : { changeValues }) });
    }
  });

  // --- Surveys and inspection outcomes -----------------------------------------------------------------------
  interface EntryValues { kind: EntryKind; title: string; date: DateParts; who: string; outcome: string; details: string; reason: string }

  function renderEntryForm(res: Response, values: EntryValues, entry: { id: string; version: number } | null, errors?: FormErrors) {
    res.status(errors ? 400 : 200).render('report-plans/entry-form.njk', {
      values, entry, labels: ENTRY_LABELS[values.kind], kindLabel: ENTRY_KINDS[values.kind],
      dateItems: dateItems('date', values.date, errors), errors, errorList: errors ? errorSummary(errors) : undefined,
    });
  }

  router.get('/report-entries/new', async (req, res) => {
    const viewer = viewerOf(res);
    if (!canWriteReport(viewer)) {
      res.status(403).render('error.njk', { title: 'You cannot record this', message: 'Only a performance analyst or a quality assurance auditor can record surveys and inspection outcomes.' });
      return;
    }
    const kind = query(req, 'kind');
    renderEntryForm(res, { kind: isEntryKind(kind) ? kind : 'survey', title: '', date: EMPTY_DATE, who: '', outcome: '', details: '', reason: '' }, null);
  });

  function entryValues(req: Request, kind: EntryKind) {
    const date = dateInput(req, 'date', kind === 'survey' ? 'The date the survey closed' : 'The date of the inspection');
    const values: EntryValues = {
      kind, title: text(req, 'title'), date: date.parts, who: text(req, 'who'), outcome: text(req, 'outcome'), details: text(req, 'details'), reason: text(req, 'reason'),
    };
    return { values, input: { ...values, date: date.date, ...(date.problem ? { dateProblem: date.problem } : {}) } };
  }

  router.post('/report-entries/new', async (req, res) => {
    const kind = text(req, 'kind');
    const { values, input } = entryValues(req, isEntryKind(kind) ? kind : 'survey');
    try {
      const id = await saveReportEntry(db, viewerOf(res), null, null, input);
      res.redirect(303, `/report-entries/${encodeURIComponent(id!)}?saved=1`);
    } catch (err) {
      if (!(err instanceof FormProblem)) throw err;
      renderEntryForm(res, values, null, err.errors);
    }
  });

  router.get('/report-entries/:id', async (req, res) => {
    const viewer = viewerOf(res);
    const found = await getReportEntry(db, viewer, String(req.params.id));
    if (!found) return notFound(res, 'Record');
    const e = found.entry;
    if (req.query.edit && canWriteReport(viewer)) {
      renderEntryForm(res, { kind: e.kind, title: e.title, date: partsOf(e.date), who: e.who, outcome: e.outcome, details: e.details, reason: '' }, { id: e.id, version: e.version });
      return;
    }
    res.render('report-plans/entry.njk', { entry: e, history: found.history, labels: ENTRY_LABELS[e.kind], canWrite: canWriteReport(viewer), notice: req.query.saved ? `${e.kindLabel} saved` : null });
  });

  router.post('/report-entries/:id', async (req, res) => {
    const viewer = viewerOf(res);
    const found = await getReportEntry(db, viewer, String(req.params.id));
    if (!found) return notFound(res, 'Record');
    const { values, input } = entryValues(req, found.entry.kind);
    const version = Number.parseInt(text(req, 'version'), 10);
    try {
      await saveReportEntry(db, viewer, found.entry.id, Number.isInteger(version) ? version : null, input);
      res.redirect(303, `/report-entries/${encodeURIComponent(found.entry.id)}?saved=1`);
    } catch (err) {
      if (!(err instanceof FormProblem)) throw err;
      const latest = err instanceof StaleForm ? (await getReportEntry(db, viewer, found.entry.id))!.entry : found.entry;
      renderEntryForm(res, values, { id: latest.id, version: latest.version }, err.errors);
    }
  });

  // --- Performance failure thresholds --------------------------------------------------------------------------
  function thresholdRows(t: FailureThresholds, posted?: Record<string, string>) {
    return measures.map((m) => {
      const own = Object.hasOwn(t.measures, m.id) ? t.measures[m.id] : undefined;
      const value = posted ? (posted[m.id] ?? '') : own === undefined ? '' : own === null ? 'never' : String(own);
      return { id: m.id, number: m.number, title: m.title, value, words: thresholdWords(thresholdFor(t, m.id)) };
    });
  }

  router.get('/report-failures', async (_req, res) => {
    const viewer = viewerOf(res);
    await requireRead(db, viewer, { action: 'view', detail: 'performance failure thresholds' });
    const t = await loadFailureThresholds(db);
    res.render('report-plans/failures.njk', { defaultValue: String(t.defaultConsecutiveRed), rows: thresholdRows(t), canWrite: canWriteReport(viewer), max: MAX_CONSECUTIVE_RED, reason: '' });
  });

  router.post('/report-failures', async (req, res) => {
    const viewer = viewerOf(res);
    const errors: FormErrors = {};
    const whole = (v: string) => /^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_CONSECUTIVE_RED;
    const defaultValue = text(req, 'default');
    if (!whole(defaultValue)) errors.default = `Enter a number of months from 1 to ${MAX_CONSECUTIVE_RED}`;
    const posted: Record<string, string> = {};
    const own: Record<string, number | null> = {};
    for (const m of measures) {
      const v = text(req, `m-${m.id}`).toLowerCase();
      posted[m.id] = v;
      if (v === '') continue;
      if (v === 'never') own[m.id] = null;
      else if (whole(v)) own[m.id] = Number(v);
      else errors[`m-${m.id}`] = `Enter a number of months from 1 to ${MAX_CONSECUTIVE_RED} for “${m.title}”, “never”, or leave it empty`;
    }
    const reason = text(req, 'reason');
    try {
      if (Object.keys(errors).length) {
        if (!reason) errors.reason = 'Say why you are changing the thresholds';
        throw new FormProblem(errors);
      }
      await saveFailureThresholds(db, viewer, { defaultConsecutiveRed: Number(defaultValue), measures: own }, reason);
      res.redirect(303, '/report-plans?saved=thresholds');
    } catch (err) {
      if (!(err instanceof FormProblem)) throw err;
      const t = await loadFailureThresholds(db);
      res.status(400).render('report-plans/failures.njk', {
        defaultValue, rows: thresholdRows(t, posted), canWrite: canWriteReport(viewer), max: MAX_CONSECUTIVE_RED, reason,
        errors: err.errors, errorList: errorSummary(err.errors),
      });
    }
  });

  // --- Thematic audit findings, and themes from complaints and compliments ----------------------------------
  function sectionOf(req: Request): WrittenSection {
    const v = typeof req.query.section === 'string' ? req.query.section : text(req, 'section');
    return isWrittenSection(v) ? v : 'audit-findings';
  }

  router.get('/report-findings/:month', async (req, res, next) => {
    const month = req.params.month;
    if (!isMonth(month)) return next();
    const viewer = viewerOf(res);
    const section = sectionOf(req);
    await requireRead(db, viewer, { action: 'view', detail: `${section} ${month}` });
    const findings = await auditFindings(db, month, section);
    res.render('report-plans/findings.njk', {
      month, monthLabel: monthLabel(month), section, labels: WRITTEN_SECTIONS[section], findings, value: findings?.text ?? '', canWrite: canWriteReport(viewer),
      notice: req.query.saved ? 'Saved' : null,
    });
  });

  router.post('/report-findings/:month', async (req, res, next) => {
    const month = req.params.month;
    if (!isMonth(month)) return next();
    const viewer = viewerOf(res);
    const section = sectionOf(req);
    const value = text(req, 'findings');
    try {
      await saveAuditFindings(db, viewer, month, value, section);
      res.redirect(303, `/report-findings/${month}?section=${section}&saved=1`);
    } catch (err) {
      if (!(err instanceof FormProblem)) throw err;
      res.status(400).render('report-plans/findings.njk', {
        month, monthLabel: monthLabel(month), section, labels: WRITTEN_SECTIONS[section], findings: await auditFindings(db, month, section), value, canWrite: true,
        errors: err.errors, errorList: errorSummary(err.errors),
      });
    }
  });

  // --- The records behind the figures ---------------------------------------------------------------------------
  function span(req: Request): { from: string; to: string } | null {
    const from = query(req, 'from');
    const to = query(req, 'to') || from;
    return isMonth(from) && isMonth(to) && from <= to ? { from, to } : null;
  }

  function spanLabel(s: { from: string; to: string }): string {
    return s.from === s.to ? monthLabel(s.from) : `${monthLabel(s.from)} to ${monthLabel(s.to)}`;
  }

  router.get('/report-records/audits', async (req, res) => {
    const s = span(req);
    if (!s) return notFound(res, 'Period');
    const grade = query(req, 'grade');
    const change = query(req, 'change');
    const filter: AuditListFilter = {
      ...s, view: query(req, 'view') === 'moderated' ? 'moderated' : 'completed',
      grade: grade === 'good' || grade === 'ri' || grade === 'inadequate' ? grade : null,
      change: change === 'up' || change === 'same' || change === 'down' ? change : null,
    };
    const rows = await auditRecords(db, viewerOf(res), filter);
    const grades = codeLists.auditGrade as Record<string, string>;
    const gradeWords = { good: 'graded good or better', ri: 'graded requires improvement', inadequate: 'graded inadequate' };
    const changeWords = { up: 'where moderation raised the grade', same: 'where moderation left the grade', down: 'where moderation lowered the grade' };
    const title = `${filter.view === 'moderated' ? 'Moderations' : 'Audits completed'}${filter.grade ? ` ${gradeWords[filter.grade]}` : ''}${filter.change ? ` ${changeWords[filter.change]}` : ''}, ${spanLabel(s)}`;
    res.render('report-plans/audit-records.njk', {
      title, filter, rows: rows.map((r) => ({ ...r, gradeLabel: grades[r.grade] ?? r.grade, moderatedLabel: r.moderatedGrade ? (grades[r.moderatedGrade] ?? r.moderatedGrade) : null })),
    });
  });

  router.get('/report-records/feedback', async (req, res) => {
    const s = span(req);
    if (!s) return notFound(res, 'Period');
    const type = query(req, 'type');
    const t = query(req, 'timeliness');
    const area = query(req, 'area');
    const at = query(req, 'at');
    const filter: FeedbackListFilter = {
      ...s, type: type === 'complaint' || type === 'compliment' ? type : null,
      timeliness: t === 'in-time' || t === 'late' || t === 'awaiting' ? t : null,
      area: area === '' ? null : area, asAt: /^\d{4}-\d{2}-\d{2}$/.test(at) ? at : null,
    };
    const { rows, workingDays } = await feedbackRecords(db, viewerOf(res), filter);
    const areas = codeLists.serviceArea as Record<string, string>;
    const what = filter.type === 'complaint' ? 'Complaints' : filter.type === 'compliment' ? 'Compliments' : 'Complaints and compliments';
    const when = { 'in-time': ' answered in time', late: ' answered late or not answered in time', awaiting: ' awaiting an answer' };
    const title = `${what}${filter.timeliness ? when[filter.timeliness] : ''}${filter.area ? ` about ${filter.area === 'none' ? 'no recorded service area' : (areas[filter.area] ?? filter.area)}` : ''}, received ${spanLabel(s)}`;
    res.render('report-plans/feedback-records.njk', {
      title, workingDays, asAt: filter.asAt,
      rows: rows.map((r) => ({ ...r, typeLabel: r.type === 'COMP' ? 'Complaint' : r.type === 'CPLT' ? 'Compliment' : r.type, areaLabel: r.serviceArea ? (areas[r.serviceArea] ?? r.serviceArea) : 'Not recorded' })),
    });
  });

  return router;
}
