/**
 * Working days: Monday to Friday, excluding England and Wales bank holidays and the authority's own
 * closure days.
 *
 * Counting convention (kpi-definitions.md, "Counting working days"): the duration from date A to date B is
 * the number of working days d with A < d ≤ B. A is day 0 and does not count, whether or not it is a
 * working day. Contact on Friday, decision the next Monday = 1 working day.
 *
 * Every call is O(1): the calendar precomputes, for each day of the supported range, how many working days
 * there are from the start of the range up to and including that day. Dates outside the range are an
 * error, never a silent guess.
 */
import { BANK_HOLIDAY_YEARS, bankHolidayName } from './bank-holidays.js';
import { isoDateOf } from '../time/london.js';

const DAY_MS = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** First date the working-day calendar covers (the first year of the bank-holiday data). */
export const WORKING_CALENDAR_FIRST = isoDateOf(BANK_HOLIDAY_YEARS.first, 1, 1);
/** Last date the working-day calendar covers (the last year of the bank-holiday data). */
export const WORKING_CALENDAR_LAST = isoDateOf(BANK_HOLIDAY_YEARS.last, 12, 31);

/** Two-digit or four-digit decimal field of a date string, NaN if any character is not a digit. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    value = value * 10 + c;
  }
  return value;
}

/** Days since 1970-01-01 of a valid 'YYYY-MM-DD' date; throws on anything else. */
function dayNumber(date: string): number {
  if (typeof date === 'string' && date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = digits(date, 0, 4);
    const m = digits(date, 5, 2);
    const d = digits(date, 8, 2);
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    const monthLength = m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1];
    if (monthLength !== undefined && d >= 1 && d <= monthLength) return Date.UTC(y, m - 1, d) / DAY_MS;
  }
  throw new TypeError(`Not a date in the form YYYY-MM-DD: ${JSON.stringify(date)}`);
}

const EPOCH = dayNumber(WORKING_CALENDAR_FIRST);
const SIZE = dayNumber(WORKING_CALENDAR_LAST) - EPOCH + 1;

/** The ISO date of every day in the range, by index (shared by all calendars). */
const DATES: readonly string[] = Array.from({ length: SIZE }, (_, i) => {
  const t = new Date((EPOCH + i) * DAY_MS);
  return isoDateOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
});

/** Index of a date in the range; throws a RangeError outside it. */
function indexOf(date: string): number {
  const i = dayNumber(date) - EPOCH;
  if (i < 0 || i >= SIZE) {
    throw new RangeError(
      `${date} is outside the working-day calendar, which covers ${WORKING_CALENDAR_FIRST} to ${WORKING_CALENDAR_LAST}`,
    );
  }
  return i;
}

export interface WorkingCalendarOptions {
  /**
   * The authority's own closure days ('YYYY-MM-DD'), for example the working days between Christmas and
   * New Year. Days that are already weekends or bank holidays are accepted and change nothing.
   */
  closureDays?: readonly string[];
}

/** A working-day calendar: bank holidays plus an authority's closure days, 2000-01-01 to 2040-12-31. */
export class WorkingCalendar {
  /** The authority's closure days, sorted and without duplicates. */
  readonly closureDays: readonly string[];
  /** cumulative[i]: working days from the first day of the range up to and including day i. */
  readonly #cumulative: Int32Array;
  /** ordinal[k]: index of the k-th working day of the range (k ≥ 1); ordinal[0] is unused. */
  readonly #ordinal: Int32Array;

  constructor(options: WorkingCalendarOptions = {}) {
    const closed = new Set<number>();
    for (const date of options.closureDays ?? []) closed.add(indexOf(date));
    this.closureDays = Object.freeze([...closed].sort((a, b) => a - b).map((i) => DATES[i] as string));

    this.#cumulative = new Int32Array(SIZE);
    const ordinals: number[] = [-1];
    for (let i = 0; i < SIZE; i++) {
      const weekday = (EPOCH + i + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
      const working =
        weekday !== 0 && weekday !== 6 && !closed.has(i) && bankHolidayName(DATES[i] as string) === undefined;
      if (working) ordinals.push(i);
      this.#cumulative[i] = ordinals.length - 1;
    }
    this.#ordinal = Int32Array.from(ordinals);
  }

  /** First and last dates this calendar can answer for. */
  get first(): string {
    return WORKING_CALENDAR_FIRST;
  }
  get last(): string {
    return WORKING_CALENDAR_LAST;
  }

  #count(i: number): number {
    return this.#cumulative[i] as number;
  }

  #dateOfOrdinal(k: number, what: string): string {
    if (k < 1 || k >= this.#ordinal.length) {
      throw new RangeError(
        `${what} is outside the working-day calendar, which covers ${WORKING_CALENDAR_FIRST} to ${WORKING_CALENDAR_LAST}`,
      );
    }
    return DATES[this.#ordinal[k] as number] as string;
  }

  /** True when the date is Monday to Friday, not a bank holiday and not one of the authority's closure days. */
  isWorkingDay(date: string): boolean {
    const i = indexOf(date);
    return this.#count(i) !== (i === 0 ? 0 : this.#count(i - 1));
  }

  /**
   * Duration in working days from a to b: the number of working days d with a < d ≤ b (a is day 0, and
   * the count starts after a even when a is not a working day). Zero when b = a. When b is before a the
   * result is negative: minus the number of working days d with b < d ≤ a, so that
   * workingDaysBetween(a, b) === -workingDaysBetween(b, a) always.
   */
  workingDaysBetween(a: string, b: string): number {
    return this.#count(indexOf(b)) - this.#count(indexOf(a));
  }

  /**
   * The date n working days after `date`, the inverse of {@link workingDaysBetween}:
   * workingDaysBetween(date, addWorkingDays(date, n)) === n for every integer n.
   *
   * - n > 0: the n-th working day after `date` (Friday + 1 = Monday; Saturday + 1 = Monday).
   * - n = 0: `date` itself.
   * - n < 0: the earliest date d with workingDaysBetween(d, date) ≤ |n|, which is always a working day:
   *   the start of the window of |n| working days ending at `date`. Monday − 1 = Friday; because the count
   *   from a day excludes that day, Sunday − 1 = Thursday (Thursday → Sunday is 1 working day, Friday).
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new TypeError(`A number of working days must be a whole number, not ${n}`);
    const i = indexOf(date);
    if (n === 0) return date;
    return this.#dateOfOrdinal(this.#count(i) + n, `${n} working days from ${date}`);
  }

  /** The first working day strictly after `date` (= addWorkingDays(date, 1)). */
  nextWorkingDay(date: string): string {
    return this.addWorkingDays(date, 1);
  }

  /** The last working day strictly before `date` (Monday → Friday, Sunday → Friday). */
  previousWorkingDay(date: string): string {
    const i = indexOf(date);
    const k = this.isWorkingDay(date) ? this.#count(i) - 1 : this.#count(i);
    return this.#dateOfOrdinal(k, `the working day before ${date}`);
  }
}

/** The England and Wales calendar with bank holidays only (no local closure days). */
export const ENGLAND_AND_WALES: WorkingCalendar = new WorkingCalendar();
