/**
 * Dates for the generator: calendar days as integers (days since 1970-01-01), their ISO text, London
 * instants, and a fast working-day index over the generator's range, built from the England and Wales
 * bank holidays in src/domain/calendar.
 */
import { BANK_HOLIDAYS } from '../domain/calendar/bank-holidays.js';
import { fromLondon } from '../domain/time/london.js';

export type Day = number;

const MS_DAY = 86_400_000;

export function dayOf(iso: string): Day {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / MS_DAY);
}

function ymd(day: Day): [number, number, number] {
  const t = new Date(day * MS_DAY);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** England and Wales bank holidays of a year, from the authority calendar's data (src/domain/calendar). */
function bankHolidays(year: number): Day[] {
  return BANK_HOLIDAYS.filter((h) => h.date.startsWith(`${year}-`)).map((h) => dayOf(h.date));
}

/**
 * Working days between two bounds, with O(1) counting and stepping. Days outside the bounds are
 * clamped to them (the generator only asks within its own range).
 */
export class Calendar {
  readonly first: Day;
  readonly last: Day;
  private readonly working: Uint8Array;
  /** cum[i] = number of working days in [first, first + i]. */
  private readonly cum: Int32Array;
  private readonly workingDays: Int32Array;
  private readonly isoCache: string[];
  private readonly ymdCache: Int32Array;

  constructor(first: Day, last: Day) {
    this.first = first;
    this.last = last;
    const n = last - first + 1;
    this.working = new Uint8Array(n);
    this.cum = new Int32Array(n);
    this.isoCache = new Array<string>(n);
    this.ymdCache = new Int32Array(n * 3);
    const holidays = new Set<Day>();
    const [y0] = ymd(first);
    const [y1] = ymd(last);
    for (let y = y0; y <= y1; y++) for (const h of bankHolidays(y)) holidays.add(h);
    let count = 0;
    const wd: number[] = [];
    for (let i = 0; i < n; i++) {
      const d = first + i;
      const w = weekday(d);
      const isWorking = w !== 0 && w !== 6 && !holidays.has(d);
      this.working[i] = isWorking ? 1 : 0;
      if (isWorking) {
        count++;
        wd.push(d);
      }
      this.cum[i] = count;
      const [yy, mm, dd] = ymd(d);
      this.ymdCache[i * 3] = yy;
      this.ymdCache[i * 3 + 1] = mm;
      this.ymdCache[i * 3 + 2] = dd;
      this.isoCache[i] = `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
    }
    this.workingDays = Int32Array.from(wd);
  }

  private idx(day: Day): number {
    if (day < this.first || day > this.last) throw new Error(`day ${day} outside the calendar`);
    return day - this.first;
  }

  iso(day: Day): string {
    return this.isoCache[this.idx(day)]!;
  }

  year(day: Day): number {
    return this.ymdCache[this.idx(day) * 3]!;
  }

  month(day: Day): number {
    return this.ymdCache[this.idx(day) * 3 + 1]!;
  }

  dayOfMonth(day: Day): number {
    return this.ymdCache[this.idx(day) * 3 + 2]!;
  }

  isWorking(day: Day): boolean {
    return this.working[this.idx(day)] === 1;
  }

  /** The n-th working day after `day` (n = 0: `day` itself). */
  addWorking(day: Day, n: number): Day {
    if (n <= 0) return day;
    const k = this.cum[this.idx(day)]! + n - 1;
    if (k >= this.workingDays.length) return this.last;
    return this.workingDays[k]!;
  }

  /** Working days d with a < d <= b. */
  workingBetween(a: Day, b: Day): number {
    return this.cum[this.idx(b)]! - this.cum[this.idx(a)]!;
  }

  /** The first working day on or after `day`. */
  onOrAfterWorking(day: Day): Day {
    let d = day;
    while (d < this.last && !this.isWorking(d)) d++;
    return d;
  }

  /** The last working day on or before `day`. */
  onOrBeforeWorking(day: Day): Day {
    let d = day;
    while (d > this.first && !this.isWorking(d)) d--;
    return d;
  }

  /** Calendar months added; a day missing in the target month becomes its last day. */
  addMonths(day: Day, months: number): Day {
    const y = this.year(day);
    const m = this.month(day);
    const d = this.dayOfMonth(day);
    const total = y * 12 + (m - 1) + months;
    const ty = Math.floor(total / 12);
    const tm = (total % 12) + 1;
    const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
    return Math.round(Date.UTC(ty, tm - 1, Math.min(d, lastDay)) / MS_DAY);
  }

  addYears(day: Day, years: number): Day {
    return this.addMonths(day, years * 12);
  }

  /** First day of the month containing `day`. */
  monthStart(day: Day): Day {
    return day - this.dayOfMonth(day) + 1;
  }

  /** Last day of the month containing `day`. */
  monthEnd(day: Day): Day {
    return this.addMonths(this.monthStart(day), 1) - 1;
  }

  /** The instant of a London civil time on a day; seconds are whole. */
  at(day: Day, hour: number, minute: number, second = 0): Date {
    const i = this.idx(day) * 3;
    return fromLondon({
      year: this.ymdCache[i]!,
      month: this.ymdCache[i + 1]!,
      day: this.ymdCache[i + 2]!,
      hour,
      minute,
      second,
    });
  }

  /** An instant at `seconds` after the London midnight starting `day` (may run into later days). */
  atSeconds(day: Day, seconds: number): Date {
    const s = Math.max(0, Math.floor(seconds));
    const extraDays = Math.floor(s / 86400);
    const rest = s % 86400;
    return this.at(day + extraDays, Math.floor(rest / 3600), Math.floor((rest % 3600) / 60), rest % 60);
  }
}

/** The London calendar day of an instant (days since 1970-01-01). */
export function londonDay(instant: Date): Day {
  const ms = instant.getTime();
  // BST offset: add one hour when in summer time, then floor to the UTC day.
  const y = new Date(ms).getUTCFullYear();
  const lastSun = (m: number) => {
    const last = new Date(Date.UTC(y, m, 0));
    return last.getUTCDate() - last.getUTCDay();
  };
  const start = Date.UTC(y, 2, lastSun(3), 1);
  const end = Date.UTC(y, 9, lastSun(10), 1);
  const offset = ms >= start && ms < end ? 3_600_000 : 0;
  return Math.floor((ms + offset) / MS_DAY);
}
