/**
 * Reporting periods (kpi-definitions.md, "Reporting month"): a month is a calendar month 'YYYY-MM'; "as at
 * month end" is the end of its last day; "monthly" is the events in it; "cumulative" is 1 April of the
 * financial year to month end; "rolling 12 months" is the twelve calendar months ending with it.
 */
import { addMonths, endOfLondonDay, isoDateOf, longDate, MONTH_NAMES } from '../time/london.js';

export type Frequency = 'monthly' | 'as at month end' | 'cumulative' | 'rolling 12 months';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True when `text` is a reporting month 'YYYY-MM'. */
export function isMonth(text: unknown): text is string {
  return typeof text === 'string' && MONTH.test(text);
}

/**
 * A "known at" instant as people write it (kpi-definitions settled detail 16): an ISO date-time, or a bare
 * date meaning the end of that London day. Null when the text is neither.
 */
export function knownAtInstant(text: string): Date | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return endOfLondonDay(text);
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Throws unless `month` is 'YYYY-MM'. */
export function checkMonth(month: string): void {
  if (typeof month !== 'string' || !MONTH.test(month)) {
    throw new RangeError(`Not a reporting month in the form YYYY-MM: ${JSON.stringify(month)}`);
  }
}

/** First day of a month 'YYYY-MM'. */
export function monthStart(month: string): string {
  checkMonth(month);
  return `${month}-01`;
}

/** Last day of a month 'YYYY-MM' (the "month end"). */
export function monthEnd(month: string): string {
  checkMonth(month);
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return isoDateOf(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

/** The month 'YYYY-MM' that `n` months after `month` (negative: before). */
export function addMonthsToMonth(month: string, n: number): string {
  return addMonths(monthStart(month), n).slice(0, 7);
}

/** The `count` months ending with `month`, oldest first (for a 13-month series: monthsEnding(m, 13)). */
export function monthsEnding(month: string, count: number): string[] {
  checkMonth(month);
  return Array.from({ length: count }, (_, i) => addMonthsToMonth(month, i - count + 1));
}

/** 1 April of the financial year that contains the month. */
export function financialYearStart(month: string): string {
  checkMonth(month);
  const y = Number(month.slice(0, 4));
  return `${Number(month.slice(5, 7)) >= 4 ? y : y - 1}-04-01`;
}

/** "March 2025". */
export function monthLabel(month: string): string {
  checkMonth(month);
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}


export interface ReportingPeriod {
  month: string;
  /** The month's last day: the "as at" date. */
  end: string;
  /** First date of the events counted (= end for "as at month end"). */
  from: string;
  /** The calendar months whose events count, oldest first (just the month for "as at month end"). */
  months: string[];
  /** In words, for notes: "Events in March 2025", "As at the end of 31 March 2025", ... */
  description: string;
}

export function reportingPeriod(frequency: Frequency, month: string): ReportingPeriod {
  const end = monthEnd(month);
  switch (frequency) {
    case 'as at month end':
      return { month, end, from: end, months: [month], description: `As at the end of ${longDate(end)}.` };
    case 'monthly':
      return { month, end, from: monthStart(month), months: [month], description: `Events in ${monthLabel(month)}.` };
    case 'cumulative': {
      const from = financialYearStart(month);
      const months: string[] = [];
      for (let m = from.slice(0, 7); m <= month; m = addMonthsToMonth(m, 1)) months.push(m);
      return { month, end, from, months, description: `Events from ${longDate(from)} to ${longDate(end)} (financial year to date).` };
    }
    case 'rolling 12 months': {
      const months = monthsEnding(month, 12);
      const from = monthStart(months[0] as string);
      return { month, end, from, months, description: `Events from ${longDate(from)} to ${longDate(end)} (12 months).` };
    }
  }
}
