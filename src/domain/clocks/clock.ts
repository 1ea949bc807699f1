/**
 * The shape every clock shares, and the counting rules, each in one place.
 *
 * A clock runs from a start (a date, or an instant for hour clocks) for a length in its unit. Its due
 * point is:
 * - hours: the start instant + N × 3,600,000 ms (elapsed real time; a clock change makes no difference);
 * - working days: the N-th working day after the start date (the start is day 0);
 * - calendar days: the start date + N days (the start is day 0);
 * - months: the start date + N calendar months, a missing day becoming the month's last day.
 *
 * "Within N" means the event happened no later than the due point. For working days that is the
 * kpi-definitions convention "duration ≤ N", so an event on a weekend or holiday straight after a due
 * Friday is still in time (its duration is still N); lateness is counted in the same unit.
 *
 * An event before the start does not stop the clock (a visit before the placement began does not count).
 * An event after `now` has not happened yet as at `now` (so a status "as at month end" ignores later events).
 */
import { ENGLAND_AND_WALES, type WorkingCalendar } from '../calendar/working-days.js';
import { addDays, addMonths, daysBetween, londonDate } from '../time/london.js';
import { DEFAULT_LOCAL_STANDARDS, type LocalStandards, type NumericStandard } from './standards.js';

const HOUR_MS = 3_600_000;

export type ClockId =
  | 'contact-decision'
  | 'icpc'
  | 'assessment'
  | 'cp-visit'
  | 'cin-visit'
  | 'cp-supervision'
  | 'cin-supervision'
  | 'cla-supervision'
  | 'cp-review-first'
  | 'cp-review-later'
  | 'core-group'
  | 'cla-review-first'
  | 'cla-review-second'
  | 'cla-review-later'
  | 'cla-visit-first'
  | 'cla-visit'
  | 'cla-visit-long-term'
  | 'return-interview'
  | 'allocation';

export type ClockUnit = 'hours' | 'working days' | 'calendar days' | 'months';

/** The calendar and standards a clock is evaluated under; both default to England and Wales / the defaults. */
export interface ClockContext {
  calendar?: WorkingCalendar;
  standards?: LocalStandards;
}

/** A London date 'YYYY-MM-DD', or an instant (its London date is used). */
export type DateInput = string | Date;

export type ClockState = 'met' | 'late' | 'pending' | 'overdue';

interface StatusOf<T> {
  clock: ClockId;
  start: T;
  due: T;
  /** The event that stopped the clock, or null if none had (between the start and `now`). */
  done: T | null;
  /** The moment the status is taken at. */
  now: T;
  /** met: done in time; late: done after the due point; pending: not done, not yet due; overdue: not done and past due. */
  state: ClockState;
  /** true (met), false (late or overdue) or null (pending). */
  met: boolean | null;
  /** How far past the due point the event (or, while not done, `now`) is, in `measure`; null unless late or overdue. */
  overdueBy: number | null;
  /** How long is left until the due point, in `measure` (0 = due today / now); null unless pending. */
  remaining: number | null;
}

/** Status of a day-based clock. Months clocks measure lateness in calendar days. */
export interface DayClockStatus extends StatusOf<string> {
  measure: 'working days' | 'calendar days';
}

/** Status of an hour clock: amounts in milliseconds of elapsed time. */
export interface HourClockStatus extends StatusOf<Date> {
  measure: 'milliseconds';
}

export type ClockStatus = DayClockStatus | HourClockStatus;

/** What every clock says about itself (for pages and generated documentation). */
export interface ClockInfo {
  id: ClockId;
  name: string;
  /** From what event to what event, and how it is counted. */
  description: string;
  /** Legal basis or local standard. */
  source: string;
  /** The local standard that sets the length, or null for a fixed statutory length. */
  setting: NumericStandard | null;
  unit: ClockUnit;
  /** Short words for plain-English results: "visit", "seen" → "visit due 12 Mar, seen 15 Mar". */
  words: { event: string; done: string };
  /** The length in `unit` under the given standards (default: the documented defaults). */
  length(standards?: LocalStandards): number;
}

export interface DayClock extends ClockInfo {
  unit: 'working days' | 'calendar days' | 'months';
  /** The due date ('YYYY-MM-DD'): the last date on which the event is in time (see the module comment). */
  due(start: DateInput, ctx?: ClockContext): string;
  /** The clock's state as at the date `now`, given the event that stops it (or null). */
  status(start: DateInput, done: DateInput | null, now: DateInput, ctx?: ClockContext): DayClockStatus;
}

export interface HourClock extends ClockInfo {
  unit: 'hours';
  /** The due instant: start + N hours of elapsed time. */
  due(start: Date, ctx?: ClockContext): Date;
  /** The clock's state as at the instant `now`, given the instant of the event that stops it (or null). */
  status(start: Date, done: Date | null, now: Date, ctx?: ClockContext): HourClockStatus;
}

export type Clock = DayClock | HourClock;

/** A clock's definition: everything but the behaviour, which follows from the unit. */
export interface ClockDefinition<U extends ClockUnit> {
  id: ClockId;
  name: string;
  description: string;
  source: string;
  unit: U;
  words: { event: string; done: string };
  /** A fixed length, or the local standard that sets it. */
  length: number | NumericStandard;
}

function lengthOf(def: ClockDefinition<ClockUnit>): (standards?: LocalStandards) => number {
  const { length } = def;
  return typeof length === 'number' ? () => length : (standards = DEFAULT_LOCAL_STANDARDS) => standards[length];
}

function infoOf<U extends ClockUnit>(def: ClockDefinition<U>) {
  return {
    id: def.id,
    name: def.name,
    description: def.description,
    source: def.source,
    setting: typeof def.length === 'number' ? null : def.length,
    unit: def.unit,
    words: Object.freeze({ ...def.words }),
    length: lengthOf(def),
  };
}

const toDate = (input: DateInput): string => (typeof input === 'string' ? input : londonDate(input));

/** Define a clock counted in working days, calendar days or months. */
export function dayClock(def: ClockDefinition<DayClock['unit']>): DayClock {
  const info = infoOf(def);
  const calendarOf = (ctx?: ClockContext) => ctx?.calendar ?? ENGLAND_AND_WALES;
  const due = (start: DateInput, ctx?: ClockContext): string => {
    const n = info.length(ctx?.standards);
    const from = toDate(start);
    if (def.unit === 'working days') return calendarOf(ctx).addWorkingDays(from, n);
    if (def.unit === 'calendar days') return addDays(from, n);
    return addMonths(from, n);
  };
  const status = (start: DateInput, done: DateInput | null, now: DateInput, ctx?: ClockContext): DayClockStatus => {
    const from = toDate(start);
    const at = toDate(now);
    const dueDate = due(from, ctx);
    const doneDate = done === null ? null : toDate(done);
    const counted = doneDate !== null && doneDate >= from && doneDate <= at ? doneDate : null;
    const workingDays = def.unit === 'working days';
    /** Signed distance from the due date, in the clock's measure: > 0 means past due. */
    const pastDue = (date: string) =>
      workingDays ? calendarOf(ctx).workingDaysBetween(dueDate, date) : daysBetween(dueDate, date);
    const measure = workingDays ? ('working days' as const) : ('calendar days' as const);
    const s = stateOf(counted === null ? null : pastDue(counted), pastDue(at));
    // One object literal, not spreads of partial objects: V8 builds `{ ...a, x, ...b }` on a slow path (several
    // microseconds each), and a team's dashboard takes thousands of statuses.
    return {
      clock: def.id, start: from, due: dueDate, done: counted, now: at, measure,
      state: s.state, met: s.met, overdueBy: s.overdueBy, remaining: s.remaining,
    };
  };
  return Object.freeze({ ...info, unit: def.unit, due, status });
}

/** Define a clock counted in elapsed hours. */
export function hourClock(def: ClockDefinition<'hours'>): HourClock {
  const info = infoOf(def);
  const due = (start: Date, ctx?: ClockContext): Date =>
    new Date(start.getTime() + info.length(ctx?.standards) * HOUR_MS);
  const status = (start: Date, done: Date | null, now: Date, ctx?: ClockContext): HourClockStatus => {
    const dueAt = due(start, ctx);
    const counted = done !== null && done >= start && done <= now ? done : null;
    const pastDue = (instant: Date) => instant.getTime() - dueAt.getTime();
    const s = stateOf(counted === null ? null : pastDue(counted), pastDue(now));
    // One object literal, as for day clocks.
    return {
      clock: def.id, start, due: dueAt, done: counted, now, measure: 'milliseconds',
      state: s.state, met: s.met, overdueBy: s.overdueBy, remaining: s.remaining,
    };
  };
  return Object.freeze({ ...info, unit: 'hours', due, status });
}

/** The one rule for met / late / pending / overdue, from signed distances past the due point. */
function stateOf(donePastDue: number | null, nowPastDue: number) {
  if (donePastDue !== null) {
    return donePastDue <= 0
      ? { state: 'met' as const, met: true, overdueBy: null, remaining: null }
      : { state: 'late' as const, met: false, overdueBy: donePastDue, remaining: null };
  }
  return nowPastDue <= 0
    ? { state: 'pending' as const, met: null, overdueBy: null, remaining: -nowPastDue + 0 }
    : { state: 'overdue' as const, met: false, overdueBy: nowPastDue, remaining: null };
}
