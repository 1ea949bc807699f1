/**
 * What each front-door form must say before it is recorded, in plain English (GOV.UK error messages). Pure:
 * each check takes the form as typed and what is known (now, the records it follows), and returns either
 * the values to record or the errors keyed by the field they belong to (date inputs by their day box,
 * "<name>-day", and times by "<name>-time", so the error summary links to the box to fix).
 */
import { codeLists, isCode, type CodeListName } from '../codes/code-lists.js';
import { londonDate } from '../time/london.js';
import { londonInstant, readDate, readTime, type DateParts } from './when.js';

export type Errors = Record<string, string>;
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Errors };

/** A rationale must say something: at least this many characters. */
export const RATIONALE_MIN = 20;

const done = <T>(errors: Errors, value: () => T): Checked<T> => (Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: value() });

/** A date typed into a GOV.UK date input, with `what` finishing "Enter the date …" ("the contact was received"). */
function checkDate(
  errors: Errors, key: string, parts: DateParts, what: string,
  opts: { required: boolean; today: string; notBefore?: { date: string; words: string } },
): string | null {
  const r = readDate(parts);
  if (!r.ok) {
    if (r.problem === 'missing') {
      if (opts.required) errors[`${key}-day`] = `Enter the date ${what}`;
    } else if (r.problem === 'incomplete') {
      errors[`${key}-day`] = `The date ${what} must include a day, month and year`;
    } else {
      errors[`${key}-day`] = `The date ${what} must be a real date`;
    }
    return null;
  }
  if (r.date > opts.today) {
    errors[`${key}-day`] = `The date ${what} must be today or in the past`;
    return null;
  }
  if (opts.notBefore && r.date < opts.notBefore.date) {
    errors[`${key}-day`] = `The date ${what} must be on or after ${opts.notBefore.words}`;
    return null;
  }
  return r.date;
}

/** A date and a time of day together (an instant), not in the future. */
function checkWhen(
  errors: Errors, key: string, parts: DateParts, timeText: string, what: string,
  opts: { required: boolean; now: Date; notBefore?: { at: Date; words: string } },
): Date | null {
  const today = londonDate(opts.now);
  const bothEmpty = !parts.day.trim() && !parts.month.trim() && !parts.year.trim() && !timeText.trim();
  if (bothEmpty && !opts.required) return null;
  const date = checkDate(errors, key, parts, what, { required: true, today });
  let time: { hour: number; minute: number } | null = null;
  if (!timeText.trim()) errors[`${key}-time`] = `Enter the time ${what}`;
  else {
    time = readTime(timeText);
    if (!time) errors[`${key}-time`] = `Enter the time ${what} as a real time, for example 14:30 or 2:30pm`;
  }
  if (date === null || time === null) return null;
  const at = londonInstant(date, time);
  if (at.getTime() > opts.now.getTime()) {
    errors[`${key}-time`] = `The time ${what} must be now or in the past`;
    return null;
  }
  // Times are typed to the minute: the same minute as the earlier event is not before it.
  if (opts.notBefore && at.getTime() < Math.floor(opts.notBefore.at.getTime() / 60_000) * 60_000) {
    errors[`${key}-time`] = `The time ${what} must be after ${opts.notBefore.words}`;
    return null;
  }
  return at;
}

function checkCode(errors: Errors, key: string, value: string, list: CodeListName, message: string): string | null {
  if (!value || !isCode(list, value)) {
    errors[key] = message;
    return null;
  }
  return value;
}

function checkYesNo(errors: Errors, key: string, value: string, message: string): boolean | null {
  if (value === 'Y') return true;
  if (value === 'N') return false;
  errors[key] = message;
  return null;
}

function checkRationale(errors: Errors, key: string, value: string, missing: string): string {
  if (!value) errors[key] = missing;
  else if (value.length < RATIONALE_MIN) errors[key] = `Write the rationale in full (at least ${RATIONALE_MIN} characters): what is known, the risk, and why`;
  return value;
}

const orNull = (s: string) => (s === '' ? null : s);

// --- Contact -------------------------------------------------------------------------------------------

export interface ContactForm {
  personId: string;
  received: DateParts;
  receivedTime: string;
  source: string;
  sourceDesc: string;
  concern: string;
  consent: string;
  consentNote: string;
}

export interface NewContact {
  personId: string;
  receivedAt: Date;
  source: string;
  sourceDesc: string | null;
  concern: string;
  consent: 'Y' | 'N';
  consentNote: string | null;
}

export function checkContact(form: ContactForm, now: Date, opts: { childKnown: boolean; fixedSource?: string }): Checked<NewContact> {
  const errors: Errors = {};
  if (!form.personId || !opts.childKnown) errors.person = 'Find the child the contact is about';
  const receivedAt = checkWhen(errors, 'received', form.received, form.receivedTime, 'the contact was received', { required: true, now });
  const source = opts.fixedSource ?? checkCode(errors, 'source', form.source, 'referralSource', 'Select who made the contact');
  if (!form.concern) errors.concern = 'Enter what the concern is';
  const consent = checkYesNo(errors, 'consent', form.consent, 'Select yes if consent was obtained to share information');
  if (consent === false && !form.consentNote) {
    errors['consent-note'] = 'Say why consent was not obtained or was not needed';
  }
  return done(errors, () => ({
    personId: form.personId,
    receivedAt: receivedAt!,
    source: source!,
    sourceDesc: orNull(form.sourceDesc),
    concern: form.concern,
    consent: consent ? 'Y' : 'N',
    consentNote: consent ? orNull(form.consentNote) : form.consentNote,
  }));
}

// --- The MASH decision ---------------------------------------------------------------------------------

export type Outcome = 'NFA' | 'ADV' | 'EH' | 'REF';

export interface DecisionForm {
  outcome: string;
  rationale: string;
  /** Ticked to confirm a fresh threshold decision (needed when accepting would be a re-referral). */
  freshThreshold: boolean;
  ehReason: string;
  ehTeamId: string;
  ehWorkerId: string;
  refTeamId: string;
  primaryNeed: string;
}

export interface Decision {
  outcome: Outcome;
  rationale: string;
  stepDown: { reason: string; teamId: string | null; workerId: string | null } | null;
  referral: { teamId: string; primaryNeed: string | null } | null;
}

export interface DecisionContext {
  /** The contact already has a decision: it cannot be decided again (challenge it instead). */
  alreadyDecided: boolean;
  /** The child had a referral in the last 12 months. */
  rereferral: boolean;
  referralTeamIds: ReadonlySet<string>;
  earlyHelpTeamIds: ReadonlySet<string>;
  /** Early help workers, with their team. */
  earlyHelpWorkers: ReadonlyMap<string, string>;
}

export function checkDecision(form: DecisionForm, ctx: DecisionContext): Checked<Decision> {
  const errors: Errors = {};
  if (ctx.alreadyDecided) errors.outcome = 'This contact already has a decision. If you disagree with it, record a challenge';
  const outcome = checkCode(errors, 'outcome', form.outcome, 'contactOutcome', 'Select the decision') as Outcome | null;
  if (ctx.rereferral && !form.freshThreshold) {
    errors['fresh-threshold'] =
      'This child was referred in the last 12 months: confirm you have made a fresh threshold decision on what is known now';
  }
  checkRationale(errors, 'rationale', form.rationale, 'Enter the rationale for the decision');
  let stepDown: Decision['stepDown'] = null;
  let referral: Decision['referral'] = null;
  if (outcome === 'EH') {
    if (!form.ehReason) errors['eh-reason'] = 'Say what early help should do and why (the plan for the family)';
    if (form.ehTeamId && !ctx.earlyHelpTeamIds.has(form.ehTeamId)) errors['eh-team'] = 'Select an early help team from the list';
    const workerTeam = form.ehWorkerId ? ctx.earlyHelpWorkers.get(form.ehWorkerId) : undefined;
    if (form.ehWorkerId && workerTeam === undefined) errors['eh-worker'] = 'Select an early help worker from the list, or leave it for the team to allocate';
    else if (workerTeam !== undefined && form.ehTeamId && workerTeam !== form.ehTeamId) errors['eh-worker'] = 'Select a worker in the early help team you chose';
    stepDown = { reason: form.ehReason, teamId: orNull(form.ehTeamId) ?? workerTeam ?? null, workerId: orNull(form.ehWorkerId) };
  }
  if (outcome === 'REF') {
    if (!form.refTeamId || !ctx.referralTeamIds.has(form.refTeamId)) errors['ref-team'] = 'Select the team the referral goes to';
    if (form.primaryNeed && !isCode('primaryNeed', form.primaryNeed)) errors['primary-need'] = 'Select the primary need from the list';
    referral = { teamId: form.refTeamId, primaryNeed: orNull(form.primaryNeed) };
  }
  return done(errors, () => ({ outcome: outcome!, rationale: form.rationale, stepDown, referral }));
}

// --- Challenge ---------------------------------------------------------------------------------------

export function checkChallenge(reason: string, opts: { decided: boolean; openChallenge: boolean }): Checked<{ reason: string }> {
  const errors: Errors = {};
  if (!opts.decided) errors.reason = 'There is no decision to challenge yet';
  else if (opts.openChallenge) errors.reason = 'This decision already has a challenge waiting for a resolution';
  else if (!reason) errors.reason = 'Say why you disagree with the decision';
  else if (reason.length < RATIONALE_MIN) errors.reason = `Say why you disagree in full (at least ${RATIONALE_MIN} characters)`;
  return done(errors, () => ({ reason }));
}

export function checkResolution(resolution: string): Checked<{ resolution: string }> {
  const errors: Errors = {};
  if (!resolution) errors.resolution = 'Say how the challenge was resolved, and whether the decision stands or changes';
  else if (resolution.length < RATIONALE_MIN) errors.resolution = `Say how the challenge was resolved in full (at least ${RATIONALE_MIN} characters)`;
  return done(errors, () => ({ resolution }));
}

// --- Strategy discussion -------------------------------------------------------------------------------

/** Working Together: every strategy discussion involves at least these agencies. */
export const REQUIRED_AGENCIES = ['POL', 'HEA', 'CSC'] as const;

export interface StrategyForm {
  held: DateParts;
  heldTime: string;
  chairId: string;
  invited: string[];
  attended: string[];
  outcome: string;
  decisions: string;
  medicalExam: string;
  medicalRationale: string;
  minutes: DateParts;
  minutesTime: string;
}

export interface NewStrategy {
  heldAt: Date;
  chairId: string;
  agencies: { agency: string; invited: boolean; attended: boolean }[];
  outcome: string;
  decisions: string;
  medicalExam: boolean;
  medicalRationale: string | null;
  minutesRecordedAt: Date | null;
}

export function checkStrategy(form: StrategyForm, now: Date, ctx: { referralAt: Date; chairIds: ReadonlySet<string> }): Checked<NewStrategy> {
  const errors: Errors = {};
  const heldAt = checkWhen(errors, 'held', form.held, form.heldTime, 'the strategy discussion was held', {
    required: true, now, notBefore: { at: ctx.referralAt, words: 'the referral was accepted' },
  });
  if (!form.chairId || !ctx.chairIds.has(form.chairId)) errors.chair = 'Select who chaired the strategy discussion';
  const agencyCodes = Object.keys(codeLists.agency);
  const invited = new Set([...form.invited, ...form.attended].filter((a) => agencyCodes.includes(a)));
  const attended = new Set(form.attended.filter((a) => agencyCodes.includes(a)));
  const missing = REQUIRED_AGENCIES.filter((a) => !invited.has(a));
  if (missing.length) {
    errors.invited = `Invite ${missing.map((a) => agencyName(a)).join(', ').replace(/, ([^,]*)$/, ' and $1')}: Working Together says every strategy discussion needs the police, health and children’s social care`;
  }
  const outcome = checkCode(errors, 'outcome', form.outcome, 'strategyOutcome', 'Select the outcome of the strategy discussion');
  if (!form.decisions) errors.decisions = 'Enter the decisions made, with who will do what';
  const medicalExam = checkYesNo(errors, 'medical-exam', form.medicalExam, 'Select yes if a medical examination is needed');
  if (medicalExam === true && !form.medicalRationale) errors['medical-rationale'] = 'Say why a medical examination is needed, and who will arrange it';
  const minutesRecordedAt = checkWhen(errors, 'minutes', form.minutes, form.minutesTime, 'the minutes were recorded', {
    required: false, now, ...(heldAt ? { notBefore: { at: heldAt, words: 'the strategy discussion was held' } } : {}),
  });
  return done(errors, () => ({
    heldAt: heldAt!,
    chairId: form.chairId,
    agencies: agencyCodes.filter((a) => invited.has(a)).map((a) => ({ agency: a, invited: true, attended: attended.has(a) })),
    outcome: outcome!,
    decisions: form.decisions,
    medicalExam: medicalExam!,
    medicalRationale: orNull(form.medicalRationale),
    minutesRecordedAt,
  }));
}

function agencyName(code: string): string {
  const names: Record<string, string> = { POL: 'the police', HEA: 'health', CSC: 'children’s social care' };
  return names[code] ?? (codeLists.agency as Record<string, string>)[code] ?? code;
}

export function checkMinutes(parts: DateParts, time: string, now: Date, heldAt: Date): Checked<{ minutesRecordedAt: Date }> {
  const errors: Errors = {};
  const at = checkWhen(errors, 'minutes', parts, time, 'the minutes were recorded', {
    required: true, now, notBefore: { at: heldAt, words: 'the strategy discussion was held' },
  });
  return done(errors, () => ({ minutesRecordedAt: at! }));
}

// --- Section 47 ----------------------------------------------------------------------------------------

export interface S47StartForm {
  start: DateParts;
  childSeen: DateParts;
}

export function checkS47Start(form: S47StartForm, today: string, strategyDate: string): Checked<{ startDate: string; childSeenDate: string | null }> {
  const errors: Errors = {};
  const notBefore = { date: strategyDate, words: 'the day of the strategy discussion' };
  const startDate = checkDate(errors, 'start', form.start, 'the section 47 enquiry started', { required: true, today, notBefore });
  const childSeenDate = checkDate(errors, 'child-seen', form.childSeen, 'the child was seen', {
    required: false, today, ...(startDate ? { notBefore: { date: startDate, words: 'the date the enquiry started' } } : {}),
  });
  return done(errors, () => ({ startDate: startDate!, childSeenDate }));
}

export interface S47OutcomeForm {
  end: DateParts;
  childSeen: DateParts;
  outcome: string;
  note: string;
}

export function checkS47Outcome(form: S47OutcomeForm, today: string, startDate: string): Checked<{ endDate: string; childSeenDate: string; conference: boolean; note: string }> {
  const errors: Errors = {};
  const notBefore = { date: startDate, words: 'the date the enquiry started' };
  const childSeenDate = checkDate(errors, 'child-seen', form.childSeen, 'the child was seen', { required: true, today, notBefore });
  const endDate = checkDate(errors, 'end', form.end, 'the enquiry was completed', { required: true, today, notBefore });
  if (form.outcome !== 'ICPC' && form.outcome !== 'NFA') errors.outcome = 'Select the outcome of the enquiry';
  if (!form.note) errors.note = 'Enter the findings: what the enquiry found and why this outcome';
  return done(errors, () => ({ endDate: endDate!, childSeenDate: childSeenDate!, conference: form.outcome === 'ICPC', note: form.note }));
}

// --- Initial child protection conference and the plan -------------------------------------------------

export interface IcpcForm {
  conference: DateParts;
  outcome: string;
}

export function checkIcpc(form: IcpcForm, today: string, s47Start: string): Checked<{ conferenceDate: string; plan: boolean }> {
  const errors: Errors = {};
  const conferenceDate = checkDate(errors, 'conference', form.conference, 'the conference was held', {
    required: true, today, notBefore: { date: s47Start, words: 'the date the section 47 enquiry started' },
  });
  const plan = checkYesNo(errors, 'outcome', form.outcome, 'Select yes if the conference decided on a child protection plan');
  return done(errors, () => ({ conferenceDate: conferenceDate!, plan: plan! }));
}

export interface CpPlanForm {
  start: DateParts;
  category: string;
}

export function checkCpPlan(form: CpPlanForm, today: string, conferenceDate: string): Checked<{ startDate: string; category: string }> {
  const errors: Errors = {};
  const startDate = checkDate(errors, 'start', form.start, 'the plan started', {
    required: true, today, notBefore: { date: conferenceDate, words: 'the date of the conference' },
  });
  const category = checkCode(errors, 'category', form.category, 'abuseCategory', 'Select the category of abuse');
  return done(errors, () => ({ startDate: startDate!, category: category! }));
}

// --- Single assessment ---------------------------------------------------------------------------------

export function checkAssessmentStart(start: DateParts, today: string, referralDate: string): Checked<{ startDate: string }> {
  const errors: Errors = {};
  const startDate = checkDate(errors, 'start', start, 'the assessment started', {
    required: true, today, notBefore: { date: referralDate, words: 'the referral date' },
  });
  return done(errors, () => ({ startDate: startDate! }));
}

export interface AuthoriseForm {
  childSeen: string;
  childSeenDate: DateParts;
  factors: string[];
  outcomeNfa: string;
  rationale: string;
}

export interface Authorisation {
  childSeen: boolean;
  childSeenDate: string | null;
  factors: string[];
  outcomeNfa: boolean;
  rationale: string;
}

export function checkAuthorisation(form: AuthoriseForm, today: string, startDate: string): Checked<Authorisation> {
  const errors: Errors = {};
  const childSeen = checkYesNo(errors, 'child-seen', form.childSeen, 'Select yes if the child was seen during the assessment');
  let childSeenDate: string | null = null;
  if (childSeen) {
    childSeenDate = checkDate(errors, 'child-seen-date', form.childSeenDate, 'the child was seen', {
      required: true, today, notBefore: { date: startDate, words: 'the date the assessment started' },
    });
  }
  const factors = [...new Set(form.factors)];
  if (factors.length === 0) errors.factors = 'Select the factors identified, or “No factors identified”';
  else if (factors.some((f) => !isCode('assessmentFactor', f))) errors.factors = 'Select factors from the list';
  else if (factors.includes('21') && factors.length > 1) errors.factors = '“No factors identified” cannot be selected with other factors';
  const outcomeNfa = checkYesNo(errors, 'outcome-nfa', form.outcomeNfa, 'Select what happens next');
  checkRationale(errors, 'rationale', form.rationale, 'Enter your rationale for authorising the assessment');
  return done(errors, () => ({ childSeen: childSeen!, childSeenDate, factors, outcomeNfa: outcomeNfa!, rationale: form.rationale }));
}

// --- Visits --------------------------------------------------------------------------------------------

export interface VisitForm {
  visit: DateParts;
  visitTime: string;
  seen: string;
  seenAlone: string;
  bedroomSeen: string;
  childSaid: string;
  workerId: string;
}

export interface NewVisit {
  visitAt: Date;
  seen: boolean;
  seenAlone: boolean | null;
  bedroomSeen: boolean | null;
  childSaid: string | null;
  workerId: string;
}

export function checkVisit(form: VisitForm, now: Date, ctx: { planStart: string; workerIds: ReadonlySet<string> }): Checked<NewVisit> {
  const errors: Errors = {};
  const visitAt = checkWhen(errors, 'visit', form.visit, form.visitTime, 'of the visit', { required: true, now });
  if (visitAt && londonDate(visitAt) < ctx.planStart) errors['visit-day'] = 'The date of the visit must be on or after the day the plan started';
  if (!form.workerId || !ctx.workerIds.has(form.workerId)) errors.worker = 'Select who visited';
  const seen = checkYesNo(errors, 'seen', form.seen, 'Select yes if the child was seen');
  let seenAlone: boolean | null = null;
  if (seen) seenAlone = checkYesNo(errors, 'seen-alone', form.seenAlone, 'Select yes if the child was seen alone');
  const bedroomSeen = form.bedroomSeen === 'Y' ? true : form.bedroomSeen === 'N' ? false : null;
  if (seen && !form.childSaid) errors['child-said'] = 'Enter what the child said, in their words where you can';
  return done(errors, () => ({ visitAt: visitAt!, seen: seen!, seenAlone, bedroomSeen, childSaid: orNull(form.childSaid), workerId: form.workerId }));
}
