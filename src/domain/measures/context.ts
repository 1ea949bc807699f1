/**
 * The measure context: the inputs with the indexes every measure reads, built once per inputs, so that a
 * figure never scans a whole array per child. Lists "open at the end of day D" (settled detail 1) are built
 * on first use for each D and kept.
 */
import type { WorkingCalendar } from '../calendar/working-days.js';
import type { ClockContext } from '../clocks/clock.js';
import type { LocalStandards } from '../clocks/standards.js';
import { bstBoundaries, dayNumberOf } from '../time/london.js';
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

/** An allocation in a case-holding role, with the date it stopped counting: its end, or its worker's leaving date if earlier. */
export interface CaseHoldingAllocation {
  allocation: AllocationInput;
  /** The allocation's end, or the worker's leaving date if earlier (a worker who has left is not an allocation). */
  end: string | null;
  /** True when `end` is the worker's leaving date rather than the allocation's own end. */
  workerLeft: boolean;
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
  /** The allocations in a case-holding role (settings), by start date. */
  caseHolding: CaseHoldingAllocation[];
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

/**
 * Events by the London calendar month 'YYYY-MM' they happened in, each month sorted by time then id. Read a month
 * with get(): its list is sorted when first read.
 */
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

/**
 * Sorts a list in place unless it is already in order. Records mostly arrive in date order, so most lists are,
 * and an already-ordered list is left exactly as sorting would leave it (the sort is stable).
 */
function sortList<V>(list: V[], order: (a: V, b: V) => number): void {
  for (let i = 1; i < list.length; i++) {
    if (order(list[i - 1] as V, list[i] as V) > 0) {
      list.sort(order);
      return;
    }
  }
}

/** As sortList, for dates (the default sort order of strings). */
function sortDates(list: string[]): void {
  for (let i = 1; i < list.length; i++) {
    if ((list[i - 1] as string) > (list[i] as string)) {
      list.sort();
      return;
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Lists by month, each sorted when first read (most months of a long history are never asked for). Fill it
 * with `add`, never with `push`: `get` marks a list as sorted, so reading a list to append to it would leave
 * everything appended after its first item in the order the database returned the rows (which differs
 * between PGlite and PostgreSQL).
 */
class SortedOnRead<V> extends Map<string, V[]> {
  readonly #sorted = new Set<string>();
  constructor(readonly order: (a: V, b: V) => number) {
    super();
  }
  /** Appends to the key's list, which is sorted again when next read. */
  add(key: string, value: V): void {
    const list = super.get(key);
    if (list) list.push(value);
    else super.set(key, [value]);
    this.#sorted.delete(key);
  }
  override get(key: string): V[] | undefined {
    const list = super.get(key);
    if (list !== undefined && !this.#sorted.has(key)) {
      sortList(list, this.order);
      this.#sorted.add(key);
    }
    return list;
  }
}

function sortAll<V>(map: Map<string, V[]>, order: (a: V, b: V) => number): Map<string, V[]> {
  for (const list of map.values()) sortList(list, order);
  return map;
}

const byStartThenId = (a: { startDate: string; id: string }, b: { startDate: string; id: string }) =>
  compare(a.startDate, b.startDate) || compare(a.id, b.id);
const byDateThenId = (a: ReferralInput, b: ReferralInput) => compare(a.date, b.date) || compare(a.id, b.id);
const byStartThenStatus = (a: LegalStatusInput, b: LegalStatusInput) => compare(a.startDate, b.startDate) || compare(a.status, b.status);
const byStartThenWorker = (a: AllocationInput, b: AllocationInput) => compare(a.startDate, b.startDate) || compare(a.workerId, b.workerId);
const byPersonStartId = (a: { personId: string; startDate: string; id: string }, b: { personId: string; startDate: string; id: string }) =>
  compare(a.personId, b.personId) || byStartThenId(a, b);

const OPEN_ENDED = 2 ** 31 - 1;

const BST = new Map<number, { start: number; end: number }>();

/** The London calendar month 'YYYY-MM' of an instant (as londonDate(instant).slice(0, 7), with the clock-change dates cached). */
export function londonMonthOf(instant: number): string {
  const year = new Date(instant).getUTCFullYear();
  let bst = BST.get(year);
  if (bst === undefined) {
    bst = bstBoundaries(year);
    BST.set(year, bst);
  }
  const local = new Date(instant >= bst.start && instant < bst.end ? instant + 3_600_000 : instant);
  const m = local.getUTCMonth() + 1;
  return `${local.getUTCFullYear()}-${m < 10 ? '0' : ''}${m}`;
}

/**
 * Records open at a date, computed once per date from a list sorted in output order. Start and end are kept as
 * day numbers in typed arrays, so that the scan over the whole history for a date is a tight loop.
 */
function openList<T>(items: readonly T[], start: (t: T) => string, end: (t: T) => string | null): (date: string) => readonly T[] {
  const starts = new Int32Array(items.length);
  const ends = new Int32Array(items.length);
  items.forEach((t, i) => {
    starts[i] = dayNumberOf(start(t));
    const e = end(t);
    ends[i] = e === null ? OPEN_ENDED : dayNumberOf(e);
  });
  const cache = new Map<string, T[]>();
  return (date) => {
    let list = cache.get(date);
    if (!list) {
      const d = dayNumberOf(date);
      list = [];
      for (let i = 0; i < starts.length; i++) {
        if ((starts[i] as number) <= d && (ends[i] as number) > d) list.push(items[i] as T);
      }
      cache.set(date, list);
    }
    return list;
  };
}

/** A shared, frozen empty list: a child's list is replaced (never pushed to) when its first item arrives. */
const NONE = Object.freeze([]) as unknown as never[];

class Person implements PersonRecords {
  cpPlans: PlanInput[] = NONE;
  cinPlans: PlanInput[] = NONE;
  referrals: ReferralInput[] = NONE;
  referralDates: string[] = NONE;
  seenVisits: string[] = NONE;
  caseSupervisions: string[] = NONE;
  periods: PeriodOfCare[] = NONE;
  legalStatuses: LegalStatusInput[] = NONE;
  placements: PlacementInput[] = NONE;
  allocations: AllocationInput[] = NONE;
  caseHolding: CaseHoldingAllocation[] = NONE;
  /** Lists sorted and case-holding allocations found (done on first look). */
  ready = false;
}

const EMPTY_PERSON: PersonRecords = Object.freeze(new Person());

/** Build the context for a set of inputs and an authority's settings (defaults where not given). */
export function measureContext(inputs: MeasureInputs, overrides: MeasureSettingsOverrides | MeasureSettings = {}): MeasureContext {
  const settings = measureSettings(overrides as MeasureSettingsOverrides);
  // One record per child, its lists shared empty ones until the child has something to put in them.
  const people = new Map<string, Person>();
  const person = (id: string): Person => {
    let p = people.get(id);
    if (p === undefined) {
      p = new Person();
      people.set(id, p);
    }
    return p;
  };

  const caseHoldingRoles = new Set(settings.caseHoldingRoles);
  if (settings.personalAdvisersCaseHolding) caseHoldingRoles.add('PA');
  const workers = new Map(inputs.workers.map((w) => [w.id, w]));

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

  // Each list is grown with its own statement so that every access stays monomorphic (this runs per record).
  for (const plan of inputs.cpPlans) {
    const p = person(plan.personId);
    if (p.cpPlans === NONE) p.cpPlans = [plan];
    else p.cpPlans.push(plan);
  }
  for (const plan of inputs.cinPlans) {
    const p = person(plan.personId);
    if (p.cinPlans === NONE) p.cinPlans = [plan];
    else p.cinPlans.push(plan);
  }
  for (const r of inputs.referrals) {
    const p = person(r.personId);
    if (p.referrals === NONE) p.referrals = [r];
    else p.referrals.push(r);
  }
  for (const v of inputs.visits) {
    if (!v.seen) continue;
    const p = person(v.personId);
    if (p.seenVisits === NONE) p.seenVisits = [v.date];
    else p.seenVisits.push(v.date);
  }
  const supervisionTypes = new Set(settings.caseSupervisionTypes);
  for (const s of inputs.supervisions) {
    if (!supervisionTypes.has(s.type)) continue;
    const p = person(s.personId);
    if (p.caseSupervisions === NONE) p.caseSupervisions = [s.date];
    else p.caseSupervisions.push(s.date);
  }
  for (const period of periods) {
    const p = person(period.personId);
    if (p.periods === NONE) p.periods = [period];
    else p.periods.push(period);
  }
  for (const l of inputs.legalStatuses) {
    const p = person(l.personId);
    if (p.legalStatuses === NONE) p.legalStatuses = [l];
    else p.legalStatuses.push(l);
  }
  for (const pl of inputs.placements) {
    const p = person(pl.personId);
    if (p.placements === NONE) p.placements = [pl];
    else p.placements.push(pl);
  }
  for (const a of inputs.allocations) {
    const p = person(a.personId);
    if (p.allocations === NONE) p.allocations = [a];
    else p.allocations.push(a);
  }
  /** A child's lists are sorted, and their case-holding allocations found, when the child is first looked at. */
  const prepare = (p: Person): Person => {
    p.ready = true;
    if (p.cpPlans.length > 1) sortList(p.cpPlans, byStartThenId);
    if (p.cinPlans.length > 1) sortList(p.cinPlans, byStartThenId);
    if (p.referrals.length > 1) sortList(p.referrals, byDateThenId);
    if (p.referrals.length > 0) p.referralDates = p.referrals.map((r) => r.date);
    if (p.seenVisits.length > 1) sortDates(p.seenVisits);
    if (p.caseSupervisions.length > 1) sortDates(p.caseSupervisions);
    if (p.legalStatuses.length > 1) sortList(p.legalStatuses, byStartThenStatus);
    if (p.placements.length > 1) sortList(p.placements, byStartThenId);
    if (p.allocations.length > 1) sortList(p.allocations, byStartThenWorker);
    for (const a of p.allocations) {
      if (a.role === null || !caseHoldingRoles.has(a.role)) continue;
      const left = workers.get(a.workerId)?.endDate ?? null;
      const byLeaving = left !== null && (a.endDate === null || left < a.endDate);
      const held = { allocation: a, end: byLeaving ? left : a.endDate, workerLeft: byLeaving };
      if (p.caseHolding === NONE) p.caseHolding = [held];
      else p.caseHolding.push(held);
    }
    return p;
  };

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
  const referralDecisions = new SortedOnRead<ContactInput>((a, b) => (a.decisionAt as number) - (b.decisionAt as number) || compare(a.id, b.id));
  for (const c of inputs.contacts) {
    if (c.decision === 'REF' && c.decisionAt !== null) referralDecisions.add(londonMonthOf(c.decisionAt), c);
  }
  const returns = new SortedOnRead<MissingInput>((a, b) => (a.endAt as number) - (b.endAt as number) || compare(a.id, b.id));
  for (const m of inputs.missing) if (m.endAt !== null) returns.add(londonMonthOf(m.endAt), m);
  const byDateMonth = <T extends { id: string }>(items: readonly T[], date: (t: T) => string | null) => {
    const map = new SortedOnRead<T>((a, b) => compare(date(a) as string, date(b) as string) || compare(a.id, b.id));
    for (const t of items) {
      const d = date(t);
      if (d !== null) map.add(d.slice(0, 7), t);
    }
    return map;
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

  const memos = new Map<string, unknown>();

  return {
    inputs,
    settings,
    calendar: settings.calendar,
    standards: settings.standards,
    clock: { calendar: settings.calendar, standards: settings.standards },
    person: (id) => {
      const p = people.get(id);
      return p === undefined ? EMPTY_PERSON : p.ready ? p : prepare(p);
    },
    periodsOfCare,
    strategies: byId(inputs.strategies),
    s47s: byId(inputs.s47s),
    referrals: byId(inputs.referrals),
    workers,
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
