/**
 * Performance failures for the monthly monitoring report (the contract's paragraph 4.2.3): a measure whose
 * RAG status has been red for its failure threshold's number of consecutive months, ending with the report
 * month, is a performance failure and is listed automatically.
 *
 * Rules:
 * - Each measure has a threshold: red for N consecutive months (N from 1 to 12), or none (never a failure).
 *   The authority sets a default N and may set another N, or none, per measure.
 * - A month counts as red when its figure is red against the measure's target (the same RAG as the
 *   dataset). A month with no figure or no target is not red and ends the run.
 * - The run is counted back from the report month; month keys are 'YYYY-MM', so runs cross year ends.
 *
 * Pure: no I/O.
 */
import { rag, type Better, type Rag, type RagThresholds } from '../dataset/trend.js';
import { addMonthsToMonth, monthLabel } from '../measures/period.js';

export const MAX_CONSECUTIVE_RED = 12;

/** The authority's failure thresholds: stored as the 'performanceFailures' setting. */
export interface FailureThresholds {
  /** Consecutive red months that make a performance failure, for measures without their own. */
  defaultConsecutiveRed: number;
  /** Per measure id: its own number of consecutive red months, or null for "never a performance failure". */
  measures: Record<string, number | null>;
}

export const DEFAULT_FAILURE_THRESHOLDS: FailureThresholds = { defaultConsecutiveRed: 3, measures: {} };

/** The consecutive red months that make a failure for a measure, or null when it is never a failure. */
export function thresholdFor(thresholds: FailureThresholds, measureId: string): number | null {
  return Object.hasOwn(thresholds.measures, measureId) ? thresholds.measures[measureId]! : thresholds.defaultConsecutiveRed;
}

/** What is wrong with failure thresholds, in plain English, or null. */
export function failureThresholdsProblem(value: unknown): string | null {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const months = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_CONSECUTIVE_RED;
  if (!isObject(value)) return 'performanceFailures must be an object: {"defaultConsecutiveRed": 3, "measures": {"<measure id>": 2}}';
  for (const k of Object.keys(value)) {
    if (k !== 'defaultConsecutiveRed' && k !== 'measures') return `performanceFailures has no setting "${k}" (it has defaultConsecutiveRed and measures)`;
  }
  if (!months(value.defaultConsecutiveRed)) return `defaultConsecutiveRed must be a whole number of months from 1 to ${MAX_CONSECUTIVE_RED}`;
  if (value.measures !== undefined) {
    if (!isObject(value.measures)) return 'measures must be an object: {"<measure id>": number of months, or null for never}';
    for (const [id, n] of Object.entries(value.measures)) {
      if (n !== null && !months(n)) return `measures["${id}"] must be a whole number of months from 1 to ${MAX_CONSECUTIVE_RED}, or null for never`;
    }
  }
  return null;
}

/** Reads a stored setting, falling back to the defaults for anything missing or not valid. */
export function readFailureThresholds(value: unknown): FailureThresholds {
  if (value === undefined || value === null || failureThresholdsProblem(value) !== null) return structuredClone(DEFAULT_FAILURE_THRESHOLDS);
  const v = value as { defaultConsecutiveRed: number; measures?: Record<string, number | null> };
  return { defaultConsecutiveRed: v.defaultConsecutiveRed, measures: { ...(v.measures ?? {}) } };
}

/** A measure's figures as the failure check needs them. */
export interface MeasureSeries {
  id: string;
  number: number | null;
  title: string;
  better: Better;
  /** One entry per month, any order; months missing from the list count as no figure. */
  months: { month: string; value: number | null; display: string }[];
  thresholds: RagThresholds | undefined;
}

export interface RedMonth {
  month: string;
  label: string;
  display: string;
}

export interface PerformanceFailure {
  measureId: string;
  number: number | null;
  title: string;
  /** The threshold that was met: red for this many consecutive months. */
  threshold: number;
  /** The whole run of red months ending with the report month (at least `threshold`), oldest first. */
  run: RedMonth[];
  /** The first month of the run, 'YYYY-MM'. */
  since: string;
  target: number | null;
  /** The report month's figure. */
  latest: string;
}

/** The months' RAG statuses by month key. */
export function ragByMonth(series: MeasureSeries): Map<string, Rag | null> {
  return new Map(series.months.map((m) => [m.month, rag(m.value, series.better, series.thresholds)]));
}

/** The run of consecutive red months ending with `month` (oldest first); empty when `month` is not red. */
export function redRun(series: MeasureSeries, month: string): RedMonth[] {
  const byMonth = new Map(series.months.map((m) => [m.month, m]));
  const run: RedMonth[] = [];
  for (let m = month; ; m = addMonthsToMonth(m, -1)) {
    const entry = byMonth.get(m);
    if (!entry || rag(entry.value, series.better, series.thresholds) !== 'red') break;
    run.unshift({ month: m, label: monthLabel(m), display: entry.display });
  }
  return run;
}

/** The performance failure for a measure in a month, or null when it has none. */
export function performanceFailure(series: MeasureSeries, month: string, thresholds: FailureThresholds): PerformanceFailure | null {
  const n = thresholdFor(thresholds, series.id);
  if (n === null) return null;
  const run = redRun(series, month);
  if (run.length < n) return null;
  return {
    measureId: series.id,
    number: series.number,
    title: series.title,
    threshold: n,
    run,
    since: run[0]!.month,
    target: series.thresholds?.target ?? null,
    latest: run[run.length - 1]!.display,
  };
}

/** Every measure's performance failure in the month, contract measures first in their order. */
export function performanceFailures(series: readonly MeasureSeries[], month: string, thresholds: FailureThresholds): PerformanceFailure[] {
  return series
    .map((s) => performanceFailure(s, month, thresholds))
    .filter((f): f is PerformanceFailure => f !== null)
    .sort((a, b) => (a.number ?? 99) - (b.number ?? 99) || a.title.localeCompare(b.title));
}

/** How a threshold reads: "red for 3 consecutive months", "red in the month", "never". */
export function thresholdWords(n: number | null): string {
  if (n === null) return 'never a performance failure';
  return n === 1 ? 'red in the month' : `red for ${n} consecutive months`;
}
