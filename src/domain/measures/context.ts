/**
 * The measure context: the inputs with the indexes every measure reads, built once per inputs, so that a
 * figure never scans a whole array per child. Lists "open at the end of day D" (settled detail 1) are built
 * on first use for each D and kept.
 */
import type { WorkingCalendar } from '../calendar/working-days.js';
import type { ClockContext } from '../clocks/clock.js';
import type { LocalStandards } from '../clocks/standards.js';
import { londonDate } from '../time/london.js';
import type {
  AbsenceInput,
  AllocationInput,
  AssessmentInput,
  AuditInput,
  ContactInput,
  IcpcInput,
  LegalStatusInput,
  MeasureInputs,
  MissingInput,
  PlacementInput,
  PlanInput,
  PostHolderInput,
  PostInput,
  ReferralInput,
  ReviewInput,
  S47Input,
  StrategyInput,
  WorkerInput,
} from './inputs.js';
import { measureSettings, type MeasureSettings, type MeasureSettingsOverrides } from './settings.js';

/** A period of care: the episodes sharing a claId, from the first start to the last cessation. */
export interface PeriodOfCare {
  id: string;
  personId: string;
  startDate: string;
  /** Null while any of its episodes is open. */
  endDate: string | null;
}

/** A looked-after review with a stable id for drill-down (the inputs carry none). */
export interface ClaReview {
  id: string;
  review: ReviewInput;
}

/** One child's records, each list sorted by start date (then id). */
export interface PersonRecords {
  cpPlans: PlanInput[];
  cinPlans: PlanInput[];
  referrals: ReferralInput[];
  /** Dates of the child's referrals, sorted. */
  referralDates: string[];
  /** Dates of visits in which the child was seen (any visit kind), sorted. */
  seenVisits: string[];
  /** Dates of case supervision (the configured types), sorted. */
  caseSupervisions: string[];
  periods: PeriodOfCare[];
  legalStatuses: LegalStatusInput[];
  placements: PlacementInput[];
  allocations: AllocationInput[];
}

/** Records open at the end of a day, sorted by person (where they have one), start date and id. */
export interface OpenLists {
  cpPlans(date: string): readonly PlanInput[];
  cinPlans(date: string): readonly PlanInput[];
  referrals(date: string): readonly ReferralInput[];
  periods(date: string): readonly PeriodOfCare[];
  allocations(date: string): readonly AllocationInput[];
  posts(date: string): readonly PostInput[];
}

/** Events by the London calendar month 'YYYY-MM' they happened in, each month sorted by time then id. */
export interface MonthlyEvents {
  /** Contacts accepted as a referral (decision REF), by the month of the decision. */
  referralDecisions: ReadonlyMap<string, readonly ContactInput[]>;
  icpcs: ReadonlyMap<string, readonly IcpcInput[]>;
  /** Assessments by the month they were authorised. */
  assessmentsAuthorised: ReadonlyMap<string, readonly AssessmentInput[]>;
  /** Missing episodes by the month the child returned. */
  returns: ReadonlyMap<string, readonly MissingInput[]>;
  audits: ReadonlyMap<string, readonly AuditInput[]>;
  referrals: ReadonlyMap<string, readonly ReferralInput[]>;
  cpPlanStarts: ReadonlyMap<string, readonly PlanInput[]>;
  claReviews: ReadonlyMap<string, readonly ClaReview[]>;
}

export interface MeasureContext {
  readonly inputs: MeasureInputs;
  readonly settings: MeasureSettings;
  readonly calendar: WorkingCalendar;
  readonly standards: LocalStandards;
  /** Calendar and standards, as the clocks take them. */
  readonly clock: ClockContext;
  /** A child's records (empty lists for an unknown id). */
  person(personId: string): PersonRecords;
  readonly periodsOfCare: ReadonlyMap<string, PeriodOfCare>;
  readonly strategies: ReadonlyMap<string, StrategyInput>;
  readonly s47s: ReadonlyMap<string, S47Input>;
  readonly referrals: ReadonlyMap<string, ReferralInput>;
  readonly workers: ReadonlyMap<string, WorkerInput>;
  readonly posts: ReadonlyMap<string, PostInput>;
  readonly holdersByWorker: ReadonlyMap<string, readonly PostHolderInput[]>;
  readonly holdersByPost: ReadonlyMap<string, readonly PostHolderInput[]>;
  readonly absencesByWorker: ReadonlyMap<string, readonly AbsenceInput[]>;
  /** Dates of the review conferences of each CP plan, sorted. */
  readonly cpReviewsByPlan: ReadonlyMap<string, readonly string[]>;
  /** Dates of the reviews of each period of care, sorted. */
  readonly claReviewsByPeriod: ReadonlyMap<string, readonly string[]>;
  readonly events: MonthlyEvents;
  readonly open: OpenLists;
  /** Allocation roles that hold the case (settings.caseHoldingRoles, plus PA if personal advisers count). */
  readonly caseHoldingRoles: ReadonlySet<string>;
  readonly shortBreakStatuses: ReadonlySet<string>;
  /** A value computed once per context and key (shared lists such as the children looked after at a date). */
  memo<T>(key: string, make: () => T): T;
}

/** A record is open at the end of day D if it started on or before D and has no end or ends after D. */
export function openAt(start: string, end: string | null, date: string): boolean {
  return start <= date && (end === null || end > date);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sortAll<V>(map: Map<string, V[]>, order: (a: V, b: V) => number): Map<string, V[]> {
  for (const list of map.values()) list.sort(order);
  return map;
}

const byStartThenId = (a: { startDate: string; id: string }, b: { startDate: string; id: string }) =>
  compare(a.startDate, b.startDate) || compare(a.id, b.id);
const byPersonStartId = (a: { personId: string; startDate: string; id: string }, b: { personId: string; startDate: string; id: string }) =>
  compare(a.personId, b.personId) || byStartThenId(a, b);

/** Records open at a date, computed once per date from a list sorted in output order. */
function openList<T>(items: readonly T[], start: (t: T) => string, end: (t: T) => string | null): (date: string) => readonly T[] {
  const cache = new Map<string, T[]>();
  return (date) => {
    let list = cache.get(date);
    if (!list) {
      list = items.filter((t) => openAt(start(t), end(t), date));
      cache.set(date, list);
    }
    return list;
  };
}

const EMPTY_PERSON: PersonRecords = Object.freeze({
  cpPlans: [], cinPlans: [], referrals: [], referralDates: [], seenVisits: [], caseSupervisions: [], periods: [],
  legalStatuses: [], placements: [], allocations: [],
}) as PersonRecords;

/** Build the context for a set of inputs and an authority's settings (defaults where not given). */
export function measureContext(inputs: MeasureInputs, overrides: MeasureSettingsOverrides | MeasureSettings = {}): MeasureContext {
  const settings = measureSettings(overrides as MeasureSettingsOverrides);
  const people = new Map<string, PersonRecords>();
  const person = (id: string): PersonRecords => {
    let p = people.get(id);
    if (!p) {
      p = {
        cpPlans: [], cinPlans: [], referrals: [], referralDates: [], seenVisits: [], caseSupervisions: [], periods: [],
        legalStatuses: [], placements: [], allocations: [],
      };
      people.set(id, p);
    }
    return p;
  };

  // Periods of care from their episodes.
  const periodsOfCare = new Map<string, PeriodOfCare>();
  for (const e of inputs.claEpisodes) {
    const p = periodsOfCare.get(e.claId);
    if (!p) {
      periodsOfCare.set(e.claId, { id: e.claId, personId: e.personId, startDate: e.startDate, endDate: e.ceasedDate });
    } else {
      if (e.startDate < p.startDate) p.startDate = e.startDate;
      if (p.endDate !== null) p.endDate = e.ceasedDate === null || e.ceasedDate > p.endDate ? e.ceasedDate : p.endDate;
    }
  }
  const periods = [...periodsOfCare.values()].sort(byPersonStartId);

  for (const plan of inputs.cpPlans) person(plan.personId).cpPlans.push(plan);
  for (const plan of inputs.cinPlans) person(plan.personId).cinPlans.push(plan);
  for (const r of inputs.referrals) person(r.personId).referrals.push(r);
  for (const v of inputs.visits) if (v.seen) person(v.personId).seenVisits.push(v.date);
  const supervisionTypes = new Set(settings.caseSupervisionTypes);
  for (const s of inputs.supervisions) if (supervisionTypes.has(s.type)) person(s.personId).caseSupervisions.push(s.date);
  for (const p of periods) person(p.personId).periods.push(p);
  for (const l of inputs.legalStatuses) person(l.personId).legalStatuses.push(l);
  for (const p of inputs.placements) person(p.personId).placements.push(p);
  for (const a of inputs.allocations) person(a.personId).allocations.push(a);
  for (const p of people.values()) {
    p.cpPlans.sort(byStartThenId);
    p.cinPlans.sort(byStartThenId);
    p.referrals.sort((a, b) => compare(a.date, b.date) || compare(a.id, b.id));
    p.referralDates = p.referrals.map((r) => r.date);
    p.seenVisits.sort();
    p.caseSupervisions.sort();
    p.legalStatuses.sort((a, b) => compare(a.startDate, b.startDate) || compare(a.status, b.status));
    p.placements.sort(byStartThenId);
    p.allocations.sort((a, b) => compare(a.startDate, b.startDate) || compare(a.workerId, b.workerId));
  }

  const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((t) => [t.id, t]));
  const grouped = <T>(items: readonly T[], key: (t: T) => string, order: (a: T, b: T) => number) => {
    const map = new Map<string, T[]>();
    for (const t of items) push(map, key(t), t);
    return sortAll(map, order);
  };
  const dates = (reviews: readonly ReviewInput[]) => {
    const map = new Map<string, string[]>();
    for (const r of reviews) push(map, r.ofId, r.date);
    return sortAll(map, compare);
  };

  // Monthly event buckets.
  const referralDecisions = new Map<string, ContactInput[]>();
  for (const c of inputs.contacts) {
    if (c.decision === 'REF' && c.decisionAt !== null) push(referralDecisions, londonDate(c.decisionAt).slice(0, 7), c);
  }
  sortAll(referralDecisions, (a, b) => (a.decisionAt as number) - (b.decisionAt as number) || compare(a.id, b.id));
  const returns = new Map<string, MissingInput[]>();
  for (const m of inputs.missing) if (m.endAt !== null) push(returns, londonDate(m.endAt).slice(0, 7), m);
  sortAll(returns, (a, b) => (a.endAt as number) - (b.endAt as number) || compare(a.id, b.id));
  const byDateMonth = <T extends { id: string }>(items: readonly T[], date: (t: T) => string | null) => {
    const map = new Map<string, T[]>();
    for (const t of items) {
      const d = date(t);
      if (d !== null) push(map, d.slice(0, 7), t);
    }
    return sortAll(map, (a, b) => compare(date(a) as string, date(b) as string) || compare(a.id, b.id));
  };
  const claReviewList: ClaReview[] = [];
  const seen = new Map<string, number>();
  for (const review of [...inputs.claReviews].sort((a, b) => compare(a.ofId, b.ofId) || compare(a.date, b.date))) {
    const base = `${review.ofId}@${review.date}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    claReviewList.push({ id: n === 1 ? base : `${base}#${n}`, review });
  }
  const events: MonthlyEvents = {
    referralDecisions,
    icpcs: byDateMonth(inputs.icpcs, (i) => i.date),
    assessmentsAuthorised: byDateMonth(inputs.assessments, (a) => a.authorisedDate),
    returns,
    audits: byDateMonth(inputs.audits, (a) => a.date),
    referrals: byDateMonth(inputs.referrals, (r) => r.date),
    cpPlanStarts: byDateMonth(inputs.cpPlans, (p) => p.startDate),
    claReviews: sortAll(
      claReviewList.reduce((map, r) => (push(map, r.review.date.slice(0, 7), r), map), new Map<string, ClaReview[]>()),
      (a, b) => compare(a.review.date, b.review.date) || compare(a.id, b.id),
    ),
  };

  const sortedPlans = (plans: readonly PlanInput[]) => [...plans].sort(byPersonStartId);
  const allocations = [...inputs.allocations].sort(
    (a, b) => compare(a.personId, b.personId) || compare(a.startDate, b.startDate) || compare(a.workerId, b.workerId),
  );
  const referralsSorted = [...inputs.referrals].sort((a, b) => compare(a.personId, b.personId) || compare(a.date, b.date) || compare(a.id, b.id));
  const posts = [...inputs.posts].sort((a, b) => compare(a.teamId, b.teamId) || compare(a.id, b.id));
  const open: OpenLists = {
    cpPlans: openList(sortedPlans(inputs.cpPlans), (p) => p.startDate, (p) => p.endDate),
    cinPlans: openList(sortedPlans(inputs.cinPlans), (p) => p.startDate, (p) => p.endDate),
    referrals: openList(referralsSorted, (r) => r.date, (r) => r.closeDate),
    periods: openList(periods, (p) => p.startDate, (p) => p.endDate),
    allocations: openList(allocations, (a) => a.startDate, (a) => a.endDate),
    posts: openList(posts, (p) => p.startDate, (p) => p.endDate),
  };

  const caseHoldingRoles = new Set(settings.caseHoldingRoles);
  if (settings.personalAdvisersCaseHolding) caseHoldingRoles.add('PA');
  const memos = new Map<string, unknown>();

  return {
    inputs,
    settings,
    calendar: settings.calendar,
    standards: settings.standards,
    clock: { calendar: settings.calendar, standards: settings.standards },
    person: (id) => people.get(id) ?? EMPTY_PERSON,
    periodsOfCare,
    strategies: byId(inputs.strategies),
    s47s: byId(inputs.s47s),
    referrals: byId(inputs.referrals),
    workers: byId(inputs.workers),
    posts: byId(inputs.posts),
    holdersByWorker: grouped(inputs.postHolders, (h) => h.workerId, (a, b) => compare(a.startDate, b.startDate) || compare(a.postId, b.postId)),
    holdersByPost: grouped(inputs.postHolders, (h) => h.postId, (a, b) => compare(a.startDate, b.startDate) || compare(a.workerId, b.workerId)),
    absencesByWorker: grouped(inputs.absences, (a) => a.workerId, (a, b) => compare(a.startDate, b.startDate)),
    cpReviewsByPlan: dates(inputs.cpReviews),
    claReviewsByPeriod: dates(inputs.claReviews),
    events,
    open,
    caseHoldingRoles,
    shortBreakStatuses: new Set(settings.shortBreakLegalStatuses),
    memo<T>(key: string, make: () => T): T {
      if (!memos.has(key)) memos.set(key, make());
      return memos.get(key) as T;
    },
  };
}
