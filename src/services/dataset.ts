/**
 * The monthly performance dataset (the seed report's Appendix 1): for every measure, 13 months of values
 * with the judgements beside the latest, comparators from DfE published data, target and RAG status, and
 * the analyst's commentary. Also the drill-down of any figure and the effect of late recording.
 *
 * This is the one place that joins the repositories (records as known at an instant, settings,
 * commentary), the pure measures and the comparators; the web routes and the command line call it.
 */
import { loadDfeTable } from '../comparators/load.js';
import { comparatorsForMonth } from '../comparators/comparators.js';
import { comparatorMeasure, type ComparatorMeasureId } from '../comparators/measures.js';
import type { Queryable } from '../db/database.js';
import { WorkingCalendar } from '../domain/calendar/working-days.js';
import type { DatasetConfig } from '../domain/dataset/config.js';
import { direction, previousThreeMonthAverage, rag, type Direction, type Rag } from '../domain/dataset/trend.js';
import {
  computeMeasure, measureContext, measures, monthEnd, monthLabel, monthsEnding, type DrillRow, type MeasureContext, type MeasureDefinition,
  type MeasureValue,
} from '../domain/measures/index.js';
import { addDays, endOfLondonDay } from '../domain/time/london.js';
import { loadMeasureInputs } from '../repositories/measure-inputs.js';
import { commentaryFor, loadDatasetConfig } from '../repositories/settings.js';

/** DfE publishes comparators for these measures. */
export const COMPARATOR_FOR: Readonly<Record<string, ComparatorMeasureId>> = {
  'm02-cp-rate': 'cp-plan-rate',
  'm13-sw-vacancy-rate': 'sw-vacancy-rate',
  'm14-average-caseload': 'sw-caseload',
  rereferrals: 're-referrals',
  'cin-rate': 'cin-rate',
  'cla-rate': 'cla-rate',
  'cp-second-plans': 'second-cp-plans',
  'cp-plans-2-years': 'cp-plans-2-years',
};

/** Published workforce figures shown beside a measure though Threadline does not compute them. */
export const RELATED_COMPARATORS: Readonly<Record<string, readonly ComparatorMeasureId[]>> = {
  'm13-sw-vacancy-rate': ['sw-agency-rate', 'sw-vacancy-agency-cover', 'sw-turnover'],
};

export interface RelatedComparator {
  measure: string;
  cells: ComparatorCell[];
}

export interface ComparatorCell {
  label: 'Statistical neighbour average' | 'England' | 'Region';
  geography: string;
  value: number | null;
  display: string;
  /** "year to 31 March 2018", "30 September 2018". */
  period: string;
  /** Publication and edition. */
  source: string;
  note: string | null;
  /** Our latest value against this comparator. */
  direction: Direction | null;
}

export interface DatasetRow {
  id: string;
  number: number | null;
  title: string;
  frequency: string;
  serviceArea: string;
  better: 'high' | 'low';
  unit: string;
  months: { month: string; label: string; value: number | null; display: string }[];
  latest: MeasureValue;
  changeFromPreviousMonth: Direction | null;
  previousThreeMonthAverage: number | null;
  againstThreeMonthAverage: Direction | null;
  comparators: ComparatorCell[];
  /** Other published figures that put this one in context (agency rate and turnover beside vacancies). */
  related: RelatedComparator[];
  target: number | null;
  rag: Rag | null;
  commentary: string | null;
}

export interface Dataset {
  authority: string | null;
  month: string;
  monthLabel: string;
  /** ISO instant the records are as known at, or null for "now". */
  knownAt: string | null;
  generatedAt: string;
  comparatorAuthority: string | null;
  /** Anything that stopped part of the dataset being shown, in plain English. */
  warnings: string[];
  rows: DatasetRow[];
}

export interface DatasetRequest {
  /** The latest month, 'YYYY-MM'. */
  month: string;
  /** Months of history shown, the latest included (default 13). */
  months?: number;
  knownAt?: Date;
}

/** Records as known at an instant, ready for the measures, and the settings they run under. */
export interface MeasureSession {
  ctx: MeasureContext;
  config: DatasetConfig;
  warnings: string[];
}

export async function openMeasureSession(db: Queryable, from: string, to: string, knownAt?: Date): Promise<MeasureSession> {
  const [inputs, config] = await Promise.all([
    loadMeasureInputs(db, { from, to, ...(knownAt ? { knownAt } : {}) }),
    loadDatasetConfig(db),
  ]);
  const ctx = measureContext(inputs, {
    ...config.measureOptions,
    standards: config.standards,
    calendar: new WorkingCalendar({ closureDays: config.closureDays }),
  });
  const warnings: string[] = [];
  if (config.comparatorLaCode !== null && !loadDfeTable().authorities.has(config.comparatorLaCode)) {
    warnings.push(`No comparators: "${config.comparatorLaCode}" is not a DfE local authority code (set comparatorLaCode to one, such as "333").`);
    config.comparatorLaCode = null;
  }
  return { ctx, config, warnings };
}

function tolerance(config: DatasetConfig, def: MeasureDefinition): number {
  if (def.unit === 'percent') return config.tolerance.percent;
  if (def.unit === 'rate per 10,000') return config.tolerance.rate;
  if (def.unit === 'caseload') return config.tolerance.caseload;
  return config.tolerance.count;
}

function formatComparator(def: MeasureDefinition, value: number | null): string {
  if (value === null) return 'not published';
  const fixed = value.toFixed(def.decimals);
  return def.unit === 'percent' ? `${fixed}%` : fixed;
}

function comparatorCells(
  def: MeasureDefinition, month: string, latest: number | null, config: DatasetConfig, id = COMPARATOR_FOR[def.id],
): ComparatorCell[] {
  if (!id || !config.comparatorLaCode) return [];
  const set = comparatorsForMonth(loadDfeTable(), id, config.comparatorLaCode, month, { grouping: config.neighbourGrouping });
  if (!set) return [];
  const tol = tolerance(config, def);
  const cell = (label: ComparatorCell['label'], v: typeof set.england): ComparatorCell => ({
    label,
    geography: v.geography.name,
    value: v.value,
    display: formatComparator(def, v.value),
    period: v.period.label,
    source: `${v.source.publication}, ${v.source.edition}`,
    note: v.note ?? (v.marker !== null ? v.markerMeaning : null),
    direction: direction(latest, v.value, def.better, tol, 'in line'),
  });
  const sn = cell('Statistical neighbour average', set.statisticalNeighbours);
  sn.note = `${set.statisticalNeighbours.groupingLabel}: mean of ${set.statisticalNeighbours.neighbourCount} of ${set.statisticalNeighbours.groupSize} neighbours`;
  return [sn, cell('England', set.england), cell('Region', set.region)];
}

/** One measure's dataset row from its values (oldest first) and settings. */
export function datasetRow(
  def: MeasureDefinition, values: MeasureValue[], config: DatasetConfig, commentary: string | null,
): DatasetRow {
  const latest = values[values.length - 1]!;
  const previous = values[values.length - 2];
  const series = values.map((v) => v.value);
  const avg = previousThreeMonthAverage(series);
  const thresholds = config.targets[def.id];
  return {
    id: def.id,
    number: def.number,
    title: def.title,
    frequency: def.frequency,
    serviceArea: def.serviceArea,
    better: def.better,
    unit: def.unit,
    months: values.map((v) => ({ month: v.month, label: monthLabel(v.month), value: v.value, display: v.display })),
    latest,
    changeFromPreviousMonth: previous ? direction(latest.value, previous.value, def.better) : null,
    previousThreeMonthAverage: avg === null ? null : Math.round(avg * 10 ** def.decimals) / 10 ** def.decimals,
    againstThreeMonthAverage: direction(latest.value, avg, def.better),
    comparators: comparatorCells(def, latest.month, latest.value, config),
    related: (RELATED_COMPARATORS[def.id] ?? []).map((id) => ({
      measure: comparatorMeasure(id).label,
      cells: comparatorCells(def, latest.month, null, config, id),
    })),
    target: thresholds?.target ?? null,
    rag: rag(latest.value, def.better, thresholds),
    commentary,
  };
}

export async function buildDataset(db: Queryable, request: DatasetRequest): Promise<Dataset> {
  const count = request.months ?? 13;
  const months = monthsEnding(request.month, count);
  const { ctx, config, warnings } = await openMeasureSession(db, months[0]!, request.month, request.knownAt);
  const [notes, [authority]] = await Promise.all([
    commentaryFor(db, request.month),
    db.query<{ name: string }>(`SELECT name FROM current_authority ORDER BY id LIMIT 1`),
  ]);
  const rows = measures.map((def) =>
    datasetRow(def, months.map((m) => computeMeasure(def, ctx, m)), config, notes.get(def.id)?.text ?? null),
  );
  return {
    authority: authority?.name ?? null,
    month: request.month,
    monthLabel: monthLabel(request.month),
    knownAt: request.knownAt ? request.knownAt.toISOString() : null,
    generatedAt: new Date().toISOString(),
    comparatorAuthority: config.comparatorLaCode,
    warnings,
    rows,
  };
}

/** The records behind one figure, in the measure's order, `limit` at a time from `offset`. */
export async function drillDown(
  db: Queryable, measure: MeasureDefinition, month: string, page: { offset: number; limit: number }, knownAt?: Date,
): Promise<{ value: MeasureValue; total: number; rows: DrillRow[] }> {
  const { ctx } = await openMeasureSession(db, month, month, knownAt);
  const value = computeMeasure(measure, ctx, month);
  const rows: DrillRow[] = [];
  let total = 0;
  for (const row of measure.rows(ctx, month)) {
    if (total >= page.offset && rows.length < page.limit) rows.push(row);
    total++;
  }
  return { value, total, rows };
}

/** Every record behind a figure, one at a time (for a CSV of any size). */
export async function* allRows(db: Queryable, measure: MeasureDefinition, month: string, knownAt?: Date): AsyncGenerator<DrillRow> {
  const { ctx } = await openMeasureSession(db, month, month, knownAt);
  yield* measure.rows(ctx, month);
}

export interface LateRecording {
  measureId: string;
  month: string;
  /** The instant "as reported": the end of the month-end day plus `days` days. */
  reportedAt: string;
  asReported: MeasureValue;
  now: MeasureValue;
  /** Records whose place in the figure differs between the two. */
  changed: { recordId: string; personId: string | null; before: string; after: string; explanationNow: string }[];
}

/**
 * The figure as it would have been reported `days` days after the month ended, against the figure now, with
 * the records whose place changed: usually visits, decisions and reviews recorded late.
 */
export async function lateRecording(db: Queryable, measure: MeasureDefinition, month: string, days: number): Promise<LateRecording> {
  const reportedAt = endOfLondonDay(addDays(monthEnd(month), days));
  const [then, now] = await Promise.all([
    openMeasureSession(db, month, month, reportedAt),
    openMeasureSession(db, month, month),
  ]);
  const place = (r: DrillRow) => (r.inNumerator ? 'numerator' : r.inDenominator ? 'denominator only' : 'not counted');
  const before = new Map<string, DrillRow>();
  for (const r of measure.rows(then.ctx, month)) before.set(r.recordId, r);
  const changed: LateRecording['changed'] = [];
  const seen = new Set<string>();
  for (const r of measure.rows(now.ctx, month)) {
    seen.add(r.recordId);
    const b = before.get(r.recordId);
    const was = b ? place(b) : 'not yet recorded';
    if (was !== place(r)) changed.push({ recordId: r.recordId, personId: r.personId, before: was, after: place(r), explanationNow: r.explanation });
  }
  for (const [id, b] of before) {
    if (!seen.has(id)) changed.push({ recordId: id, personId: b.personId, before: place(b), after: 'no longer counted', explanationNow: '' });
  }
  return {
    measureId: measure.id,
    month,
    reportedAt: reportedAt.toISOString(),
    asReported: computeMeasure(measure, then.ctx, month),
    now: computeMeasure(measure, now.ctx, month),
    changed,
  };
}
