/**
 * The front door journey: contacts and their live 24-hour deadline, the MASH decision (with the child's
 * previous involvement and a required rationale), challenges, step-ups from early help, and the referral
 * hub with strategy discussions, section 47 enquiries, conferences, CP plans and single assessments; and
 * visits to a child on a plan. Routes parse forms, call repositories and render (post/redirect/get).
 */
import { join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import type { Database } from '../../db/database.js';
import { EditConflict, InvalidChange, RecordNotFound } from '../../db/record-store.js';
import { codeLists } from '../../domain/codes/code-lists.js';
import {
  checkAssessmentStart, checkAuthorisation, checkChallenge, checkContact, checkCpPlan, checkDecision, checkIcpc, checkMinutes,
  checkResolution, checkS47Outcome, checkS47Start, checkStrategy, checkVisit, REQUIRED_AGENCIES, type Errors,
} from '../../domain/front-door/rules.js';
import { partsOf, timeOfDay, type DateParts } from '../../domain/front-door/when.js';
import { londonDate } from '../../domain/time/london.js';
import { projectRoot } from '../../project-root.js';
import {
  assessmentById, authoriseAssessment, chairOptions, icpcById, icpcDueDate, recordCpPlan, recordIcpc, recordMinutes, recordS47Outcome,
  recordStrategy, referralCase, s47ById, startAssessment, startS47, strategyById,
} from '../../repositories/fd-referral.js';
import { recordVisit, visitContext } from '../../repositories/fd-visits.js';
import {
  childForContact, contactView, decisionOptions, findChildren, frontDoorQueue, isManager, mayChallenge, raiseChallenge, recordContact, recordDecision,
  resolveChallenge, stepUpEpisode,
} from '../../repositories/front-door.js';
import { requireChange } from '../../repositories/viewer.js';
import type { RouteRule } from '../route-access.js';
import { viewerOf } from '../auth.js';
import { errorSummary, list, text } from '../forms.js';

/** This router's routes and who may use them, for the application's route table (src/web/route-access.ts). */
export const FRONT_DOOR_ROUTES: readonly RouteRule[] = [
  { method: 'GET', path: '/front-door', access: 'read', purpose: 'Contacts waiting for a decision, step-ups waiting, recent decisions' },
  { method: 'GET', path: '/front-door/contacts/new', access: 'change', purpose: 'Record a contact (find the child)' },
  { method: 'POST', path: '/front-door/contacts/new', access: 'change', purpose: 'Record a contact' },
  { method: 'GET', path: '/front-door/contacts/:id', access: 'read', purpose: 'A contact, its decision and challenges' },
  { method: 'GET', path: '/front-door/contacts/:id/decision', access: 'read', purpose: 'The MASH decision: previous involvement and the live deadline' },
  { method: 'POST', path: '/front-door/contacts/:id/decision', access: 'change', purpose: 'Record the MASH decision with its rationale' },
  { method: 'GET', path: '/front-door/contacts/:id/challenge', access: 'change', purpose: 'Challenge a decision, or resolve a challenge' },
  { method: 'POST', path: '/front-door/contacts/:id/challenge', access: 'change', purpose: 'Record a challenge or its resolution' },
  { method: 'GET', path: '/front-door/step-up', access: 'change', purpose: 'Step up from early help' },
  { method: 'POST', path: '/front-door/step-up', access: 'change', purpose: 'Record a step-up contact' },
  { method: 'GET', path: '/front-door/referrals/:id', access: 'read', purpose: 'A referral: where the case is and what is due next' },
  { method: 'GET', path: '/front-door/referrals/:id/strategy/new', access: 'change', purpose: 'Record a strategy discussion' },
  { method: 'POST', path: '/front-door/referrals/:id/strategy/new', access: 'change', purpose: 'Record a strategy discussion' },
  { method: 'GET', path: '/front-door/strategy/:id/minutes', access: 'change', purpose: 'Record when the minutes were written' },
  { method: 'POST', path: '/front-door/strategy/:id/minutes', access: 'change', purpose: 'Record when the minutes were written' },
  { method: 'GET', path: '/front-door/referrals/:id/s47/new', access: 'change', purpose: 'Start a section 47 enquiry' },
  { method: 'POST', path: '/front-door/referrals/:id/s47/new', access: 'change', purpose: 'Start a section 47 enquiry' },
  { method: 'GET', path: '/front-door/s47/:id/outcome', access: 'change', purpose: 'Record the outcome of a section 47 enquiry' },
  { method: 'POST', path: '/front-door/s47/:id/outcome', access: 'change', purpose: 'Record the outcome of a section 47 enquiry' },
  { method: 'GET', path: '/front-door/s47/:id/icpc/new', access: 'change', purpose: 'Record an initial child protection conference' },
  { method: 'POST', path: '/front-door/s47/:id/icpc/new', access: 'change', purpose: 'Record an initial child protection conference' },
  { method: 'GET', path: '/front-door/icpc/:id/cp-plan/new', access: 'change', purpose: 'Record the child protection plan' },
  { method: 'POST', path: '/front-door/icpc/:id/cp-plan/new', access: 'change', purpose: 'Record the child protection plan' },
  { method: 'GET', path: '/front-door/referrals/:id/assessment/new', access: 'change', purpose: 'Start a single assessment' },
  { method: 'POST', path: '/front-door/referrals/:id/assessment/new', access: 'change', purpose: 'Start a single assessment' },
  { method: 'GET', path: '/front-door/assessments/:id/authorise', access: 'change', purpose: 'Authorise an assessment (managers)' },
  { method: 'POST', path: '/front-door/assessments/:id/authorise', access: 'change', purpose: 'Authorise an assessment (managers)' },
  { method: 'GET', path: '/visits/new', access: 'change', purpose: 'Record a CP or CIN visit; the next visit due' },
  { method: 'POST', path: '/visits/new', access: 'change', purpose: 'Record a CP or CIN visit' },
];

const options = (list: Record<string, string>) => Object.entries(list).map(([value, label]) => ({ value, text: label }));
const CODE_OPTIONS = {
  source: options(codeLists.referralSource),
  outcome: options(codeLists.contactOutcome),
  agency: options(codeLists.agency),
  strategyOutcome: options(codeLists.strategyOutcome),
  primaryNeed: options(codeLists.primaryNeed),
  category: options(codeLists.abuseCategory),
  factor: options(codeLists.assessmentFactor),
};

/** The three boxes of a GOV.UK date input named `name`. */
function dateOf(req: Request, name: string): DateParts {
  return { day: text(req, `${name}-day`), month: text(req, `${name}-month`), year: text(req, `${name}-year`) };
}

/** Form values to show again, from the request body (text fields only). */
function valuesOf(req: Request): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v.trim();
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** Initial values for a date (and time) field: today's date and the time now. */
function nowValues(name: string, now: Date, withTime = true): Record<string, string> {
  const p = partsOf(londonDate(now));
  return { [`${name}-day`]: p.day, [`${name}-month`]: p.month, [`${name}-year`]: p.year, ...(withTime ? { [`${name}-time`]: timeOfDay(now) } : {}) };
}

function dateValues(name: string, date: string | null): Record<string, string> {
  if (!date) return {};
  const p = partsOf(date);
  return { [`${name}-day`]: p.day, [`${name}-month`]: p.month, [`${name}-year`]: p.year };
}

interface Opt {
  value: string;
  text: string;
}

/** Items for a GOV.UK select, with a first "choose" item and the chosen value selected. */
function selectItems(opts: readonly Opt[], chosen: unknown, placeholder: string) {
  return [{ value: '', text: placeholder }, ...opts.map((o) => ({ value: o.value, text: o.text, selected: o.value === chosen }))];
}

/** Items for GOV.UK checkboxes, ticked when in `chosen` (a value or a list of values). */
function checkItems(opts: readonly Opt[], chosen: unknown) {
  const set = new Set(Array.isArray(chosen) ? chosen : typeof chosen === 'string' && chosen ? [chosen] : []);
  return opts.map((o) => ({ value: o.value, text: o.text, checked: set.has(o.value) }));
}

function renderForm(res: Response, view: string, data: Record<string, unknown>, errors: Errors | null): void {
  if (errors) res.status(400);
  res.render(view, { ...data, selectItems, checkItems, errors: errors ?? {}, errorList: errors ? errorSummary(errors) : [] });
}

/**
 * A refusal from the record store shown against a field: already decided, already recorded, or changed by
 * someone else since this person's page was read (nothing is written over their change; the form keeps what
 * was typed).
 */
function refusal(err: unknown, field: string): Errors | null {
  if (err instanceof EditConflict) return { [field]: `Someone else recorded this at the same time (${err.current.recorded_by}). Check the record before you try again` };
  return err instanceof InvalidChange ? { [field]: err.message } : null;
}

/** Where to go to take the next step of a stage (or null when there is nothing to do there). */
function stepLink(stage: string, recordId: string | null, referral: { id: string; child: { id: string } }, status: string): string | null {
  const r = encodeURIComponent(referral.id);
  const id = recordId ? encodeURIComponent(recordId) : '';
  switch (stage) {
    case 'strategy':
      if (!recordId) return `/front-door/referrals/${r}/strategy/new`;
      return status === 'minutes' ? `/front-door/strategy/${id}/minutes` : null;
    case 's47':
      if (status === 'to-do') return `/front-door/referrals/${r}/s47/new`;
      return status === 'running' && recordId ? `/front-door/s47/${id}/outcome` : null;
    case 'icpc':
      return status === 'to-do' && recordId ? `/front-door/s47/${id}/icpc/new` : null;
    case 'cp-plan':
      return status === 'to-do' && recordId ? `/front-door/icpc/${id}/cp-plan/new` : null;
    case 'visits':
      return recordId ? `/visits/new?person=${encodeURIComponent(referral.child.id)}&plan=${id}` : null;
    case 'assessment':
      if (status === 'to-do') return `/front-door/referrals/${r}/assessment/new`;
      return status === 'running' && recordId ? `/front-door/assessments/${id}/authorise` : null;
    default:
      return null;
  }
}

const param = (req: Request, name: string): string => String((req.params as Record<string, string>)[name] ?? '');
const query = (req: Request, name: string): string => (typeof req.query[name] === 'string' ? (req.query[name] as string).trim() : '');

export function frontDoorRoutes(db: Database): Router {
  const router = Router();

  router.get('/assets/front-door.css', (_req, res) => res.sendFile(join(projectRoot, 'src', 'web', 'public', 'front-door.css')));

  // --- The front door --------------------------------------------------------------------------------

  router.get('/front-door', async (_req, res) => {
    const viewer = viewerOf(res);
    const now = new Date();
    const queue = await frontDoorQueue(db, viewer, now);
    res.render('front-door/index.njk', { queue, now, sourceLabels: codeLists.referralSource, outcomeLabels: codeLists.contactOutcome });
  });

  // --- Record a contact ------------------------------------------------------------------------------

  async function contactForm(req: Request, res: Response, values: Record<string, string | string[]>, errors: Errors | null) {
    const viewer = viewerOf(res);
    const personId = query(req, 'person') || (typeof values.person === 'string' ? values.person : '');
    const find = query(req, 'find');
    const child = personId ? await childForContact(db, viewer, personId) : null;
    const found = !personId && find ? await findChildren(db, viewer, find) : null;
    renderForm(res, 'front-door/contact-new.njk', {
      child: child?.child ?? null, openEarlyHelp: child?.openEarlyHelp ?? [], personId, personUnknown: Boolean(personId && !child),
      find, found, values, sources: CODE_OPTIONS.source,
    }, errors);
  }

  router.get('/front-door/contacts/new', async (req, res) => {
    await requireChange(db, viewerOf(res), { action: 'record contact', entity: 'contact' });
    await contactForm(req, res, nowValues('received', new Date()), null);
  });

  router.post('/front-door/contacts/new', async (req, res) => {
    const viewer = viewerOf(res);
    const now = new Date();
    const personId = query(req, 'person') || text(req, 'person');
    await requireChange(db, viewer, { action: 'record contact', entity: 'contact', ...(personId ? { personId } : {}) });
    const known = personId ? await childForContact(db, viewer, personId) : null;
    const checked = checkContact({
      personId, received: dateOf(req, 'received'), receivedTime: text(req, 'received-time'), source: text(req, 'source'),
      sourceDesc: text(req, 'source-desc'), concern: text(req, 'concern'), consent: text(req, 'consent'), consentNote: text(req, 'consent-note'),
    }, now, { childKnown: known !== null });
    if (!checked.ok) return contactForm(req, res, valuesOf(req), checked.errors);
    const id = await recordContact(db, viewer, checked.value);
    res.redirect(303, `/front-door/contacts/${encodeURIComponent(id)}/decision`);
  });

  // --- A contact, and its decision ------------------------------------------------------------------

  router.get('/front-door/contacts/:id', async (req, res, next) => {
    const viewer = viewerOf(res);
    const contact = await contactView(db, viewer, param(req, 'id'), new Date());
    if (!contact) return next();
    res.render('front-door/contact.njk', {
      contact, manager: await mayChallenge(db, viewer, contact.child.id), labels: codeLists, done: query(req, 'done'),
      openChallenge: contact.challenges.some((c) => c.resolvedAt === null),
    });
  });

  async function decisionForm(req: Request, res: Response, values: Record<string, string | string[]>, errors: Errors | null) {
    const viewer = viewerOf(res);
    const now = new Date();
    const contact = await contactView(db, viewer, param(req, 'id'), now);
    if (!contact) return false;
    if (contact.decision && !errors) {
      res.redirect(303, `/front-door/contacts/${encodeURIComponent(contact.id)}`);
      return true;
    }
    const opts = await decisionOptions(db, londonDate(now));
    renderForm(res, 'front-door/decision.njk', {
      contact, values, opts, labels: codeLists, outcomes: CODE_OPTIONS.outcome, primaryNeeds: CODE_OPTIONS.primaryNeed,
    }, errors);
    return true;
  }

  router.get('/front-door/contacts/:id/decision', async (req, res, next) => {
    if (!(await decisionForm(req, res, {}, null))) next();
  });

  router.post('/front-door/contacts/:id/decision', async (req, res, next) => {
    const viewer = viewerOf(res);
    const now = new Date();
    const contact = await contactView(db, viewer, param(req, 'id'), now);
    if (!contact) return next();
    const opts = await decisionOptions(db, londonDate(now));
    const checked = checkDecision({
      outcome: text(req, 'outcome'), rationale: text(req, 'rationale'), freshThreshold: text(req, 'fresh-threshold') === 'yes',
      ehReason: text(req, 'eh-reason'), ehTeamId: text(req, 'eh-team'), ehWorkerId: text(req, 'eh-worker'),
      refTeamId: text(req, 'ref-team'), primaryNeed: text(req, 'primary-need'),
    }, {
      alreadyDecided: contact.decision !== null, rereferral: contact.involvement.rereferral !== null,
      referralTeamIds: new Set(opts.referralTeams.map((t) => t.value)), earlyHelpTeamIds: new Set(opts.earlyHelpTeams.map((t) => t.value)),
      earlyHelpWorkers: new Map(opts.earlyHelpWorkers.map((w) => [w.value, w.teamId ?? ''])),
    });
    if (!checked.ok) return void (await decisionForm(req, res, valuesOf(req), checked.errors));
    try {
      const made = await recordDecision(db, viewer, contact.id, checked.value, now);
      res.redirect(303, made.referralId ? `/front-door/referrals/${encodeURIComponent(made.referralId)}?done=decision` : `/front-door/contacts/${encodeURIComponent(contact.id)}?done=decision`);
    } catch (err) {
      const errors = refusal(err, 'outcome');
      if (!errors) throw err;
      await decisionForm(req, res, valuesOf(req), errors);
    }
  });

  // --- Challenges -----------------------------------------------------------------------------------

  async function challengeForm(req: Request, res: Response, values: Record<string, string | string[]>, errors: Errors | null) {
    const viewer = viewerOf(res);
    const contact = await contactView(db, viewer, param(req, 'id'), new Date());
    if (!contact) return false;
    const open = contact.challenges.find((c) => c.resolvedAt === null) ?? null;
    renderForm(res, 'front-door/challenge.njk', { contact, open, values, manager: isManager(viewer), labels: codeLists }, errors);
    return true;
  }

  router.get('/front-door/contacts/:id/challenge', async (req, res, next) => {
    if (!(await challengeForm(req, res, {}, null))) next();
  });

  router.post('/front-door/contacts/:id/challenge', async (req, res, next) => {
    const viewer = viewerOf(res);
    const now = new Date();
    const contact = await contactView(db, viewer, param(req, 'id'), now);
    if (!contact) return next();
    const open = contact.challenges.find((c) => c.resolvedAt === null) ?? null;
    try {
      if (open) {
        const checked = checkResolution(text(req, 'resolution'));
        if (!checked.ok) return void (await challengeForm(req, res, valuesOf(req), checked.errors));
        await resolveChallenge(db, viewer, open.id, checked.value.resolution, now);
      } else {
        const checked = checkChallenge(text(req, 'reason'), { decided: contact.decision !== null, openChallenge: false });
        if (!checked.ok) return void (await challengeForm(req, res, valuesOf(req), checked.errors));
        await raiseChallenge(db, viewer, contact.id, checked.value.reason, now);
      }
    } catch (err) {
      const errors = refusal(err, open ? 'resolution' : 'reason');
      if (!errors) throw err;
      return void (await challengeForm(req, res, valuesOf(req), errors));
    }
    res.redirect(303, `/front-door/contacts/${encodeURIComponent(contact.id)}?done=${open ? 'resolved' : 'challenged'}`);
  });

  // --- Step up from early help ----------------------------------------------------------------------

  async function stepUpForm(req: Request, res: Response, values: Record<string, string | string[]>, errors: Errors | null) {
    const episode = await stepUpEpisode(db, viewerOf(res), query(req, 'episode'));
    if (!episode) return false;
    renderForm(res, 'front-door/step-up.njk', { episode, values }, errors);
    return true;
  }

  router.get('/front-door/step-up', async (req, res, next) => {
    if (!(await stepUpForm(req, res, nowValues('received', new Date()), null))) next();
  });

  router.post('/front-door/step-up', async (req, res, next) => {
    const viewer = viewerOf(res);
    const now = new Date();
    const episode = await stepUpEpisode(db, viewer, query(req, 'episode'));
    if (!episode) return next();
    const checked = checkContact({
      personId: episode.child.id, received: dateOf(req, 'received'), receivedTime: text(req, 'received-time'), source: '5D',
      sourceDesc: text(req, 'source-desc'), concern: text(req, 'concern'), consent: text(req, 'consent'), consentNote: text(req, 'consent-note'),
    }, now, { childKnown: true, fixedSource: '5D' });
    let errors: Errors | null = checked.ok ? null : checked.errors;
    if (episode.stepUpContactId) errors = { ...errors, concern: 'This early help episode has already been stepped up' };
    if (errors || !checked.ok) return void (await stepUpForm(req, res, valuesOf(req), errors ?? {}));
    try {
      const id = await recordContact(db, viewer, checked.value, episode.id);
      res.redirect(303, `/front-door/contacts/${encodeURIComponent(id)}/decision`);
    } catch (err) {
      const e = refusal(err, 'concern');
      if (!e) throw err;
      await stepUpForm(req, res, valuesOf(req), e);
    }
  });

  // --- The referral hub -----------------------------------------------------------------------------

  router.get('/front-door/referrals/:id', async (req, res, next) => {
    const viewer = viewerOf(res);
    const referral = await referralCase(db, viewer, param(req, 'id'), new Date());
    if (!referral) return next();
    const statusOf = (stage: string) => referral.progress.stages.find((s) => s.key === stage)?.status ?? '';
    const stages = referral.progress.stages.map((s) => ({ ...s, href: s.status === 'optional' || s.status === 'to-do' || s.status === 'running' ? stepLink(s.key, s.recordId, referral, s.status) : null }));
    const actions = referral.progress.next.map((n) => ({
      ...n, href: stepLink(n.stage, n.recordId, referral, n.stage === 'strategy' && n.recordId ? 'minutes' : statusOf(n.stage)),
    }));
    res.render('front-door/referral.njk', { referral, stages, actions, labels: codeLists, manager: isManager(viewer), done: query(req, 'done') });
  });

  // Strategy discussion.
  async function strategyForm(req: Request, res: Response, values: Record<string, string | string[]>, errors: Errors | null) {
    const viewer = viewerOf(res);
    const now = new Date();
    const referral = await referralCase(db, viewer, param(req, 'id'), now);
    if (!referral) return false;
    const chairs = await chairOptions(db, viewer, referral.teamId, londonDate(now));
    renderForm(res, 'front-door/strategy-new.njk', {
      referral, values, chairs, agencies: CODE_OPTIONS.agency, outcomes: CODE_OPTIONS.strategyOutcome, required: REQUIRED_AGENCIES,
    }, errors);
    return true;
  }

  router.get('/front-door/referrals/:id/strategy/new', async (req, res, next) => {
    const now = new Date();
    const viewer = viewerOf(res);
    const defaults = { ...nowValues('held', now), chair: viewer.workerId ?? '', invited: [...REQUIRED_AGENCIES] };
    if (!(await strategyForm(req, res, defaults, null))) next();
  });

  router.post('/front-door/referrals/:id/strategy/new', async (req, res, next) => {
    const viewer = viewerOf(res);
    const now = new Date();
    const referral = await referralCase(db, viewer, param(req, 'id'), now);
    if (!referral) return next();
    const chairs = await chairOptions(db, viewer, referral.teamId, londonDate(now));
    const checked = checkStrategy({
      held: dateOf(req, 'held'), heldTime: text(req, 'held-time'), chairId: text(req, 'chair'), invited: list(req, 'invited'), attended: list(req, 'attended'),
      outcome: text(req, 'outcome'), decisions: text(req, 'decisions'), medicalExam: text(req, 'medical-exam'), medicalRationale: text(req, 'medical-rationale'),
      minutes: dateOf(req, 'minutes'), minutesTime: text(req, 'minutes-time'),
    }, now, { referralAt: referral.referralDate, chairIds: new Set(chairs.map((c) => c.value)) });
    if (!checked.ok) return void (await strategyForm(req, res, valuesOf(req), checked.errors));
    await recordStrategy(db, viewer, referral.id, checked.value);
    res.redirect(303, `/front-door/referrals/${encodeURIComponent(referral.id)}?done=strategy`);
  });

  async function minutesForm(req: Request, res: Response, values: Record<string, string | string[]>, errors: Errors | null) {
    const strategy = await strategyById(db, viewerOf(res), param(req, 'id'));
    if (!strategy) return false;
    renderForm(res, 'front-door/minutes.njk', { strategy, values }, errors);
    return true;
  }

  router.get('/front-door/strategy/:id/minutes', async (req, res, next) => {
    if (!(await minutesForm(req, res, nowValues('minutes', new Date()), null))) next();
  });

  router.post('/front-door/strategy/:id/minutes', async (req, res, next) => {
    const viewer = viewerOf(res);
    const strategy = await strategyById(db, viewer, param(req, 'id'));
    if (!strategy) return next();
    const checked = checkMinutes(dateOf(req, 'minutes'), text(req, 'minutes-time'), new Date(), strategy.heldAt);
    if (!checked.ok) return void (await minutesForm(req, res, valuesOf(req), checked.errors));
    await recordMinutes(db, viewer, strategy.id, checked.value.minutesRecordedAt);
    res.redirect(303, strategy.referralId ? `/front-door/referrals/${encodeURIComponent(strategy.referralId)}?done=minutes` : '/front-door');
  });

  // Section 47 enquiry.
  async function s47Form(req: Request, res: Response, values: Record<string, string | string[]>, errors: Errors | null) {
    const referral = await referralCase(db, viewerOf(res), param(req, 'id'), new Date());
    if (!referral) return false;
    const strategy = [...referral.strategies].reverse().find((s) => s.outcome === 'S47') ?? null;
    renderForm(res, 'front-door/s47-new.njk', { referral, strategy, values }, errors);
    return true;
  }

  router.get('/front-door/referrals/:id/s47/new', async (req, res, next) => {
    if (!(await s47Form(req, res, nowValues('start', new Date(), false), null))) next();
  });

  router.post('/front-door/referrals/:id/s47/new', async (req, res, next) => {
    const viewer = viewerOf(res);
    const now = new Date();
    const referral = await referralCase(db, viewer, param(req, 'id'), now);
    if (!referral) return next();
    const strategy = [...referral.strategies].reverse().find((s) => s.outcome === 'S47') ?? null;
    if (!strategy) return void (await s47Form(req, res, valuesOf(req), { 'start-day': 'Record the strategy discussion that decided on a section 47 enquiry first' }));
    const checked = checkS47Start({ start: dateOf(req, 'start'), childSeen: dateOf(req, 'child-seen') }, londonDate(now), londonDate(strategy.heldAt));
    if (!checked.ok) return void (await s47Form(req, res, valuesOf(req), checked.errors));
    try {
      await startS47(db, viewer, referral.id, strategy.id, checked.value);
    } catch (err) {
      const errors = refusal(err, 'start-day');
      if (!errors) throw err;
      return void (await s47Form(req, res, valuesOf(req), errors));
    }
    res.redirect(303, `/front-door/referrals/${encodeURIComponent(referral.id)}?done=s47`);
  });

  async function s47OutcomeForm(req: Request, res: Response, values: Record<string, string | string[]>, errors: Errors | null) {
    const s47 = await s47ById(db, viewerOf(res), param(req, 'id'));
    if (!s47) return false;
    const icpcDue = await icpcDueDate(db, s47.strategyId);
    renderForm(res, 'front-door/s47-outcome.njk', { s47, values, icpcDue }, errors);
    return true;
  }

  router.get('/front-door/s47/:id/outcome', async (req, res, next) => {
    const viewer = viewerOf(res);
    const s47 = await s47ById(db, viewer, param(req, 'id'));
    if (!s47) return next();
    if (s47.endDate && s47.referralId) return res.redirect(303, `/front-door/referrals/${encodeURIComponent(s47.referralId)}`);
    if (!(await s47OutcomeForm(req, res, { ...nowValues('end', new Date(), false), ...dateValues('child-seen', s47.childSeenDate) }, null))) next();
  });

  router.post('/front-door/s47/:id/outcome', async (req, res, next) => {
    const viewer = viewerOf(res);
    const s47 = await s47ById(db, viewer, param(req, 'id'));
    if (!s47) return next();
    const checked = checkS47Outcome({ end: dateOf(req, 'end'), childSeen: dateOf(req, 'child-seen'), outcome: text(req, 'outcome'), note: text(req, 'note') },
      londonDate(new Date()), s47.startDate);
    if (!checked.ok) return void (await s47OutcomeForm(req, res, valuesOf(req), checked.errors));
    try {
      await recordS47Outcome(db, viewer, s47.id, checked.value);
    } catch (err) {
      const errors = refusal(err, 'outcome');
      if (!errors) throw err;
      return void (await s47OutcomeForm(req, res, valuesOf(req), errors));
    }
    res.redirect(303, s47.referralId ? `/front-door/referrals/${encodeURIComponent(s47.referralId)}?done=s47-outcome` : '/front-door');
  });

  // Initial child protection conference.
  async function icpcForm(req: Request, res: Response, values: Record<string, string | string[]>, errors: Errors | null) {
    const viewer = viewerOf(res);
    const s47 = await s47ById(db, viewer, param(req, 'id'));
    if (!s47) return false;
    const referral = s47.referralId ? await referralCase(db, viewer, s47.referralId, new Date()) : null;
    const due = referral?.progress.stages.find((s) => s.key === 'icpc')?.due ?? null;
    const fallback = due ? null : await icpcDueDate(db, s47.strategyId);
    const strategy = referral?.strategies.find((s) => s.id === s47.strategyId) ?? null;
    renderForm(res, 'front-door/icpc-new.njk', { s47, referral, strategy, values, due, dueDate: due?.date ?? fallback }, errors);
    return true;
  }

  router.get('/front-door/s47/:id/icpc/new', async (req, res, next) => {
    if (!(await icpcForm(req, res, nowValues('conference', new Date(), false), null))) next();
  });

  router.post('/front-door/s47/:id/icpc/new', async (req, res, next) => {
    const viewer = viewerOf(res);
    const s47 = await s47ById(db, viewer, param(req, 'id'));
    if (!s47) return next();
    const checked = checkIcpc({ conference: dateOf(req, 'conference'), outcome: text(req, 'outcome') }, londonDate(new Date()), s47.startDate);
    if (!checked.ok) return void (await icpcForm(req, res, valuesOf(req), checked.errors));
    let id: string;
    try {
      id = await recordIcpc(db, viewer, s47.id, checked.value);
    } catch (err) {
      const errors = refusal(err, 'conference-day');
      if (!errors) throw err;
      return void (await icpcForm(req, res, valuesOf(req), errors));
    }
    if (checked.value.plan) return res.redirect(303, `/front-door/icpc/${encodeURIComponent(id)}/cp-plan/new`);
    res.redirect(303, s47.referralId ? `/front-door/referrals/${encodeURIComponent(s47.referralId)}?done=icpc` : '/front-door');
  });

  // Child protection plan.
  async function cpPlanForm(req: Request, res: Response, values: Record<string, string | string[]>, errors: Errors | null) {
    const icpc = await icpcById(db, viewerOf(res), param(req, 'id'));
    if (!icpc) return false;
    renderForm(res, 'front-door/cp-plan-new.njk', { icpc, values, categories: CODE_OPTIONS.category }, errors);
    return true;
  }

  router.get('/front-door/icpc/:id/cp-plan/new', async (req, res, next) => {
    const icpc = await icpcById(db, viewerOf(res), param(req, 'id'));
    if (!icpc) return next();
    if (!(await cpPlanForm(req, res, dateValues('start', icpc.conferenceDate), null))) next();
  });

  router.post('/front-door/icpc/:id/cp-plan/new', async (req, res, next) => {
    const viewer = viewerOf(res);
    const icpc = await icpcById(db, viewer, param(req, 'id'));
    if (!icpc) return next();
    const checked = checkCpPlan({ start: dateOf(req, 'start'), category: text(req, 'category') }, londonDate(new Date()), icpc.conferenceDate);
    if (!checked.ok) return void (await cpPlanForm(req, res, valuesOf(req), checked.errors));
    try {
      await recordCpPlan(db, viewer, icpc.id, checked.value);
    } catch (err) {
      const errors = refusal(err, 'category');
      if (!errors) throw err;
      return void (await cpPlanForm(req, res, valuesOf(req), errors));
    }
    res.redirect(303, icpc.referralId ? `/front-door/referrals/${encodeURIComponent(icpc.referralId)}?done=cp-plan` : '/front-door');
  });

  // Single assessment.
  async function assessmentForm(req: Request, res: Response, values: Record<string, string | string[]>, errors: Errors | null) {
    const referral = await referralCase(db, viewerOf(res), param(req, 'id'), new Date());
    if (!referral) return false;
    renderForm(res, 'front-door/assessment-new.njk', { referral, values }, errors);
    return true;
  }

  router.get('/front-door/referrals/:id/assessment/new', async (req, res, next) => {
    if (!(await assessmentForm(req, res, nowValues('start', new Date(), false), null))) next();
  });

  router.post('/front-door/referrals/:id/assessment/new', async (req, res, next) => {
    const viewer = viewerOf(res);
    const now = new Date();
    const referral = await referralCase(db, viewer, param(req, 'id'), now);
    if (!referral) return next();
    const checked = checkAssessmentStart(dateOf(req, 'start'), londonDate(now), londonDate(referral.referralDate));
    if (!checked.ok) return void (await assessmentForm(req, res, valuesOf(req), checked.errors));
    try {
      await startAssessment(db, viewer, referral.id, checked.value);
    } catch (err) {
      const errors = refusal(err, 'start-day');
      if (!errors) throw err;
      return void (await assessmentForm(req, res, valuesOf(req), errors));
    }
    res.redirect(303, `/front-door/referrals/${encodeURIComponent(referral.id)}?done=assessment`);
  });

  async function authoriseForm(req: Request, res: Response, values: Record<string, string | string[]>, errors: Errors | null) {
    const viewer = viewerOf(res);
    const assessment = await assessmentById(db, viewer, param(req, 'id'));
    if (!assessment) return false;
    const referral = assessment.referralId ? await referralCase(db, viewer, assessment.referralId, new Date()) : null;
    const clock = referral?.progress.stages.find((s) => s.key === 'assessment')?.due ?? null;
    renderForm(res, 'front-door/assessment-authorise.njk', {
      assessment, referral, clock, values, factors: CODE_OPTIONS.factor, manager: isManager(viewer),
    }, errors);
    return true;
  }

  router.get('/front-door/assessments/:id/authorise', async (req, res, next) => {
    const assessment = await assessmentById(db, viewerOf(res), param(req, 'id'));
    if (!assessment) return next();
    if (!(await authoriseForm(req, res, dateValues('child-seen-date', assessment.childSeenDate), null))) next();
  });

  router.post('/front-door/assessments/:id/authorise', async (req, res, next) => {
    const viewer = viewerOf(res);
    const assessment = await assessmentById(db, viewer, param(req, 'id'));
    if (!assessment) return next();
    const checked = checkAuthorisation({
      childSeen: text(req, 'child-seen'), childSeenDate: dateOf(req, 'child-seen-date'), factors: list(req, 'factors'),
      outcomeNfa: text(req, 'outcome-nfa'), rationale: text(req, 'rationale'),
    }, londonDate(new Date()), assessment.startDate);
    if (!checked.ok) return void (await authoriseForm(req, res, valuesOf(req), checked.errors));
    try {
      await authoriseAssessment(db, viewer, assessment.id, checked.value, londonDate(new Date()));
    } catch (err) {
      const errors = refusal(err, 'rationale');
      if (!errors) throw err;
      return void (await authoriseForm(req, res, valuesOf(req), errors));
    }
    res.redirect(303, assessment.referralId ? `/front-door/referrals/${encodeURIComponent(assessment.referralId)}?done=authorised` : '/front-door');
  });

  // --- Visits ---------------------------------------------------------------------------------------

  async function visitForm(req: Request, res: Response, values: Record<string, string | string[]>, errors: Errors | null) {
    const viewer = viewerOf(res);
    const ctx = await visitContext(db, viewer, query(req, 'person'), query(req, 'plan') || null, new Date());
    if (!ctx) return false;
    renderForm(res, 'front-door/visit-new.njk', { ctx, values, recorded: query(req, 'recorded'), labels: codeLists }, errors);
    return true;
  }

  router.get('/visits/new', async (req, res, next) => {
    const viewer = viewerOf(res);
    if (!(await visitForm(req, res, { ...nowValues('visit', new Date()), worker: viewer.workerId ?? '' }, null))) next();
  });

  router.post('/visits/new', async (req, res, next) => {
    const viewer = viewerOf(res);
    const now = new Date();
    const personId = query(req, 'person');
    const ctx = await visitContext(db, viewer, personId, query(req, 'plan') || null, now);
    if (!ctx) return next();
    if (!ctx.plan) return void (await visitForm(req, res, valuesOf(req), { plan: 'Choose the plan the visit is for' }));
    const checked = checkVisit({
      visit: dateOf(req, 'visit'), visitTime: text(req, 'visit-time'), seen: text(req, 'seen'), seenAlone: text(req, 'seen-alone'),
      bedroomSeen: text(req, 'bedroom-seen'), childSaid: text(req, 'child-said'), workerId: text(req, 'worker'),
    }, now, { planStart: ctx.plan.startDate, workerIds: new Set(ctx.workers.map((w) => w.value)) });
    if (!checked.ok) return void (await visitForm(req, res, valuesOf(req), checked.errors));
    try {
      const id = await recordVisit(db, viewer, personId, ctx.plan, checked.value);
      res.redirect(303, `/visits/new?person=${encodeURIComponent(personId)}&plan=${encodeURIComponent(ctx.plan.id)}&recorded=${encodeURIComponent(id)}`);
    } catch (err) {
      if (err instanceof RecordNotFound) return next();
      throw err;
    }
  });

  return router;
}
