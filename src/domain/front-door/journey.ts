/**
 * Where a referral is on the child protection journey, and what must happen next by when:
 *
 *   referral → strategy discussion → section 47 enquiry → initial child protection conference → CP plan → visits
 *                 └────────────── single assessment (alongside) ──────────────┘
 *
 * Pure: it takes the referral's records and says, for each stage, whether it is done, running, waiting
 * or not needed, and lists the next actions with their due dates from the named clocks (ICPC: 15 working
 * days from the strategy discussion that started the enquiry; assessment: 45 working days; CP visits:
 * the local standard from the plan start or the last visit in which the child was seen).
 */
import {
  assessmentDeadline,
  cpVisitClock,
  describeStatus,
  icpcClock,
  nextRecurring,
  type ClockContext,
  type ClockState,
  type DayClockStatus,
} from '../clocks/index.js';
import { codeLabel } from '../codes/code-lists.js';
import { londonDate, longDate } from '../time/london.js';

export interface ReferralRecords {
  referral: { id: string; referralDate: Date; closeDate: string | null };
  strategies: { id: string; heldAt: Date; outcome: string | null; minutesRecordedAt: Date | null }[];
  s47s: { id: string; strategyId: string | null; startDate: string; endDate: string | null; conference: boolean | null; childSeenDate: string | null }[];
  icpcs: { id: string; s47Id: string | null; conferenceDate: string; outcomeCp: boolean | null; cpPlanId: string | null }[];
  cpPlans: { id: string; icpcId: string | null; startDate: string; endDate: string | null; category: string | null }[];
  assessments: { id: string; startDate: string; authorisedDate: string | null }[];
  /** Dates of CP visits to the child in which the child was seen. */
  cpVisitsSeen: string[];
}

export type StageKey = 'referral' | 'strategy' | 's47' | 'icpc' | 'cp-plan' | 'visits' | 'assessment';
export type StageStatus = 'done' | 'running' | 'to-do' | 'optional' | 'not-needed' | 'cannot-start';

export interface Due {
  date: string;
  /** "15 December 2026" */
  dateText: string;
  state: ClockState;
  /** The clock's sentence, as a sentence: "ICPC due 15 Dec: 6 working days left", "Visit due 4 Dec: 8 working days left". */
  sentence: string;
  clock: string;
}

export interface Stage {
  key: StageKey;
  name: string;
  status: StageStatus;
  /** One line on what has happened or what is waiting. */
  summary: string;
  due: Due | null;
  /**
   * The record the stage's next step works on (for links): the strategy discussion, the enquiry (also for
   * a conference still to hold), the conference (for a plan still to record), the plan, the assessment.
   */
  recordId: string | null;
}

export interface NextAction {
  stage: StageKey;
  text: string;
  due: Due | null;
  /** The record the action is on (for links), if any. */
  recordId: string | null;
}

export interface Progress {
  closed: boolean;
  stages: Stage[];
  /** What to do next, those with the earliest due date first. */
  next: NextAction[];
}

function dueOf(status: DayClockStatus, clock: string): Due {
  const sentence = describeStatus(status);
  return { date: status.due, dateText: longDate(status.due), state: status.state, sentence: sentence.charAt(0).toUpperCase() + sentence.slice(1), clock };
}

const latest = <T>(rows: readonly T[], key: (r: T) => string): T | undefined => [...rows].sort((a, b) => key(a).localeCompare(key(b))).at(-1);

export function referralProgress(records: ReferralRecords, today: string, ctx?: ClockContext): Progress {
  const { referral } = records;
  const closed = referral.closeDate !== null && referral.closeDate <= today;
  const stages: Stage[] = [];
  const next: NextAction[] = [];
  const referralDate = londonDate(referral.referralDate);

  stages.push({
    key: 'referral', name: 'Referral', status: 'done', due: null, recordId: referral.id,
    summary: closed ? `Accepted ${longDate(referralDate)}; closed ${longDate(referral.closeDate!)}` : `Accepted ${longDate(referralDate)}`,
  });

  // Strategy discussion (only where significant harm is suspected).
  const strategy = latest(records.strategies, (s) => s.heldAt.toISOString());
  if (!strategy) {
    stages.push({ key: 'strategy', name: 'Strategy discussion', status: 'optional', due: null, recordId: null, summary: 'Not held: hold one the same day if significant harm is suspected' });
    if (!closed) next.push({ stage: 'strategy', text: 'Hold a strategy discussion if significant harm is suspected', due: null, recordId: null });
  } else {
    stages.push({
      key: 'strategy', name: 'Strategy discussion', status: 'done', due: null, recordId: strategy.id,
      summary: `Held ${longDate(londonDate(strategy.heldAt))}: ${strategy.outcome ? codeLabel('strategyOutcome', strategy.outcome) : 'outcome not recorded'}` +
        (strategy.minutesRecordedAt ? '' : '; minutes not recorded yet'),
    });
    if (!strategy.minutesRecordedAt && !closed) next.push({ stage: 'strategy', text: 'Record when the strategy discussion minutes were written', due: null, recordId: strategy.id });
  }

  // Section 47 enquiry, and the ICPC clock that runs from the strategy discussion that started it.
  const s47 = latest(records.s47s, (s) => s.startDate);
  const startingStrategy = s47?.strategyId ? records.strategies.find((s) => s.id === s47.strategyId) : strategy?.outcome === 'S47' ? strategy : undefined;
  const icpc = latest(records.icpcs.filter((i) => !s47 || i.s47Id === s47.id || i.s47Id === null), (i) => i.conferenceDate);
  const icpcStatus = startingStrategy ? icpcClock.status(londonDate(startingStrategy.heldAt), icpc?.conferenceDate ?? null, today, ctx) : null;
  const icpcDue = icpcStatus ? dueOf(icpcStatus, icpcClock.name) : null;
  const conferenceNeeded = s47 ? s47.conference !== false : strategy?.outcome === 'S47';

  if (!s47) {
    if (strategy?.outcome === 'S47') {
      stages.push({ key: 's47', name: 'Section 47 enquiry', status: 'to-do', due: null, recordId: null, summary: 'The strategy discussion decided to start a section 47 enquiry' });
      if (!closed) next.push({ stage: 's47', text: 'Start the section 47 enquiry', due: null, recordId: null });
    } else {
      stages.push({ key: 's47', name: 'Section 47 enquiry', status: strategy ? 'not-needed' : 'cannot-start', due: null, recordId: null,
        summary: strategy ? 'Not needed: the strategy discussion did not decide on an enquiry' : 'Starts after a strategy discussion decides on one' });
    }
  } else if (s47.endDate === null) {
    stages.push({ key: 's47', name: 'Section 47 enquiry', status: 'running', due: null, recordId: s47.id,
      summary: `Started ${longDate(s47.startDate)}; ${s47.childSeenDate ? `child seen ${longDate(s47.childSeenDate)}` : 'child not seen yet'}` });
    if (!closed) next.push({ stage: 's47', text: s47.childSeenDate ? 'Record the outcome of the section 47 enquiry' : 'See the child, then record the outcome of the section 47 enquiry', due: null, recordId: s47.id });
  } else {
    stages.push({ key: 's47', name: 'Section 47 enquiry', status: 'done', due: null, recordId: s47.id,
      summary: `Completed ${longDate(s47.endDate)}: ${s47.conference ? 'initial child protection conference needed' : 'no conference (no further action under section 47)'}` });
  }

  // Initial child protection conference.
  if (icpc) {
    stages.push({ key: 'icpc', name: 'Initial child protection conference', status: 'done', due: icpcDue, recordId: icpc.id,
      summary: `Held ${longDate(icpc.conferenceDate)}: ${icpc.outcomeCp ? 'child protection plan' : 'no child protection plan'}` });
  } else if (s47 && s47.endDate !== null && s47.conference) {
    // The conference is recorded against the enquiry: its record id is the enquiry's.
    stages.push({ key: 'icpc', name: 'Initial child protection conference', status: 'to-do', due: icpcDue, recordId: s47.id, summary: 'The enquiry decided a conference is needed' });
    if (!closed) next.push({ stage: 'icpc', text: 'Hold the initial child protection conference', due: icpcDue, recordId: s47.id });
  } else if (conferenceNeeded && s47?.conference !== false) {
    stages.push({ key: 'icpc', name: 'Initial child protection conference', status: 'cannot-start', due: icpcDue, recordId: null,
      summary: s47 ? 'After the section 47 enquiry, if it decides a conference is needed' : 'After the section 47 enquiry' });
  } else {
    stages.push({ key: 'icpc', name: 'Initial child protection conference', status: s47 || strategy ? 'not-needed' : 'cannot-start', due: null, recordId: null,
      summary: s47 || strategy ? 'Not needed' : 'Only after a section 47 enquiry' });
  }

  // Child protection plan, and visits while it is open.
  const plan = latest(records.cpPlans.filter((p) => !icpc || p.icpcId === icpc.id || p.id === icpc.cpPlanId), (p) => p.startDate);
  if (plan) {
    const open = plan.endDate === null || plan.endDate > today;
    stages.push({ key: 'cp-plan', name: 'Child protection plan', status: 'done', due: null, recordId: plan.id,
      summary: `${open ? 'Started' : 'Ran from'} ${longDate(plan.startDate)}${open ? '' : ` to ${longDate(plan.endDate!)}`}: ${plan.category ? codeLabel('abuseCategory', plan.category) : 'category not recorded'}` });
    if (open) {
      const deadline = nextRecurring(cpVisitClock, plan.startDate, records.cpVisitsSeen, ctx);
      const due = dueOf(deadline.clock.status(deadline.start, null, today, ctx), cpVisitClock.name);
      const last = records.cpVisitsSeen.filter((d) => d >= plan.startDate).sort().at(-1);
      stages.push({ key: 'visits', name: 'Child protection visits', status: 'running', due, recordId: plan.id,
        summary: last ? `Child last seen ${longDate(last)}` : 'No visit in which the child was seen since the plan started' });
      next.push({ stage: 'visits', text: 'Visit the child (child protection visit)', due, recordId: plan.id });
    }
  } else if (icpc?.outcomeCp) {
    stages.push({ key: 'cp-plan', name: 'Child protection plan', status: 'to-do', due: null, recordId: icpc.id, summary: 'The conference decided on a plan: record it' });
    if (!closed) next.push({ stage: 'cp-plan', text: 'Record the child protection plan and its category', due: null, recordId: icpc.id });
  } else {
    stages.push({ key: 'cp-plan', name: 'Child protection plan', status: icpc ? 'not-needed' : 'cannot-start', due: null, recordId: null,
      summary: icpc ? 'Not needed: the conference did not decide on a plan' : 'Only if the conference decides on one' });
  }

  // Single assessment, alongside.
  const assessment = latest(records.assessments, (a) => a.startDate);
  if (!assessment) {
    const fromReferral = assessmentDeadline({ start: referralDate, referral: referralDate }, ctx);
    const countsFromReferral = (ctx?.standards?.assessmentFrom ?? 'assessment start') === 'referral';
    const due = countsFromReferral && fromReferral ? dueOf(fromReferral.clock.status(fromReferral.start, null, today, ctx), 'Assessment') : null;
    stages.push({ key: 'assessment', name: 'Single assessment', status: 'to-do', due, recordId: null, summary: 'Not started' });
    if (!closed) next.push({ stage: 'assessment', text: 'Start the single assessment', due, recordId: null });
  } else {
    const deadline = assessmentDeadline({ start: assessment.startDate, referral: referralDate }, ctx);
    const status = deadline ? deadline.clock.status(deadline.start, assessment.authorisedDate, today, ctx) : null;
    const due = status ? dueOf(status, 'Assessment') : null;
    if (assessment.authorisedDate) {
      stages.push({ key: 'assessment', name: 'Single assessment', status: 'done', due, recordId: assessment.id,
        summary: `Started ${longDate(assessment.startDate)}; authorised ${longDate(assessment.authorisedDate)}` });
    } else {
      stages.push({ key: 'assessment', name: 'Single assessment', status: 'running', due, recordId: assessment.id, summary: `Started ${longDate(assessment.startDate)}` });
      if (!closed) next.push({ stage: 'assessment', text: 'Complete the assessment and get a manager to authorise it', due, recordId: assessment.id });
    }
  }

  next.sort((a, b) => (a.due?.date ?? '9999').localeCompare(b.due?.date ?? '9999'));
  return { closed, stages, next };
}
