/**
 * Complaints and compliments in the monthly monitoring report (the seed report's "Key themes from
 * compliments and complaints" table): for each month, what was received, how many were compliments, the
 * per cent of complaints responded to within the timescale, and the share of complaints by service area.
 *
 * Counting rules:
 * - Each complaint or compliment counts in the month it was received.
 * - A complaint has `workingDays` working days for its response, counted as every clock in Threadline
 *   counts them (the day received is day 0; src/domain/calendar). Responded within that many working days
 *   is in timescale; responded later, or not yet responded once the timescale has ended, is not.
 * - A complaint with no response whose timescale has not yet ended is "awaiting response": it is left out
 *   of the percentage until it is answered or its time runs out.
 *
 * Pure: no I/O.
 */
import { codeLists } from '../codes/code-lists.js';
import type { WorkingCalendar } from '../calendar/working-days.js';
import { monthLabel } from '../measures/period.js';

export const COMPLAINT = 'COMP';
export const COMPLIMENT = 'CPLT';

/** Working days a complaint has for its response unless the authority sets another number. */
export const DEFAULT_COMPLAINT_RESPONSE_WORKING_DAYS = 20;

export interface FeedbackRecord {
  id: string;
  /** feedbackType code: COMP (complaint) or CPLT (compliment). */
  type: string;
  /** 'YYYY-MM-DD'. */
  receivedDate: string;
  respondedDate: string | null;
  serviceArea: string | null;
}

export type Timeliness = 'in time' | 'late' | 'overdue' | 'awaiting' | 'unknown';

export interface FeedbackMonth {
  month: string;
  label: string;
  /** Complaints and compliments. */
  received: number;
  compliments: number;
  complaints: number;
  respondedInTime: number;
  /** Responded after the timescale ended. */
  respondedLate: number;
  /** Not responded, and the timescale has ended. */
  overdue: number;
  /** Not responded, and the timescale has not yet ended: not in the percentage. */
  awaiting: number;
  /** Dates the calendar cannot count (outside its years): not in the percentage. */
  unknown: number;
  /** Responded in time, per cent of the complaints whose timescale has ended or which were answered; one decimal place. */
  percentInTime: number | null;
}

export interface AreaShare {
  /** serviceArea code, or null when not recorded. */
  code: string | null;
  label: string;
  count: number;
  percent: number | null;
}

export interface FeedbackSection {
  workingDays: number;
  months: FeedbackMonth[];
  /** Complaints received in the report month, by service area, most first. */
  areasInMonth: AreaShare[];
  /** Complaints received in the months given as the longer period (the quarter so far), by service area. */
  areasInPeriod: AreaShare[];
}

/** Whether a complaint was answered within `workingDays` working days, as at `asAt` ('YYYY-MM-DD'). */
export function timeliness(f: FeedbackRecord, workingDays: number, calendar: WorkingCalendar, asAt: string): Timeliness {
  try {
    if (f.respondedDate !== null) return calendar.workingDaysBetween(f.receivedDate, f.respondedDate) <= workingDays ? 'in time' : 'late';
    const deadline = calendar.addWorkingDays(f.receivedDate, workingDays);
    return asAt > deadline ? 'overdue' : 'awaiting';
  } catch (err) {
    if (err instanceof RangeError || err instanceof TypeError) return 'unknown';
    throw err;
  }
}

function percent(count: number, whole: number): number | null {
  return whole > 0 ? Math.round((count / whole) * 1000) / 10 : null;
}

/** One month's complaints and compliments. */
export function feedbackMonth(month: string, records: readonly FeedbackRecord[], workingDays: number, calendar: WorkingCalendar, asAt: string): FeedbackMonth {
  const inMonth = records.filter((f) => f.receivedDate.slice(0, 7) === month);
  const complaints = inMonth.filter((f) => f.type === COMPLAINT);
  const counts: Record<Timeliness, number> = { 'in time': 0, late: 0, overdue: 0, awaiting: 0, unknown: 0 };
  for (const c of complaints) counts[timeliness(c, workingDays, calendar, asAt)]++;
  const due = counts['in time'] + counts.late + counts.overdue;
  return {
    month,
    label: monthLabel(month),
    received: complaints.length + inMonth.filter((f) => f.type === COMPLIMENT).length,
    compliments: inMonth.filter((f) => f.type === COMPLIMENT).length,
    complaints: complaints.length,
    respondedInTime: counts['in time'],
    respondedLate: counts.late,
    overdue: counts.overdue,
    awaiting: counts.awaiting,
    unknown: counts.unknown,
    percentInTime: percent(counts['in time'], due),
  };
}

/** Complaints received in the months, by service area, most first (then by name). */
export function complaintsByArea(months: readonly string[], records: readonly FeedbackRecord[]): AreaShare[] {
  const wanted = new Set(months);
  const complaints = records.filter((f) => f.type === COMPLAINT && wanted.has(f.receivedDate.slice(0, 7)));
  const counts = new Map<string | null, number>();
  for (const c of complaints) counts.set(c.serviceArea, (counts.get(c.serviceArea) ?? 0) + 1);
  const labels: Readonly<Record<string, string>> = codeLists.serviceArea;
  return [...counts]
    .map(([code, count]) => ({ code, label: code === null ? 'Not recorded' : (labels[code] ?? code), count, percent: percent(count, complaints.length) }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/**
 * The complaints and compliments section: a row for each of `months` (oldest first; the last is the report
 * month), and the share of complaints by service area in the report month and in `period` (the quarter so far).
 */
export function feedbackSection(
  months: readonly string[], period: readonly string[], records: readonly FeedbackRecord[], workingDays: number, calendar: WorkingCalendar, asAt: string,
): FeedbackSection {
  const last = months[months.length - 1];
  return {
    workingDays,
    months: months.map((m) => feedbackMonth(m, records, workingDays, calendar, asAt)),
    areasInMonth: last ? complaintsByArea([last], records) : [],
    areasInPeriod: complaintsByArea(period, records),
  };
}
