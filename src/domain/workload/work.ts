/**
 * The work a child's case needs next, with its due date from the statutory and local clocks: visits,
 * assessments, initial child protection conferences, the first core group, reviews, case supervision and plan
 * actions. Every due date comes from src/domain/clocks (no timescale is written here); whether it is overdue or
 * due soon comes from ./due.ts. Pure: the records come in, already read as at today.
 *
 * The rules follow the performance measures, so a dashboard and the monthly figures agree:
 * - visits (any kind, child seen) every 10 working days on a CP plan, every 20 on a CIN plan (children not on a
 *   CP plan and not looked after), and for a looked-after child in a placement: within 7 days of the placement
 *   starting, then every 6 weeks (3 months after the first year of a long-term placement); short breaks only
 *   (legal status V3/V4 by default) have no statutory visits or reviews here;
 * - an open assessment: 45 working days from its start (or the referral, as the authority chooses);
 * - an initial child protection conference: 15 working days from the strategy discussion that started a section
 *   47 enquiry which led, or may still lead, to a conference, while no conference or CP plan has followed it;
 * - the first core group: 10 working days from the start of a CP plan;
 * - review conferences (CP: 3 months, then 6) and looked-after reviews (20 working days, 3 months, then 6);
 * - case supervision (type CS by default): every 28 days on a CP plan, 8 weeks when looked after, 8 weeks on a
 *   CIN plan (local standards);
 * - plan actions not done or dropped, on plans still open, by their "by when" date.
 */
import type { WorkingCalendar } from '../calendar/working-days.js';
import type { ClockContext, ClockId, DayClock } from '../clocks/clock.js';
import { cinSupervisionClock, cinVisitClock, claSupervisionClock, coreGroupClock, cpSupervisionClock, cpVisitClock, icpcClock } from '../clocks/registry.js';
import { assessmentDeadline, nextClaReview, nextClaVisit, nextCpReview, nextRecurring, type Deadline } from '../clocks/schedules.js';
import type { LocalStandards } from '../clocks/standards.js';
import { longDate } from '../time/london.js';
import { dueByDate, dueFromClock, type Due } from './due.js';

export type WorkKind = 'visit' | 'assessment' | 'icpc' | 'core-group' | 'review' | 'supervision' | 'plan-action';
export const WORK_KINDS: readonly WorkKind[] = ['visit', 'assessment', 'icpc', 'core-group', 'review', 'supervision', 'plan-action'];

export type PlanKind = 'cin' | 'cp' | 'cla';

const PLAN_NAMES: Record<string, string> = {
  CIN: 'Child in need plan', CP: 'Child protection plan', CLA: 'Care plan', EH: 'Early help plan', PW: 'Pathway plan',
};

/** A child's records that decide what work is due, as known today. Dates are London dates 'YYYY-MM-DD'. */
export interface CaseRecords {
  personId: string;
  referrals: readonly { id: string; date: string; closeDate: string | null }[];
  /** Assessments not yet authorised. */
  openAssessments: readonly { id: string; referralId: string | null; start: string }[];
  /** Section 47 enquiries, with the date of the strategy discussion that started each (if recorded). */
  s47s: readonly { id: string; start: string; end: string | null; strategyDate: string | null; icpcNeeded: boolean | null }[];
  /** Initial conferences held. */
  icpcs: readonly { id: string; s47Id: string | null; date: string }[];
  cinPlans: readonly { id: string; start: string; end: string | null }[];
  cpPlans: readonly { id: string; start: string; end: string | null }[];
  /** CP review conferences held. */
  cpReviews: readonly { planId: string; date: string }[];
  /** Core group meetings held (at least the first since the open CP plan began: the only one read). */
  coreGroups: readonly string[];
  /** Looked-after episodes; a period of care is the episodes sharing a claId. */
  claEpisodes: readonly { claId: string; start: string; ceased: string | null }[];
  placements: readonly { id: string; claId: string; start: string; end: string | null; longTerm: boolean }[];
  /** Looked-after reviews held (not cancelled). */
  claReviews: readonly { claId: string; date: string }[];
  /** Legal statuses (to leave out short breaks). */
  legalStatuses: readonly { status: string; start: string; end: string | null }[];
  /** Care plans of looked-after children (to say which plan an action belongs to). */
  carePlans: readonly { id: string; start: string; end: string | null }[];
  /** Early help episodes (early help plan actions belong to them; at least those of the open actions). */
  earlyHelp: readonly { id: string; start: string; end: string | null }[];
  /** Dates of visits of any kind in which the child was seen. */
  visitsSeen: readonly string[];
  /** Dates of case supervision (the authority's case supervision types). */
  caseSupervisions: readonly string[];
  /** Plan actions not yet done or dropped. */
  openActions: readonly { id: string; planType: string; planId: string; action: string; responsible: string; due: string }[];
}

export interface WorkSettings {
  calendar: WorkingCalendar;
  standards: LocalStandards;
  /** Legal statuses of short-break care (no statutory looked-after visits or reviews counted). */
  shortBreakLegalStatuses: readonly string[];
}

export interface WorkItem extends Due {
  personId: string;
  kind: WorkKind;
  /** What is due, in a few words: "Child protection visit". */
  title: string;
  /** Why it is due, in plain English: "last seen 3 November 2026". */
  detail: string;
  /** The record the work belongs to (plan, assessment, enquiry, period of care, action). */
  recordId: string;
  /** The plan the work belongs to, when there is one with its own page. */
  plan: { kind: PlanKind; id: string } | null;
  clock: ClockId | null;
}

/**
 * A piece of work, written out field by field: V8 copies a spread (`{ ...due }`) on a slower path, and a team's
 * dashboard makes thousands of these.
 */
function workItem(
  personId: string, kind: WorkKind, title: string, detail: string, recordId: string, plan: WorkItem['plan'], clock: ClockId | null, due: Due,
): WorkItem {
  return {
    personId, kind, title, detail, recordId, plan, clock,
    state: due.state, due: due.due, overdueBy: due.overdueBy, measure: due.measure, workingDaysLeft: due.workingDaysLeft,
  };
}

const open = (start: string, end: string | null, today: string) => start <= today && (end === null || end > today);
const latest = <T extends { start: string }>(items: readonly T[]): T | undefined =>
  items.reduce<T | undefined>((best, x) => (best === undefined || x.start > best.start ? x : best), undefined);

/** What the child's situation is today: their open CP plan, CIN plan, and period of care. */
export function caseSituation(c: CaseRecords, today: string, settings: WorkSettings) {
  const cpPlan = latest(c.cpPlans.filter((p) => open(p.start, p.end, today)));
  const cinPlan = latest(c.cinPlans.filter((p) => open(p.start, p.end, today)));
  const openEpisode = latest(c.claEpisodes.filter((e) => open(e.start, e.ceased, today)));
  let care: { claId: string; start: string } | undefined;
  if (openEpisode) {
    const start = c.claEpisodes.filter((e) => e.claId === openEpisode.claId).reduce((m, e) => (e.start < m ? e.start : m), openEpisode.start);
    care = { claId: openEpisode.claId, start };
  }
  const status = latest(c.legalStatuses.filter((s) => open(s.start, s.end, today)));
  const shortBreaks = care !== undefined && status !== undefined && settings.shortBreakLegalStatuses.includes(status.status);
  const carePlan = latest(c.carePlans.filter((p) => open(p.start, p.end, today)));
  return { cpPlan, cinPlan, care, shortBreaks, carePlan };
}

/**
 * The work the child's case needs next, each with its due state as at `today` (overdue, due soon or later).
 * Work that has been done is not listed. `kinds` limits it (for example an IRO's allocations: reviews and
 * conferences only).
 */
export function caseWork(c: CaseRecords, today: string, settings: WorkSettings, kinds: readonly WorkKind[] = WORK_KINDS): WorkItem[] {
  const ctx: ClockContext = { calendar: settings.calendar, standards: settings.standards };
  const want = new Set(kinds);
  const items: WorkItem[] = [];
  const { cpPlan, cinPlan, care, shortBreaks, carePlan } = caseSituation(c, today, settings);
  const upToToday = (dates: readonly string[]) => dates.filter((d) => d <= today);
  const visits = upToToday(c.visitsSeen);
  const supervisions = upToToday(c.caseSupervisions);
  const lastOf = (dates: readonly string[], since: string) => dates.filter((d) => d >= since).sort().at(-1);

  const fromDeadline = (
    kind: WorkKind, title: string, detail: string, recordId: string, plan: WorkItem['plan'], deadline: Deadline,
  ) => {
    const due = dueFromClock(deadline.clock.status(deadline.start, null, today, ctx), settings.calendar);
    if (due) items.push(workItem(c.personId, kind, title, detail, recordId, plan, deadline.clock.id, due));
  };
  const fromClock = (kind: WorkKind, title: string, detail: string, recordId: string, plan: WorkItem['plan'], clock: DayClock, start: string, done: string | null) => {
    const due = dueFromClock(clock.status(start, done, today, ctx), settings.calendar);
    if (due) items.push(workItem(c.personId, kind, title, detail, recordId, plan, clock.id, due));
  };
  const seenText = (since: string, what: string) => {
    const last = lastOf(visits, since);
    return last ? `Last seen ${longDate(last)}` : `Not seen since the ${what} started on ${longDate(since)}`;
  };

  // Visits.
  if (want.has('visit')) {
    if (cpPlan) {
      fromDeadline('visit', 'Child protection visit', seenText(cpPlan.start, 'plan'), cpPlan.id, { kind: 'cp', id: cpPlan.id },
        nextRecurring(cpVisitClock, cpPlan.start, visits, ctx));
    }
    if (care && !shortBreaks) {
      const placement = latest(c.placements.filter((p) => p.claId === care.claId && open(p.start, p.end, today)));
      if (placement) {
        const deadline = nextClaVisit({ start: placement.start, longTerm: placement.longTerm }, visits, ctx);
        const last = lastOf(visits, placement.start);
        const detail = last ? `Last seen ${longDate(last)}` : `Not seen since the placement started on ${longDate(placement.start)}`;
        fromDeadline('visit', 'Looked-after visit', detail, placement.id, carePlan ? { kind: 'cla', id: carePlan.id } : null, deadline);
      }
    }
    if (cinPlan && !cpPlan && !(care && !shortBreaks)) {
      fromDeadline('visit', 'Child in need visit', seenText(cinPlan.start, 'plan'), cinPlan.id, { kind: 'cin', id: cinPlan.id },
        nextRecurring(cinVisitClock, cinPlan.start, visits, ctx));
    }
  }

  // Assessments.
  if (want.has('assessment')) {
    for (const a of c.openAssessments) {
      if (a.start > today) continue;
      const referral = a.referralId === null ? undefined : c.referrals.find((r) => r.id === a.referralId);
      const deadline = assessmentDeadline({ start: a.start, referral: referral?.date ?? null }, ctx);
      if (deadline) fromDeadline('assessment', 'Assessment', `Started ${longDate(a.start)}`, a.id, null, deadline);
    }
  }

  // Initial child protection conferences.
  if (want.has('icpc')) {
    for (const s of c.s47s) {
      if (s.start > today) continue;
      const mayNeed = s.icpcNeeded === true || (s.icpcNeeded === null && s.end === null);
      if (!mayNeed) continue;
      const from = s.strategyDate !== null && s.strategyDate <= s.start ? s.strategyDate : s.start;
      const held = c.icpcs.some((i) => i.s47Id === s.id || (i.s47Id === null && i.date >= from)) || c.cpPlans.some((p) => p.start >= from);
      if (held) continue;
      const detail = s.strategyDate !== null
        ? `Strategy discussion ${longDate(s.strategyDate)}; section 47 enquiry ${s.icpcNeeded ? 'decided a conference is needed' : 'still open'}`
        : `Section 47 enquiry started ${longDate(s.start)}${s.icpcNeeded ? '; a conference is needed' : ', still open'}`;
      fromClock('icpc', 'Initial child protection conference', detail, s.id, null, icpcClock, from, null);
    }
  }

  // The first core group of a CP plan.
  if (want.has('core-group') && cpPlan) {
    const first = c.coreGroups.filter((d) => d >= cpPlan.start && d <= today).sort()[0] ?? null;
    fromClock('core-group', 'First core group meeting', `Child protection plan started ${longDate(cpPlan.start)}`, cpPlan.id,
      { kind: 'cp', id: cpPlan.id }, coreGroupClock, cpPlan.start, first);
  }

  // Reviews.
  if (want.has('review')) {
    if (cpPlan) {
      const held = upToToday(c.cpReviews.filter((r) => r.planId === cpPlan.id).map((r) => r.date));
      const last = lastOf(held, cpPlan.start);
      fromDeadline('review', 'Child protection review conference',
        last ? `Last review conference ${longDate(last)}` : `Plan started ${longDate(cpPlan.start)}; no review conference yet`,
        cpPlan.id, { kind: 'cp', id: cpPlan.id }, nextCpReview(cpPlan.start, held, ctx));
    }
    if (care && !shortBreaks) {
      const held = upToToday(c.claReviews.filter((r) => r.claId === care.claId).map((r) => r.date));
      const last = lastOf(held, care.start);
      fromDeadline('review', 'Looked-after review',
        last ? `Last review ${longDate(last)}` : `Looked after since ${longDate(care.start)}; no review yet`,
        care.claId, carePlan ? { kind: 'cla', id: carePlan.id } : null, nextClaReview(care.start, held, ctx));
    }
  }

  // Case supervision: the most frequent standard that applies.
  if (want.has('supervision')) {
    const basis = cpPlan
      ? { clock: cpSupervisionClock, since: cpPlan.start, what: 'child protection plan', plan: { kind: 'cp' as const, id: cpPlan.id }, id: cpPlan.id }
      : care
        ? { clock: claSupervisionClock, since: care.start, what: 'period of care', plan: carePlan ? { kind: 'cla' as const, id: carePlan.id } : null, id: care.claId }
        : cinPlan
          ? { clock: cinSupervisionClock, since: cinPlan.start, what: 'child in need plan', plan: { kind: 'cin' as const, id: cinPlan.id }, id: cinPlan.id }
          : null;
    if (basis) {
      const last = lastOf(supervisions, basis.since);
      const detail = last ? `Last case supervision ${longDate(last)}` : `No case supervision since the ${basis.what} started on ${longDate(basis.since)}`;
      fromDeadline('supervision', 'Case supervision', detail, basis.id, basis.plan, nextRecurring(basis.clock, basis.since, supervisions, ctx));
    }
  }

  // Plan actions on plans still open.
  if (want.has('plan-action')) {
    const planOf = (type: string, id: string): { known: boolean; open: boolean; kind: PlanKind | null } => {
      const find = (list: readonly { id: string; start: string; end: string | null }[]) => list.find((p) => p.id === id);
      const plan = type === 'CIN' ? find(c.cinPlans) : type === 'CP' ? find(c.cpPlans) : type === 'CLA' ? find(c.carePlans) : type === 'EH' ? find(c.earlyHelp) : undefined;
      const kind = type === 'CIN' ? 'cin' : type === 'CP' ? 'cp' : type === 'CLA' ? 'cla' : null;
      return plan ? { known: true, open: plan.end === null || plan.end > today, kind } : { known: false, open: true, kind };
    };
    for (const a of c.openActions) {
      const plan = planOf(a.planType, a.planId);
      if (!plan.open) continue;
      const due = dueByDate(a.due, today, settings.calendar);
      items.push(workItem(
        c.personId, 'plan-action', `${PLAN_NAMES[a.planType] ?? 'Plan'} action`, `${a.action.replace(/[.\s]+$/, '')}. Who: ${a.responsible}`,
        a.id, plan.kind && plan.known ? { kind: plan.kind, id: a.planId } : null, null, due,
      ));
    }
  }
  return items;
}

/**
 * The kinds of work an allocation carries, by its role (codeLists.allocationRole): the case-holding worker and
 * co-workers carry everything; an independent reviewing officer the conferences and reviews; early help workers
 * and personal advisers the plan actions.
 */
export function workKindsFor(role: string | null): readonly WorkKind[] {
  switch (role) {
    case 'IRO':
      return ['icpc', 'review'];
    case 'EHW':
    case 'PA':
      return ['plan-action'];
    default:
      return WORK_KINDS;
  }
}

/**
 * Worst first: overdue statutory and local timescales (visits, assessments, conferences, reviews, supervision),
 * then overdue plan actions, then work due soon, then later; within each, the earliest due date first.
 */
export function worstFirst(a: WorkItem, b: WorkItem): number {
  const rank = (i: WorkItem) => (i.state === 'overdue' ? (i.kind === 'plan-action' ? 1 : 0) : i.state === 'due-soon' ? 2 : 3);
  return rank(a) - rank(b) || (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0);
}
