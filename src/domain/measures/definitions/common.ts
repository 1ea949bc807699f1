/** Helpers the definitions share: events in a period, dates in words, teams, children on plans, looked-after children. */
import type { DayClockStatus } from '../../clocks/clock.js';
import { formatDueTime, formatShortDate } from '../../clocks/describe.js';
import { clockById } from '../../clocks/registry.js';
import { isoDateOf, toLondon } from '../../time/london.js';
import type { MeasureContext, PeriodOfCare, PersonRecords } from '../context.js';
import { openAt } from '../context.js';
import type { LegalStatusInput, PlanInput } from '../inputs.js';
import type { DrillRow } from '../types.js';

/** The events of the given months, in order. */
export function* eventsIn<T>(map: ReadonlyMap<string, readonly T[]>, months: readonly string[]): Generator<T> {
  for (const month of months) yield* map.get(month) ?? [];
}

/** "3 Mar", or "3 Mar 2023" when the year differs from the reference date's. */
export function day(date: string, reference: string): string {
  return date.slice(0, 4) === reference.slice(0, 4) ? formatShortDate(date) : `${formatShortDate(date)} ${date.slice(0, 4)}`;
}

/** "3 Mar 2025": with the year always, for lists that span a year end. */
export function dated(date: string): string {
  return `${formatShortDate(date)} ${date.slice(0, 4)}`;
}

/**
 * The rows of a measure over several months (rolling 12 months, or cumulative), each month's rows built once
 * per context and reused by every reporting month whose period includes it. Rows made this way must not depend
 * on the reporting month.
 */
export function rowsOfMonths(
  ctx: MeasureContext,
  key: string,
  months: readonly string[],
  make: (month: string) => DrillRow[],
): DrillRow[] {
  // One list rather than a generator: a year of rows read through nested generators costs more than the list.
  const out: DrillRow[] = [];
  for (const month of months) {
    const rows = ctx.memo(`${key}:${month}`, () => make(month));
    for (let i = 0; i < rows.length; i++) out.push(rows[i] as DrillRow);
  }
  return out;
}

/** "14:30 on Tuesday 12 March" (London). */
export function when(instant: number): string {
  return formatDueTime(new Date(instant));
}

/** An instant as London 'YYYY-MM-DD HH:MM:SS' for a row's dates. */
export function instantText(instant: number): string {
  const l = toLondon(instant);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${isoDateOf(l.year, l.month, l.day)} ${two(l.hour)}:${two(l.minute)}:${two(l.second)}`;
}

/** The last of the sorted dates that is on or before `date` (and on or after `from`, when given). */
export function latestBetween(sorted: readonly string[], from: string | null, date: string): string | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) <= date) lo = mid + 1;
    else hi = mid;
  }
  const found = lo > 0 ? (sorted[lo - 1] as string) : null;
  return found !== null && (from === null || found >= from) ? found : null;
}

/** The last of the sorted dates strictly before `date`, or null. */
export function latestBefore(sorted: readonly string[], date: string): string | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < date) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? (sorted[lo - 1] as string) : null;
}

/** The number of sorted dates on or after `from` and on or before `to`. */
export function countBetween(sorted: readonly string[], from: string, to: string): number {
  const bound = (d: string, inclusive: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = sorted[mid] as string;
      if (v < d || (inclusive && v === d)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return Math.max(0, bound(to, true) - bound(from, false));
}

/**
 * The team responsible for a child at the end of a day: the team of the child's latest-starting case-holding
 * allocation open then, else `fallback` (the record's own team). A child who moves teams is counted once, in
 * the team holding the case at the deciding date.
 */
export function teamAt(ctx: MeasureContext, personId: string, date: string, fallback: string | null): string | null {
  return teamOf(ctx, ctx.person(personId), date, fallback);
}

/** As {@link teamAt}, for a child whose records are already in hand. */
export function teamOf(ctx: MeasureContext, records: PersonRecords, date: string, fallback: string | null): string | null {
  const held = records.caseHolding;
  for (let i = held.length - 1; i >= 0; i--) {
    const { allocation: a, end } = held[i] as (typeof held)[number];
    if (a.teamId !== null && a.startDate <= date && (end === null || end > date)) return a.teamId;
  }
  return fallback;
}

/** A child's plans open at a date, grouped from a list sorted by person: the current (latest-starting) plan and all. */
export interface ChildOnPlan {
  personId: string;
  records: PersonRecords;
  plan: PlanInput;
  plans: PlanInput[];
}

export function childrenOnPlans(ctx: MeasureContext, plans: readonly PlanInput[]): ChildOnPlan[] {
  const out: ChildOnPlan[] = [];
  for (const plan of plans) {
    const last = out.at(-1);
    if (last && last.personId === plan.personId) {
      last.plans.push(plan);
      last.plan = plan; // sorted by start, so the latest-starting is last
    } else {
      out.push({ personId: plan.personId, records: ctx.person(plan.personId), plan, plans: [plan] });
    }
  }
  return out;
}

export function cpChildrenAt(ctx: MeasureContext, date: string): ChildOnPlan[] {
  return ctx.memo(`cp-children:${date}`, () => childrenOnPlans(ctx, ctx.open.cpPlans(date)));
}

export function cinChildrenAt(ctx: MeasureContext, date: string): ChildOnPlan[] {
  return ctx.memo(`cin-children:${date}`, () => childrenOnPlans(ctx, ctx.open.cinPlans(date)));
}

/** A problem to record when a child has more than one plan of a kind open at once. */
export function overlapProblem(child: ChildOnPlan, kind: string, reference: string): string | undefined {
  if (child.plans.length < 2) return undefined;
  const list = child.plans.map((p) => `${p.id} (from ${day(p.startDate, reference)})`).join(', ');
  return `${child.plans.length} ${kind} plans open at once: ${list}; the latest-starting is used`;
}

/** The child's legal status at the end of a day (the latest-starting one open then), or null. */
export function legalStatusAt(ctx: MeasureContext, personId: string, date: string): LegalStatusInput | null {
  return legalStatusOf(ctx.person(personId), date);
}

function legalStatusOf(records: PersonRecords, date: string): LegalStatusInput | null {
  const statuses = records.legalStatuses;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const s = statuses[i] as LegalStatusInput;
    if (openAt(s.startDate, s.endDate, date)) return s;
  }
  return null;
}

export interface LookedAfterChild {
  personId: string;
  records: PersonRecords;
  /** The period of care open at the date (the latest-starting, if the records overlap). */
  period: PeriodOfCare;
  /** Other periods of care open at the same date (a recording problem). */
  overlapping: PeriodOfCare[];
  legalStatus: LegalStatusInput | null;
  /** True when the legal status is a short-break one (V3/V4): not counted as looked after by the measures. */
  shortBreak: boolean;
}

/** Every child with a period of care open at the end of a day, in person order, with their legal status then. */
export function lookedAfterAt(ctx: MeasureContext, date: string): LookedAfterChild[] {
  return ctx.memo(`looked-after:${date}`, () => {
    const out: LookedAfterChild[] = [];
    for (const period of ctx.open.periods(date)) {
      const last = out.at(-1);
      if (last && last.personId === period.personId) {
        last.overlapping.push(last.period);
        last.period = period;
        continue;
      }
      const records = ctx.person(period.personId);
      const legalStatus = legalStatusOf(records, date);
      out.push({
        personId: period.personId,
        records,
        period,
        overlapping: [],
        legalStatus,
        shortBreak: legalStatus !== null && ctx.shortBreakStatuses.has(legalStatus.status),
      });
    }
    return out;
  });
}

/** Persons looked after at a date for the measures (short breaks excluded), as a set. */
export function lookedAfterSet(ctx: MeasureContext, date: string): ReadonlySet<string> {
  return ctx.memo(`looked-after-set:${date}`, () => new Set(lookedAfterAt(ctx, date).filter((c) => !c.shortBreak).map((c) => c.personId)));
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Elapsed time in hours (for 24- and 72-hour timescales): "24 hours", "23 hours 30 minutes", "24 hours 1 second". */
export function hoursText(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h > 0 || (m === 0 && s === 0) ? plural(h, 'hour') : '', m > 0 ? plural(m, 'minute') : '', s > 0 ? plural(s, 'second') : ''];
  return parts.filter((p) => p !== '').join(' ');
}

/**
 * A day clock's status in words, as the clocks' describeStatus ("visit due 12 Mar, seen 15 Mar: 3 working days
 * late"), but with the year when it differs from the status date's, and with a working-day deadline that fell
 * on the last working day before a weekend or holiday month end reading "not overdue" (not "0 working days left").
 */
export function statusText(status: DayClockStatus): string {
  const { words } = clockById(status.clock);
  const unit = status.measure === 'working days' ? 'working day' : 'day';
  const head = `${words.event} due ${day(status.due, status.now)}`;
  switch (status.state) {
    case 'met':
      return `${head}, ${words.done} ${day(status.done as string, status.now)}: on time`;
    case 'late':
      return `${head}, ${words.done} ${day(status.done as string, status.now)}: ${plural(status.overdueBy ?? 0, unit)} late`;
    case 'overdue':
      return `${head}, not ${words.done}: ${plural(status.overdueBy ?? 0, unit)} overdue`;
    case 'pending':
      if (status.remaining !== 0) return `${head}: ${plural(status.remaining ?? 0, unit)} left`;
      return status.now === status.due ? `${head}: due today` : `${head}, the last working day before month end: not overdue`;
  }
}
