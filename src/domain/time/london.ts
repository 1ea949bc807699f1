/**
 * Europe/London civil time, computed directly (no dependence on the process time zone).
 *
 * Since 1996 the UK follows the EU rule: British Summer Time (UTC+1) runs from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October; otherwise GMT (UTC+0).
 * The functions are exact for 1996 onwards, which covers every record Threadline holds for children.
 */

export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Month names, January first, as GOV.UK writes dates ("12 March 2019"). */
export const MONTH_NAMES: readonly string[] = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Day of month of the last Sunday of a month (month 1-12). */
function lastSunday(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return lastDay.getUTCDate() - lastDay.getUTCDay();
}

const boundaries = new Map<number, { start: number; end: number }>();

/** The UTC instants at which BST starts and ends in a year. */
export function bstBoundaries(year: number): { start: number; end: number } {
  let b = boundaries.get(year);
  if (!b) {
    b = { start: Date.UTC(year, 2, lastSunday(year, 3), 1), end: Date.UTC(year, 9, lastSunday(year, 10), 1) };
    boundaries.set(year, b);
  }
  return b;
}

/** Offset of London civil time from UTC at a UTC instant, in milliseconds (0 or 3,600,000). */
export function londonOffsetAt(utcMillis: number): number {
  const year = new Date(utcMillis).getUTCFullYear();
  const { start, end } = bstBoundaries(year);
  return utcMillis >= start && utcMillis < end ? HOUR : 0;
}

/** The London civil date and time of an instant. */
export function toLondon(instant: Date | number): LocalDateTime {
  const utc = typeof instant === 'number' ? instant : instant.getTime();
  const d = new Date(utc + londonOffsetAt(utc));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/**
 * The instant of a London civil date-time. In the autumn hour that happens twice the earlier (BST)
 * reading is taken unless `preferGmt`; a spring-forward time that never happened (01:00-01:59 on the
 * last Sunday of March) is read as GMT, i.e. one hour later in BST, as a clock would show it.
 */
export function fromLondon(local: LocalDateTime, preferGmt = false): Date {
  const naive = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  const asBst = naive - HOUR;
  const asGmt = naive;
  const bstValid = londonOffsetAt(asBst) === HOUR;
  const gmtValid = londonOffsetAt(asGmt) === 0;
  if (bstValid && gmtValid) return new Date(preferGmt ? asGmt : asBst);
  if (bstValid) return new Date(asBst);
  return new Date(asGmt);
}

/** True when a London civil time occurs twice (the autumn clock change). */
export function isAmbiguousLondonTime(local: LocalDateTime): boolean {
  const naive = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return londonOffsetAt(naive - HOUR) === HOUR && londonOffsetAt(naive) === 0;
}

/** Start of a London calendar day ("YYYY-MM-DD") as an instant. */
export function startOfLondonDay(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return fromLondon({ year: y, month: m, day: d, hour: 0, minute: 0, second: 0 });
}

/** End of a London calendar day: the last millisecond before the next day starts. */
export function endOfLondonDay(isoDate: string): Date {
  return new Date(startOfLondonDay(addDays(isoDate, 1)).getTime() - 1);
}

/** A date "YYYY-MM-DD" in words, as GOV.UK writes it: "31 March 2025". */
export function longDate(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTH_NAMES[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** The London calendar date ("YYYY-MM-DD") of an instant. */
export function londonDate(instant: Date | number): string {
  const l = toLondon(instant);
  return isoDateOf(l.year, l.month, l.day);
}

export function isoDateOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Days since 1970-01-01 of a 'YYYY-MM-DD' date, read digit by digit (no checks: callers pass valid dates). The
 * measures do date arithmetic millions of times over a long history, so these functions make no arrays.
 */
export function dayNumberOf(isoDate: string): number {
  const digit = (i: number) => isoDate.charCodeAt(i) - 48;
  const y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  return Date.UTC(y, digit(5) * 10 + digit(6) - 1, digit(8) * 10 + digit(9)) / DAY;
}

/** Results of addDays and addMonths by shift (key 2n for n months, 2n + 1 for n days) and date: pure, so kept. */
const shifts = new Map<number, Map<string, string>>();
/** Entries kept before the cache is emptied (a few years of dates at a few dozen shifts each). */
const SHIFT_CACHE_LIMIT = 200_000;
let shiftEntries = 0;

function shifted(key: number, isoDate: string, compute: () => string): string {
  let cache = shifts.get(key);
  if (cache === undefined) {
    cache = new Map();
    shifts.set(key, cache);
  }
  let out = cache.get(isoDate);
  if (out === undefined) {
    out = compute();
    if (++shiftEntries > SHIFT_CACHE_LIMIT) {
      shifts.clear();
      shiftEntries = 0;
    }
    cache.set(isoDate, out);
  }
  return out;
}

/** Calendar arithmetic on "YYYY-MM-DD" dates. */
export function addDays(isoDate: string, days: number): string {
  return shifted(days * 2 + 1, isoDate, () => {
    const t = new Date((dayNumberOf(isoDate) + days) * DAY);
    return isoDateOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  });
}

/** Whole calendar days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return dayNumberOf(b) - dayNumberOf(a);
}

/** Calendar months; a day that does not exist in the target month becomes its last day. */
export function addMonths(isoDate: string, months: number): string {
  return shifted(months * 2, isoDate, () => {
    const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
    const total = y * 12 + (m - 1) + months;
    const ty = Math.floor(total / 12);
    const tm = (total % 12) + 1;
    const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
    return isoDateOf(ty, tm, Math.min(d, lastDay));
  });
}

/** Day of week of a date, 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
