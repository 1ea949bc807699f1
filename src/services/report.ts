/**
 * The monthly monitoring report: the live report for any month (the dataset with the analyst's summary and
 * commentary, the trend of each measure in words, and the other sections), the writing of its text, and its
 * publication as an immutable snapshot (figures, drill-down rows, text and sections as they were).
 *
 * The web pages, the PDF and the workbook are all made from a ReportContent, live or published, so a
 * published version reads exactly as it did on the day.
 */
import type { Database, Queryable } from '../db/database.js';
import type { Direction, Rag } from '../domain/dataset/trend.js';
import { computeMeasure, measures } from '../domain/measures/index.js';
import { differences, mayTake, reportState, type Difference, type ReportAction, type ReportFacts, type ReportState } from '../domain/report/publication.js';
import { trendSentence, type TrendSeries } from '../domain/report/trend-chart.js';
import {
  addMeasureCommentary, addReportStep, addReportText, insertVersion, loadVersion, measureCommentary, publishedVersions, reportSteps, reportText,
  type StoredFigure, type WrittenText,
} from '../repositories/report.js';
import { reportSections, type ReportSections } from '../repositories/report-sections.js';
import { AccessDenied, logAccess, type Viewer } from '../repositories/viewer.js';
import { buildDataset, openMeasureSession, type ComparatorCell, type Dataset, type DatasetRow } from './dataset.js';

export interface Written {
  id: number;
  text: string;
  by: string;
  /** ISO instant. */
  at: string;
}

export interface ReportMeasure {
  id: string;
  number: number | null;
  title: string;
  serviceArea: string;
  frequency: string;
  better: 'high' | 'low';
  unit: string;
  decimals: number;
  months: DatasetRow['months'];
  latest: { value: number | null; display: string; numerator: number; denominator: number | null; notes: string[] };
  target: number | null;
  rag: Rag | null;
  change: Direction | null;
  previousThreeMonthAverage: number | null;
  againstThreeMonthAverage: Direction | null;
  comparators: ComparatorCell[];
  trendSentence: string;
  commentary: Written | null;
}

/** Everything the report shows, live or as published. JSON-serialisable. */
export interface ReportContent {
  month: string;
  monthLabel: string;
  authority: string | null;
  /** ISO instant the figures were counted. */
  generatedAt: string;
  /** ISO instant the records are as known at (a published version's publication), or null for live. */
  knownAt: string | null;
  warnings: string[];
  summary: Written | null;
  measures: ReportMeasure[];
  /** The Appendix 1 dataset (for its table and the workbook). */
  dataset: Dataset;
  /** The other sections (audits, complaints, performance failures, plans, surveys, inspections). */
  sections: ReportSections;
}

export interface ReportSnapshot extends ReportContent {
  version: number;
  reviewed: { by: string; at: string };
  published: { by: string; at: string };
}

/** A form that could not be accepted: field → message, in form order. */
export class ReportProblem extends Error {
  constructor(readonly errors: Record<string, string>) {
    super(Object.values(errors).join('; '));
  }
}

const written = (w: WrittenText | null | undefined): Written | null => (w ? { id: w.id, text: w.text, by: w.by, at: w.at.toISOString() } : null);

/** The report's content from the dataset, the text and the sections. */
export function reportContent(dataset: Dataset, summary: Written | null, commentary: ReadonlyMap<string, Written>, sections: ReportSections): ReportContent {
  const decimals = new Map(measures.map((m) => [m.id, m.decimals]));
  return {
    month: dataset.month,
    monthLabel: dataset.monthLabel,
    authority: dataset.authority,
    generatedAt: dataset.generatedAt,
    knownAt: dataset.knownAt,
    warnings: dataset.warnings,
    summary,
    measures: dataset.rows.map((r) => {
      const series: TrendSeries = {
        id: r.id, title: r.title, unit: r.unit, better: r.better, decimals: decimals.get(r.id) ?? 1,
        points: r.months.map((m) => ({ month: m.month, label: m.label, value: m.value })), target: r.target,
      };
      return {
        id: r.id, number: r.number, title: r.title, serviceArea: r.serviceArea, frequency: r.frequency, better: r.better, unit: r.unit,
        decimals: series.decimals, months: r.months,
        latest: { value: r.latest.value, display: r.latest.display, numerator: r.latest.numerator, denominator: r.latest.denominator, notes: r.latest.notes },
        target: r.target, rag: r.rag, change: r.changeFromPreviousMonth, previousThreeMonthAverage: r.previousThreeMonthAverage,
        againstThreeMonthAverage: r.againstThreeMonthAverage, comparators: r.comparators,
        trendSentence: trendSentence(series, r.comparators.map((c) => ({ label: c.label, value: c.value, judgement: c.direction?.judgement ?? null }))),
        commentary: commentary.get(r.id) ?? null,
      };
    }),
    dataset,
    sections,
  };
}

/** The month's publication status, who wrote its text, and whether the summary is written. */
export async function reportFacts(q: Queryable, month: string): Promise<ReportFacts & { summary: WrittenText | null; commentary: Map<string, WrittenText> }> {
  const [steps, summary, commentary] = await Promise.all([reportSteps(q, month), reportText(q, month), measureCommentary(q, month)]);
  const authors = [...new Set([summary?.by, ...[...commentary.values()].map((c) => c.by)].filter((x): x is string => !!x))];
  return { state: reportState(steps), authors, hasSummary: !!summary, summary, commentary };
}

export interface LiveReport {
  content: ReportContent;
  state: ReportState;
  /** The actions the viewer may take now. */
  allowed: Record<ReportAction, boolean>;
  /** Why a step the viewer's role takes is not open to them now (shown beside the buttons). */
  reasons: Partial<Record<ReportAction, string>>;
}

const ACTIONS: ReportAction[] = ['write', 'review', 'return', 'publish', 'reopen'];

/** The report for a month as the records are now. */
export async function liveReport(q: Queryable, viewer: Viewer, month: string, knownAt?: Date): Promise<LiveReport> {
  const facts = await reportFacts(q, month);
  const dataset = await buildDataset(q, { month, ...(knownAt ? { knownAt } : {}) });
  const commentary = new Map([...facts.commentary].map(([k, v]) => [k, written(v)!]));
  const sections = await reportSections(q, viewer, month, { dataset });
  await logAccess(q, viewer, { action: 'view', detail: `monthly report ${month}` });
  const allowed = {} as Record<ReportAction, boolean>;
  const reasons: Partial<Record<ReportAction, string>> = {};
  for (const a of ACTIONS) {
    const d = mayTake(viewer, a, facts);
    allowed[a] = d.allowed;
    // Why a step the viewer's role could take is not open to them now (not why other roles' steps are not).
    if (!d.allowed && !d.byRole) reasons[a] = d.because;
  }
  return { content: reportContent(dataset, written(facts.summary), commentary, sections), state: facts.state, allowed, reasons };
}

const SUMMARY_MAX = 20_000;
const COMMENTARY_MAX = 5_000;

/** Refuses with the reason unless the viewer may take the action now; a role that never may is AccessDenied. */
async function check(q: Queryable, viewer: Viewer, month: string, action: ReportAction, field: string, facts: ReportFacts): Promise<void> {
  const d = mayTake(viewer, action, facts);
  if (d.allowed) return;
  await logAccess(q, viewer, { action: 'change', outcome: 'denied', detail: `monthly report ${month}: ${action}; ${d.because}` });
  if (d.byRole) throw new AccessDenied(d.because);
  throw new ReportProblem({ [field]: d.because });
}

/** Saves the summary analysis (a new row; the old ones stay as history). `was`: the id the form was opened on. */
export async function writeSummary(db: Database, viewer: Viewer, month: string, text: string, was: number | null): Promise<void> {
  await db.transaction(async (tx) => {
    const facts = await reportFacts(tx, month);
    await check(tx, viewer, month, 'write', 'summary', facts);
    if (!text) throw new ReportProblem({ summary: 'Enter the summary analysis' });
    if (text.length > SUMMARY_MAX) throw new ReportProblem({ summary: `Summary analysis must be ${SUMMARY_MAX.toLocaleString('en-GB')} characters or fewer` });
    if ((facts.summary?.id ?? null) !== was) {
      throw new ReportProblem({ summary: `${facts.summary?.by ?? 'Someone'} changed the summary analysis after you opened this page: read their version below and write yours again` });
    }
    if (facts.summary?.text === text) return;
    await addReportText(tx, viewer, month, text);
  });
}

/** Saves a measure's commentary for the month (a new row; earlier ones stay as history). */
export async function writeCommentary(db: Database, viewer: Viewer, month: string, measureId: string, text: string, was: number | null): Promise<void> {
  const def = measures.find((m) => m.id === measureId);
  if (!def) throw new ReportProblem({ [`commentary-${measureId}`]: 'There is no such measure' });
  const field = `commentary-${measureId}`;
  await db.transaction(async (tx) => {
    const facts = await reportFacts(tx, month);
    await check(tx, viewer, month, 'write', field, facts);
    if (!text) throw new ReportProblem({ [field]: `Enter the commentary on ${def.title}` });
    if (text.length > COMMENTARY_MAX) throw new ReportProblem({ [field]: `Commentary on ${def.title} must be ${COMMENTARY_MAX.toLocaleString('en-GB')} characters or fewer` });
    const current = facts.commentary.get(measureId);
    if ((current?.id ?? null) !== was) {
      throw new ReportProblem({ [field]: `${current?.by ?? 'Someone'} changed the commentary on ${def.title} after you opened this page: read their version and write yours again` });
    }
    if (current?.text === text) return;
    await addMeasureCommentary(tx, viewer, month, measureId, text);
  });
}

/** The drill-down rows behind every figure of the month, as known at an instant, ready to store. */
export async function figureRows(q: Queryable, month: string, knownAt: Date): Promise<StoredFigure[]> {
  const { ctx } = await openMeasureSession(q, month, month, knownAt);
  return measures.map((def) => {
    computeMeasure(def, ctx, month);
    const rows = [];
    for (const r of def.rows(ctx, month)) {
      rows.push({
        personId: r.personId, recordId: r.recordId, teamId: r.teamId, inNumerator: r.inNumerator, inDenominator: r.inDenominator,
        dates: r.dates, explanation: r.explanation, ...(r.problem ? { problem: r.problem } : {}),
      });
    }
    return { measureId: def.id, rows };
  });
}

/**
 * Takes a publication step: review, return to draft, publish (an immutable snapshot of the report as the
 * records are at this instant, with every figure's drill-down rows, as a new version), or reopen a
 * published report to make a new version. Returns the version published, if any.
 *
 * A publication counts its figures as known at one instant before its short transaction (counting a large
 * authority takes a while, and the database should not wait on it), then writes them only if the report is
 * still the one reviewed: its text can only change after going back to draft, which is a new step.
 */
export async function takeStep(db: Database, viewer: Viewer, month: string, action: Exclude<ReportAction, 'write'>): Promise<number | null> {
  if (action !== 'publish') {
    return db.transaction(async (tx) => {
      const facts = await reportFacts(tx, month);
      await check(tx, viewer, month, action, 'step', facts);
      await addReportStep(tx, viewer, month, action === 'review' ? 'reviewed' : action === 'return' ? 'returned' : 'reopened');
      return null;
    });
  }
  const before = await reportFacts(db, month);
  await check(db, viewer, month, 'publish', 'step', before);
  const at = new Date();
  const [live, figures] = await Promise.all([liveReport(db, viewer, month, at), figureRows(db, month, at)]);
  return db.transaction(async (tx) => {
    const facts = await reportFacts(tx, month);
    await check(tx, viewer, month, 'publish', 'step', facts);
    const reviewed = facts.state.reviewed!;
    if (reviewed.at.getTime() !== before.state.reviewed?.at.getTime() || facts.state.nextVersion !== before.state.nextVersion) {
      throw new ReportProblem({ step: 'The report changed while it was being published: read it again, then publish' });
    }
    const version = facts.state.nextVersion;
    const snapshot: ReportSnapshot = {
      ...live.content, version,
      reviewed: { by: reviewed.by, at: reviewed.at.toISOString() },
      published: { by: viewer.username, at: at.toISOString() },
    };
    await insertVersion(tx, {
      month, version, reviewedBy: reviewed.by, reviewedAt: reviewed.at, publishedBy: viewer.username, publishedAt: at, snapshot, figures,
    });
    await addReportStep(tx, viewer, month, 'published', version);
    return version;
  });
}

/** What the version comparison needs of a report. */
export function comparable(c: ReportContent) {
  return {
    summary: c.summary?.text ?? null,
    measures: c.measures.map((m) => ({
      id: m.id, title: m.title, figure: m.latest.display, numerator: m.latest.numerator, denominator: m.latest.denominator,
      target: m.target, rag: m.rag, trendSentence: m.trendSentence, commentary: m.commentary?.text ?? null,
    })),
    sections: c.sections ?? null,
  };
}

export interface PublishedReport {
  snapshot: ReportSnapshot;
  /** The versions of the month, newest first. */
  versions: number[];
  /** Changes from the version before, or null for version 1. */
  changes: Difference[] | null;
}

/** A published version as it was, with what changed from the version before. */
export async function publishedReport(q: Queryable, viewer: Viewer, month: string, version: number): Promise<PublishedReport | null> {
  const v = await loadVersion(q, viewer, month, version);
  if (!v) return null;
  const snapshot = v.snapshot as ReportSnapshot;
  const versions = (await publishedVersions(q, month)).map((x) => x.version);
  const before = versions.filter((n) => n < version).sort((a, b) => b - a)[0];
  let changes: Difference[] | null = null;
  if (before !== undefined) {
    const prev = await loadVersion(q, viewer, month, before);
    changes = differences(comparable(prev!.snapshot as ReportSnapshot), comparable(snapshot));
  }
  return { snapshot, versions, changes };
}
