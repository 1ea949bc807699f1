/**
 * Plans and their actions (/plans/:kind/:id), starting a child in need plan (/plans/cin/new?person=), and
 * case supervision and management oversight (/supervision/new?person=, /supervision/:id).
 */
import { Router, type Request, type Response } from 'express';
import type { Database } from '../../db/database.js';
import { RecordNotFound } from '../../db/record-store.js';
import { isoDateOf, londonDate } from '../../domain/time/london.js';
import { FormProblem } from '../../repositories/caseload.js';
import {
  addPlanAction,
  cinPlanStart,
  createCinPlan,
  getPlan,
  getSupervision,
  isPlanKind,
  recordSupervision,
  SUPERVISION_TYPES,
  supervisionContext,
  updateActionStatus,
} from '../../repositories/practice.js';
import { codeLists } from '../../domain/codes/code-lists.js';
import { viewerOf } from '../auth.js';
import { errorSummary, text, type FormErrors } from '../forms.js';
import { dayDate } from './team.js';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/**
 * A GOV.UK date input (`<prefix>-day`, `-month`, `-year`) as 'YYYY-MM-DD'; '' when left empty; or the problem
 * in the words the GOV.UK design system uses ("… must include a month", "… must be a real date").
 */
export function dateInput(req: Request, prefix: string, what: string): { date: string; problem?: string; parts: DateParts } {
  const parts = { day: text(req, `${prefix}-day`), month: text(req, `${prefix}-month`), year: text(req, `${prefix}-year`) };
  const missing = (['day', 'month', 'year'] as const).filter((k) => parts[k] === '');
  if (missing.length === 3) return { date: '', parts };
  if (missing.length > 0) return { date: '', parts, problem: `${what} must include a ${missing.join(' and a ')}` };
  if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) {
    return { date: '', parts, problem: `${what} must be a real date` };
  }
  const [d, m, y] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (m < 1 || m > 12 || d < 1 || d > last || y < 1900 || y > 2100) return { date: '', parts, problem: `${what} must be a real date` };
  return { date: isoDateOf(y, m, d), parts };
}

function todayParts(): DateParts {
  const [y, m, d] = londonDate(new Date()).split('-');
  return { day: String(Number(d)), month: String(Number(m)), year: y! };
}

/** The items of a GOV.UK date input, with the field in error marked. */
export function dateItems(prefix: string, parts: DateParts, errors: FormErrors | undefined) {
  const error = Boolean(errors?.[`${prefix}-day`]);
  return [
    { name: 'day', label: 'Day', classes: `govuk-input--width-2${error ? ' govuk-input--error' : ''}`, value: parts.day, id: `${prefix}-day` },
    { name: 'month', label: 'Month', classes: `govuk-input--width-2${error ? ' govuk-input--error' : ''}`, value: parts.month },
    { name: 'year', label: 'Year', classes: `govuk-input--width-4${error ? ' govuk-input--error' : ''}`, value: parts.year },
  ];
}

const STATUS_ITEMS = Object.entries(codeLists.actionStatus as Record<string, string>).map(([value, text]) => ({ value, text }));

export function practiceRoutes(db: Database): Router {
  const router = Router();

  // --- Starting a child in need plan (before /plans/:kind/:id) ----------------------------------------------
  async function renderNewCinPlan(res: Response, personId: string, values: { parts: DateParts }, errors?: FormErrors) {
    const start = await cinPlanStart(db, viewerOf(res), personId);
    if (!start) {
      res.status(404).render('error.njk', { title: 'Child not found', message: 'Check the link: there is no child with that identifier.' });
      return;
    }
    res.status(errors ? 400 : 200).render('practice/new-cin-plan.njk', {
      start, referralDate: start.referral ? dayDate(start.referral.date) : null, openPlanStart: start.openPlan ? dayDate(start.openPlan.start) : null,
      dateItems: dateItems('start', values.parts, errors), errors, errorList: errors ? errorSummary(errors) : undefined,
    });
  }

  router.get('/plans/cin/new', async (req, res) => {
    await renderNewCinPlan(res, typeof req.query.person === 'string' ? req.query.person : '', { parts: todayParts() });
  });

  router.post('/plans/cin/new', async (req, res) => {
    const personId = typeof req.query.person === 'string' ? req.query.person : text(req, 'person');
    const start = dateInput(req, 'start', 'The date the plan started');
    try {
      const id = await createCinPlan(db, viewerOf(res), personId, { start: start.date, ...(start.problem ? { startProblem: start.problem } : {}) });
      res.redirect(303, `/plans/cin/${encodeURIComponent(id)}?started=1`);
    } catch (err) {
      if (err instanceof RecordNotFound) {
        res.status(404).render('error.njk', { title: 'Child not found', message: 'Check the link: there is no child with that identifier.' });
        return;
      }
      if (!(err instanceof FormProblem)) throw err;
      await renderNewCinPlan(res, personId, { parts: start.parts }, err.errors);
    }
  });

  // --- A plan and its actions -----------------------------------------------------------------------------
  interface PlanFormState {
    errors?: FormErrors;
    /** Values of the add-action form. */
    values?: { action: string; responsible: string; responsibleWorkerId: string; parts: DateParts };
    /** The action whose status form is being corrected, and its values. */
    statusFor?: { id: string; status: string; reason: string };
    notice?: string | null;
  }

  async function renderPlan(req: Request, res: Response, state: PlanFormState = {}): Promise<void> {
    const kind = String(req.params.kind);
    const id = String(req.params.id);
    const plan = isPlanKind(kind) ? await getPlan(db, viewerOf(res), kind, id) : null;
    if (!plan) {
      res.status(404).render('error.njk', { title: 'Plan not found', message: 'Check the link: there is no plan with that identifier.' });
      return;
    }
    const values = state.values ?? { action: '', responsible: '', responsibleWorkerId: '', parts: { day: '', month: '', year: '' } };
    const summaryRows = [
      { key: { text: 'Started' }, value: { text: dayDate(plan.start) } },
      plan.end ? { key: { text: 'Ended' }, value: { text: dayDate(plan.end) } } : { key: { text: 'Status' }, value: { text: 'Open' } },
      ...(plan.kind === 'cp' ? [{ key: { text: 'Category of abuse' }, value: { text: plan.category ?? 'Not recorded' } }] : []),
      ...(plan.team ? [{ key: { text: 'Team' }, value: { text: plan.team } }] : []),
      ...(plan.worker ? [{ key: { text: 'Worker' }, value: { text: plan.worker } }] : []),
    ];
    res.status(state.errors ? 400 : 200).render('practice/plan.njk', {
      plan, summaryRows, start: dayDate(plan.start), end: plan.end ? dayDate(plan.end) : null, open: plan.end === null || plan.end > plan.today,
      openCount: plan.actions.filter((a) => a.dueState !== null).length,
      overdueCount: plan.actions.filter((a) => a.dueState?.state === 'overdue').length,
      // Still to do first (soonest due first), then done or no longer needed.
      actions: [...plan.actions].sort((a, b) => Number(a.dueState === null) - Number(b.dueState === null)).map((a) => ({
        ...a, dueText: a.dueText, due: dayDate(a.due), set: dayDate(a.setDate), completed: a.completedDate ? dayDate(a.completedDate) : null,
        editing: state.statusFor?.id === a.id,
        statusItems: STATUS_ITEMS.map((s) => ({ ...s, checked: state.statusFor?.id === a.id ? state.statusFor.status === s.value : false })),
        reason: state.statusFor?.id === a.id ? state.statusFor.reason : '',
      })),
      values, dueItems: dateItems('due', values.parts, state.errors),
      workerItems: [{ value: '', text: 'No one in particular' }, ...plan.workers.map((w) => ({ value: w.id, text: w.name, selected: w.id === values.responsibleWorkerId }))],
      notice: state.notice ?? null, errors: state.errors, errorList: state.errors ? errorSummary(state.errors) : undefined,
    });
  }

  router.get('/plans/:kind/:id', async (req, res) => {
    const notice = req.query.started ? 'Plan started' : req.query.added ? 'Action added' : req.query.updated ? 'Action updated' : null;
    await renderPlan(req, res, { notice });
  });

  router.post('/plans/:kind/:id/actions', async (req, res) => {
    const kind = String(req.params.kind);
    const id = String(req.params.id);
    if (!isPlanKind(kind)) {
      res.status(404).render('error.njk', { title: 'Plan not found', message: 'Check the link: there is no plan with that identifier.' });
      return;
    }
    const due = dateInput(req, 'due', 'The date it must be done by');
    const values = { action: text(req, 'action'), responsible: text(req, 'responsible'), responsibleWorkerId: text(req, 'responsible-worker'), parts: due.parts };
    try {
      await addPlanAction(db, viewerOf(res), kind, id, { ...values, due: due.date, ...(due.problem ? { dueProblem: due.problem } : {}) });
      res.redirect(303, `/plans/${kind}/${encodeURIComponent(id)}?added=1#actions`);
    } catch (err) {
      if (err instanceof RecordNotFound) {
        res.status(404).render('error.njk', { title: 'Plan not found', message: 'Check the link: there is no plan with that identifier.' });
        return;
      }
      if (!(err instanceof FormProblem)) throw err;
      await renderPlan(req, res, { errors: err.errors, values });
    }
  });

  router.post('/plans/:kind/:id/actions/:actionId', async (req, res) => {
    const kind = String(req.params.kind);
    const id = String(req.params.id);
    const actionId = String(req.params.actionId);
    if (!isPlanKind(kind)) {
      res.status(404).render('error.njk', { title: 'Plan not found', message: 'Check the link: there is no plan with that identifier.' });
      return;
    }
    const status = text(req, 'status');
    const reason = text(req, 'reason');
    const version = Number.parseInt(text(req, 'version'), 10);
    try {
      await updateActionStatus(db, viewerOf(res), kind, id, actionId, { status, reason, version: Number.isInteger(version) ? version : null });
      res.redirect(303, `/plans/${kind}/${encodeURIComponent(id)}?updated=1#actions`);
    } catch (err) {
      if (err instanceof RecordNotFound) {
        res.status(404).render('error.njk', { title: 'Action not found', message: 'Check the link: there is no such action on this plan.' });
        return;
      }
      if (!(err instanceof FormProblem)) throw err;
      await renderPlan(req, res, { errors: err.errors, statusFor: { id: actionId, status, reason } });
    }
  });

  // --- Case supervision and management oversight ----------------------------------------------------------
  interface SupervisionValues {
    parts: DateParts;
    type: string;
    decision: string;
    rationale: string;
  }

  async function renderSupervisionForm(res: Response, personId: string, values: SupervisionValues, errors?: FormErrors) {
    const context = await supervisionContext(db, viewerOf(res), personId);
    if (!context) {
      res.status(404).render('error.njk', { title: 'Child not found', message: 'Check the link: there is no child with that identifier.' });
      return;
    }
    res.status(errors ? 400 : 200).render('practice/new-supervision.njk', {
      context, nextDue: context.next ? dayDate(context.next.due) : null,
      recent: context.recent.map((r) => ({ ...r, date: dayDate(r.date) })),
      values, dateItems: dateItems('date', values.parts, errors),
      typeItems: Object.entries(SUPERVISION_TYPES).map(([value, label]) => ({
        value, text: label, checked: values.type === value,
        hint: { text: value === 'CS' ? 'A planned discussion of the case with the worker: it restarts the case supervision clock.' : 'A manager’s decision or direction on the case outside supervision.' },
      })),
      errors, errorList: errors ? errorSummary(errors) : undefined,
    });
  }

  router.get('/supervision/new', async (req, res) => {
    const personId = typeof req.query.person === 'string' ? req.query.person : '';
    await renderSupervisionForm(res, personId, { parts: todayParts(), type: '', decision: '', rationale: '' });
  });

  router.post('/supervision/new', async (req, res) => {
    const personId = typeof req.query.person === 'string' ? req.query.person : text(req, 'person');
    const date = dateInput(req, 'date', 'The date');
    const values = { parts: date.parts, type: text(req, 'type'), decision: text(req, 'decision'), rationale: text(req, 'rationale') };
    try {
      const id = await recordSupervision(db, viewerOf(res), personId, { ...values, date: date.date, ...(date.problem ? { dateProblem: date.problem } : {}) });
      res.redirect(303, `/supervision/${encodeURIComponent(id)}?recorded=1`);
    } catch (err) {
      if (err instanceof RecordNotFound) {
        res.status(404).render('error.njk', { title: 'Child not found', message: 'Check the link: there is no child with that identifier.' });
        return;
      }
      if (!(err instanceof FormProblem)) throw err;
      await renderSupervisionForm(res, personId, values, err.errors);
    }
  });

  router.get('/supervision/:id', async (req, res) => {
    const record = await getSupervision(db, viewerOf(res), String(req.params.id));
    if (!record) {
      res.status(404).render('error.njk', { title: 'Supervision record not found', message: 'Check the link: there is no such record.' });
      return;
    }
    res.render('practice/supervision.njk', {
      record, date: dayDate(record.date), nextDue: record.next ? dayDate(record.next.due) : null, recorded: Boolean(req.query.recorded),
    });
  });

  return router;
}
