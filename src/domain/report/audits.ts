/**
 * The case-file audit section of the monthly monitoring report (the seed report's section 4.14 and its
 * section 7 tables): for each month of the quarter so far and for the quarter, audits completed against the
 * target, their grades (Good or better, Requires Improvement, Inadequate: number and per cent), moderations
 * with the same breakdown, how often moderation moved the grade up or down, and the actions audits raised.
 *
 * Counting rules:
 * - An audit counts in the month of its audit date, with the auditor's grade; its final grade is the
 *   moderated grade where there is one (as measure 15 counts it).
 * - A moderation counts in the month of its moderation date, which is often a later month than the audit's.
 *   A moderated grade recorded without a moderation date counts in the audit's month.
 * - Outstanding and Good are "Good or better". A grade that is not on the list counts in the total and is
 *   reported as unrecognised; percentages are of the total.
 * - Targets are per month; a quarter's target is the sum of its months' targets (so far).
 *
 * Pure: no I/O.
 */
import { codeLists } from '../codes/code-lists.js';
import { monthLabel } from '../measures/period.js';
import { previousQuarter, quarterOf, type Quarter } from './periods.js';

export interface AuditRecord {
  id: string;
  /** 'YYYY-MM-DD'. */
  auditDate: string;
  grade: string;
  moderatedGrade: string | null;
  moderationDate: string | null;
}

export interface AuditActionRecord {
  id: string;
  auditId: string;
  dueDate: string | null;
  /** actionStatus code: OPEN, PROG, DONE, DROP. */
  status: string;
  completedDate: string | null;
}

export interface Share {
  count: number;
  /** Per cent of the whole, one decimal place; null when the whole is 0. */
  percent: number | null;
}

export interface GradeBreakdown {
  total: number;
  goodOrBetter: Share;
  requiresImprovement: Share;
  inadequate: Share;
  /** Grades not on the list (a data-quality problem). */
  unrecognised: number;
}

export interface ModerationSummary {
  target: number | null;
  count: number;
  percentOfTarget: number | null;
  /** The moderated grades. */
  grades: GradeBreakdown;
  upgraded: Share;
  unchanged: Share;
  downgraded: Share;
}

export interface ActionSummary {
  /** Actions raised by the audits completed in the period. */
  raised: number;
  done: number;
  /** Done on or before the due date (of those done with both dates). */
  doneOnTime: number;
  /** Not done, not dropped, and past the due date at the "as at" date. */
  overdue: number;
  /** Not done and not dropped. */
  open: number;
  dropped: number;
}

export interface AuditPeriod {
  /** 'YYYY-MM' for a month, '2026-27 Q3' for a quarter. */
  key: string;
  label: string;
  months: string[];
  target: number | null;
  completed: number;
  percentOfTarget: number | null;
  /** The auditors' grades. */
  grades: GradeBreakdown;
  /** Final grades (moderated where moderated), as measure 15 counts them. */
  finalGrades: GradeBreakdown;
  moderations: ModerationSummary;
  actions: ActionSummary;
}

export interface AuditSection {
  month: string;
  quarter: Quarter;
  /** Whether the quarter has months after the report month (the quarter figures are to date). */
  quarterToDate: boolean;
  /** The quarter's months up to and including the report month. */
  months: AuditPeriod[];
  /** The quarter so far. */
  quarterTotal: AuditPeriod;
  /** The whole previous quarter, for comparison. */
  previousQuarter: AuditPeriod;
}

export interface AuditTargets {
  /** Audits expected in a month. */
  auditsInMonth(month: string): number | null;
  /** Moderations expected in a month. */
  moderationsInMonth(month: string): number | null;
}

const ORDER: Readonly<Record<string, number>> = { O: 0, G: 1, RI: 2, I: 3 };
const KNOWN: Readonly<Record<string, string>> = codeLists.auditGrade;

function percent(count: number, whole: number | null): number | null {
  if (whole === null || whole <= 0) return null;
  return Math.round((count / whole) * 1000) / 10;
}

function share(count: number, whole: number): Share {
  return { count, percent: percent(count, whole) };
}

/** Grades broken down into Good or better, Requires Improvement and Inadequate. */
export function gradeBreakdown(grades: readonly string[]): GradeBreakdown {
  let good = 0;
  let ri = 0;
  let inadequate = 0;
  let unrecognised = 0;
  for (const g of grades) {
    if (g === 'O' || g === 'G') good++;
    else if (g === 'RI') ri++;
    else if (g === 'I') inadequate++;
    else unrecognised++;
  }
  const total = grades.length;
  return { total, goodOrBetter: share(good, total), requiresImprovement: share(ri, total), inadequate: share(inadequate, total), unrecognised };
}

/** Whether moderation moved the grade up (better), down (worse) or left it; null when either grade is not on the list. */
export function moderationChange(grade: string, moderated: string): 'up' | 'down' | 'same' | null {
  if (!Object.hasOwn(KNOWN, grade) || !Object.hasOwn(KNOWN, moderated)) return null;
  const a = ORDER[grade]!;
  const b = ORDER[moderated]!;
  return b < a ? 'up' : b > a ? 'down' : 'same';
}

/** The month a moderation counts in: its moderation date's, or the audit's when no date was recorded. */
export function moderationMonth(a: AuditRecord): string | null {
  if (a.moderatedGrade === null) return null;
  return (a.moderationDate ?? a.auditDate).slice(0, 7);
}

function sumTargets(months: readonly string[], perMonth: (m: string) => number | null): number | null {
  let total = 0;
  for (const m of months) {
    const t = perMonth(m);
    if (t === null) return null;
    total += t;
  }
  return total;
}

/** The figures for a set of months (a month, or a quarter's months so far). */
export function auditPeriod(
  key: string, label: string, months: readonly string[], audits: readonly AuditRecord[], actions: readonly AuditActionRecord[],
  targets: AuditTargets, asAt: string,
): AuditPeriod {
  const inPeriod = new Set(months);
  const completed = audits.filter((a) => inPeriod.has(a.auditDate.slice(0, 7)));
  const moderated = audits.filter((a) => {
    const m = moderationMonth(a);
    return m !== null && inPeriod.has(m);
  });
  const changes = { up: 0, same: 0, down: 0 };
  for (const a of moderated) {
    const c = moderationChange(a.grade, a.moderatedGrade as string);
    if (c) changes[c === 'up' ? 'up' : c === 'down' ? 'down' : 'same']++;
  }
  const auditIds = new Set(completed.map((a) => a.id));
  const raised = actions.filter((x) => auditIds.has(x.auditId));
  const isDone = (x: AuditActionRecord) => x.status === 'DONE' || x.completedDate !== null;
  const done = raised.filter(isDone);
  const open = raised.filter((x) => !isDone(x) && x.status !== 'DROP');
  const target = sumTargets(months, (m) => targets.auditsInMonth(m));
  const moderationTarget = sumTargets(months, (m) => targets.moderationsInMonth(m));
  return {
    key,
    label,
    months: [...months],
    target,
    completed: completed.length,
    percentOfTarget: percent(completed.length, target),
    grades: gradeBreakdown(completed.map((a) => a.grade)),
    finalGrades: gradeBreakdown(completed.map((a) => a.moderatedGrade ?? a.grade)),
    moderations: {
      target: moderationTarget,
      count: moderated.length,
      percentOfTarget: percent(moderated.length, moderationTarget),
      grades: gradeBreakdown(moderated.map((a) => a.moderatedGrade as string)),
      upgraded: share(changes.up, moderated.length),
      unchanged: share(changes.same, moderated.length),
      downgraded: share(changes.down, moderated.length),
    },
    actions: {
      raised: raised.length,
      done: done.length,
      doneOnTime: done.filter((x) => x.completedDate !== null && x.dueDate !== null && x.completedDate <= x.dueDate).length,
      overdue: open.filter((x) => x.dueDate !== null && x.dueDate < asAt).length,
      open: open.length,
      dropped: raised.filter((x) => !isDone(x) && x.status === 'DROP').length,
    },
  };
}

/**
 * The audit section for a report month: each month of its quarter up to the report month, the quarter so
 * far, and the previous quarter. `audits` must include every audit completed or moderated in those months;
 * `asAt` ('YYYY-MM-DD') decides which open actions are overdue.
 */
export function auditSection(
  month: string, audits: readonly AuditRecord[], actions: readonly AuditActionRecord[], targets: AuditTargets, asAt: string,
): AuditSection {
  const quarter = quarterOf(month);
  const soFar = quarter.months.filter((m) => m <= month);
  const quarterToDate = soFar.length < 3;
  const prev = previousQuarter(month);
  return {
    month,
    quarter,
    quarterToDate,
    months: soFar.map((m) => auditPeriod(m, monthLabel(m), [m], audits, actions, targets, asAt)),
    quarterTotal: auditPeriod(quarter.key, `Quarter ${quarter.number} ${quarter.financialYear}${quarterToDate ? ' so far' : ''}`, soFar, audits, actions, targets, asAt),
    previousQuarter: auditPeriod(prev.key, `Quarter ${prev.number} ${prev.financialYear}`, prev.months, audits, actions, targets, asAt),
  };
}

/** The first and last months whose audits and moderations the section for a month needs. */
export function auditSectionMonths(month: string): { from: string; to: string } {
  return { from: previousQuarter(month).months[0]!, to: month };
}
