/**
 * What a DfE `time_period` means for a measure, in words and dates, and which published period to show
 * beside a reporting month.
 */

/**
 * - `at-31-march`: a snapshot on 31 March of time_period (children on plans, in need, looked after).
 * - `year-to-31-march`: events from 1 April of the previous year to 31 March of time_period (referrals, plans started).
 * - `at-30-september`: a workforce snapshot on 30 September of time_period.
 * - `year-to-30-september`: workforce events from 1 October of the previous year to 30 September (leavers).
 */
export type PeriodKind = 'at-31-march' | 'year-to-31-march' | 'at-30-september' | 'year-to-30-september';

export interface DfePeriod {
  /** The file's `time_period`. */
  timePeriod: number;
  kind: PeriodKind;
  /** First day the figure covers (ISO date); equal to `end` for a snapshot. */
  start: string;
  /** Last day the figure covers, or the snapshot date (ISO date). */
  end: string;
  /** In words: "year to 31 March 2019", "31 March 2025", "30 September 2022". */
  label: string;
}

function endMonthOf(kind: PeriodKind): { month: number; name: string } {
  return kind === 'at-31-march' || kind === 'year-to-31-march'
    ? { month: 3, name: 'March' }
    : { month: 9, name: 'September' };
}

function isYear(kind: PeriodKind): boolean {
  return kind === 'year-to-31-march' || kind === 'year-to-30-september';
}

const pad = (n: number) => String(n).padStart(2, '0');

export function dfePeriod(timePeriod: number, kind: PeriodKind): DfePeriod {
  const { month, name } = endMonthOf(kind);
  const day = month === 3 ? 31 : 30;
  const end = `${timePeriod}-${pad(month)}-${pad(day)}`;
  const start = isYear(kind) ? `${timePeriod - 1}-${pad(month + 1)}-01` : end;
  const words = `${day} ${name} ${timePeriod}`;
  return { timePeriod, kind, start, end, label: isYear(kind) ? `year to ${words}` : words };
}

/**
 * How to choose the DfE period to show beside a reporting month:
 * - `latest-ended` (default): the latest published period that had ended by the end of the month
 *   (January 2019 → CIN year to 31 March 2018; March 2019 → year to 31 March 2019). With
 *   `minMonthsAfterEnd` the period must also have ended that many months before the month, a stand-in for
 *   DfE's publication lag (the files carry no publication dates).
 * - `covering`: the period whose reporting year contains the month (January 2019 → year to 31 March 2019;
 *   for a snapshot, the snapshot closing that reporting year: 31 March 2019, or 30 September for workforce).
 *   None when the data does not have it yet.
 * - `covering-or-latest-ended`: `covering` where published, otherwise `latest-ended`.
 */
export type PeriodRule = 'latest-ended' | 'covering' | 'covering-or-latest-ended';

export const defaultPeriodRule: PeriodRule = 'latest-ended';

export interface PickPeriodOptions {
  rule?: PeriodRule;
  /** For `latest-ended` (and its fallback): months that must have passed since the period ended. Default 0. */
  minMonthsAfterEnd?: number;
}

/** A reporting month "YYYY-MM" as a month count (year × 12 + month − 1). */
export function monthIndex(month: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const mm = m ? Number(m[2]) : 0;
  if (!m || mm < 1 || mm > 12) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  return Number(m[1]) * 12 + mm - 1;
}

function endMonthIndex(timePeriod: number, kind: PeriodKind): number {
  return timePeriod * 12 + endMonthOf(kind).month - 1;
}

/**
 * The period to show for `month` among the published `timePeriods` of a measure, or null when there is none.
 */
export function pickPeriod(
  timePeriods: readonly number[],
  kind: PeriodKind,
  month: string,
  options: PickPeriodOptions = {},
): DfePeriod | null {
  const rule = options.rule ?? defaultPeriodRule;
  const lag = options.minMonthsAfterEnd ?? 0;
  if (!Number.isInteger(lag) || lag < 0) throw new RangeError(`minMonthsAfterEnd must be a whole number ≥ 0: ${lag}`);
  const target = monthIndex(month);
  if (rule === 'covering' || rule === 'covering-or-latest-ended') {
    // The reporting year containing the month ends in the first end-month on or after it.
    const covering = timePeriods.find((tp) => {
      const end = endMonthIndex(tp, kind);
      return end >= target && end - 12 < target;
    });
    if (covering !== undefined) return dfePeriod(covering, kind);
    if (rule === 'covering') return null;
  }
  let best: number | null = null;
  for (const tp of timePeriods) {
    if (endMonthIndex(tp, kind) + lag <= target && (best === null || tp > best)) best = tp;
  }
  return best === null ? null : dfePeriod(best, kind);
}
