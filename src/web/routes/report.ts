/**
 * The monthly monitoring report: the list of months and versions, the live report for any month (with the
 * analyst's summary and commentary forms while it is a draft, and the publication steps), published
 * versions with what changed, the drill-down rows stored with a published figure, the history of the text,
 * and the PDF and workbook of each. Thin: src/services/report.ts does the work.
 */
import { join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import type { Database } from '../../db/database.js';
import { addMonthsToMonth, isMonth, measures, monthLabel } from '../../domain/measures/index.js';
import { reportState, type ReportAction } from '../../domain/report/publication.js';
import { formatValue, trendChartSvg } from '../../domain/report/trend-chart.js';
import { londonDate } from '../../domain/time/london.js';
import { datasetXlsx } from '../../io/dataset-files.js';
import { projectRoot } from '../../project-root.js';
import { commentaryHistory, loadVersion, monthsWithReports, publishedVersions, reportSteps, reportTextHistory, storedFigureRows } from '../../repositories/report.js';
import {
  liveReport, publishedReport, ReportProblem, takeStep, writeCommentary, writeSummary, type LiveReport, type ReportContent, type PublishedReport, type ReportSnapshot,
} from '../../services/report.js';
import { viewerOf } from '../auth.js';
import { errorSummary, text, type FormErrors } from '../forms.js';
import { reportPdf } from '../pdf/report-pdf.js';

const PAGE = 50;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** This month and the months before it; a report for a month not yet begun makes no sense. */
function reportMonth(value: unknown): string | null {
  if (!isMonth(value)) return null;
  return value <= londonDate(new Date()).slice(0, 7) ? value : null;
}

/** A month or version parameter with an optional file suffix: "2026-10.pdf" → ["2026-10", "pdf"]. */
function splitSuffix(value: string): [string, 'pdf' | 'xlsx' | null] {
  const m = /^(.*)\.(pdf|xlsx)$/.exec(value);
  return m ? [m[1]!, m[2] as 'pdf' | 'xlsx'] : [value, null];
}

const STATUS_LABEL = { draft: 'Draft', reviewed: 'Reviewed', published: 'Published' } as const;

/** What the report's pages show of each measure: the content, its chart, and where each figure leads. */
function measureViews(content: ReportContent, drill: (measureId: string, month: string) => string | null) {
  return content.measures.map((m) => ({
    ...m,
    svg: trendChartSvg({
      id: m.id, title: m.title, unit: m.unit, better: m.better, decimals: m.decimals, target: m.target,
      points: m.months.map((p) => ({ month: p.month, label: p.label, value: p.value })),
    }),
    drillHref: drill(m.id, content.month),
    targetDisplay: m.target === null ? null : formatValue(m.target, m.unit, m.decimals),
    averageDisplay: m.previousThreeMonthAverage === null ? null : formatValue(m.previousThreeMonthAverage, m.unit, m.decimals),
    months: m.months.map((p) => ({ ...p, href: drill(m.id, p.month) })),
  }));
}

function appendixRows(content: ReportContent, drill: (measureId: string, month: string) => string | null) {
  const decimals = new Map(content.measures.map((m) => [m.id, m.decimals]));
  const fmt = (v: number | null, unit: string, id: string) => (v === null ? null : formatValue(v, unit, decimals.get(id) ?? 1));
  return content.dataset.rows.map((r) => ({
    ...r,
    targetDisplay: fmt(r.target, r.unit, r.id),
    averageDisplay: fmt(r.previousThreeMonthAverage, r.unit, r.id),
    cells: r.months.map((p) => ({ display: p.display, href: drill(r.id, p.month), label: p.label })),
    sn: r.comparators.find((c) => c.label === 'Statistical neighbour average')?.display ?? '–',
    england: r.comparators.find((c) => c.label === 'England')?.display ?? '–',
  }));
}

export function reportRoutes(db: Database): Router {
  const router = Router();

  router.get('/assets/report.css', (_req, res) => res.sendFile(join(projectRoot, 'src', 'web', 'public', 'report.css')));

  router.get('/reports', async (_req, res) => {
    const lastWhole = addMonthsToMonth(londonDate(new Date()).slice(0, 7), -1);
    const recent = Array.from({ length: 13 }, (_, i) => addMonthsToMonth(lastWhole, -i));
    const months = [...new Set([...(await monthsWithReports(db)), ...recent])].filter((m) => reportMonth(m)).sort().reverse();
    const versions = await publishedVersions(db);
    const rows = await Promise.all(months.map(async (m) => {
      const state = reportState(await reportSteps(db, m));
      return { month: m, label: monthLabel(m), status: STATUS_LABEL[state.status], versions: versions.filter((v) => v.month === m) };
    }));
    res.render('report/index.njk', { rows });
  });

  async function renderLive(req: Request, res: Response, month: string, opts: { errors?: FormErrors; values?: Record<string, string>; saved?: string } = {}) {
    const viewer = viewerOf(res);
    const live: LiveReport = await liveReport(db, viewer, month);
    const drill = (id: string, m: string) => `/performance/${id}/${m}`;
    const versions = await publishedVersions(db, month);
    res.status(opts.errors ? 400 : 200).render('report/report.njk', {
      mode: 'live', content: live.content, state: live.state, statusLabel: STATUS_LABEL[live.state.status], allowed: live.allowed, reasons: live.reasons,
      measures: measureViews(live.content, drill), appendix: appendixRows(live.content, drill), versions,
      previous: addMonthsToMonth(month, -1), next: addMonthsToMonth(month, 1) < londonDate(new Date()).slice(0, 7) ? addMonthsToMonth(month, 1) : null,
      sections: live.content.sections, hasSections: live.content.sections !== null && live.content.sections !== undefined,
      values: opts.values ?? {}, saved: opts.saved ?? (typeof req.query.saved === 'string' ? req.query.saved : null),
      errors: opts.errors, errorList: opts.errors ? errorSummary(opts.errors) : undefined,
    });
  }

  router.get('/reports/:month', async (req, res, next) => {
    const [raw, kind] = splitSuffix(req.params.month);
    const month = reportMonth(raw);
    if (!month) return next();
    if (kind === null) return renderLive(req, res, month);
    const live = await liveReport(db, viewerOf(res), month);
    if (kind === 'pdf') {
      res.type('application/pdf').attachment(`monthly-report-${month}-live.pdf`)
        .send(await reportPdf(live.content, {
          status: `${live.state.status === 'published' ? `Not a published version (version ${live.state.published!.version} is)` : STATUS_LABEL[live.state.status]}: figures as the records are now`,
        }));
    } else {
      res.type(XLSX_TYPE).attachment(`monthly-report-${month}-dataset.xlsx`).send(await datasetXlsx(live.content.dataset));
    }
  });

  router.post('/reports/:month/summary', async (req, res, next) => {
    const month = reportMonth(req.params.month);
    if (!month) return next();
    const value = text(req, 'summary');
    try {
      await writeSummary(db, viewerOf(res), month, value, wasId(req));
      res.redirect(303, `/reports/${month}?saved=summary#summary-analysis`);
    } catch (err) {
      if (!(err instanceof ReportProblem)) throw err;
      await renderLive(req, res, month, { errors: err.errors, values: { summary: value } });
    }
  });

  router.post('/reports/:month/commentary/:id', async (req, res, next) => {
    const month = reportMonth(req.params.month);
    const def = measures.find((m) => m.id === req.params.id);
    if (!month || !def) return next();
    const value = text(req, 'commentary');
    try {
      await writeCommentary(db, viewerOf(res), month, def.id, value, wasId(req));
      res.redirect(303, `/reports/${month}?saved=${encodeURIComponent(def.id)}#measure-${def.id}`);
    } catch (err) {
      if (!(err instanceof ReportProblem)) throw err;
      await renderLive(req, res, month, { errors: err.errors, values: { [`commentary-${def.id}`]: value } });
    }
  });

  router.post('/reports/:month/status', async (req, res, next) => {
    const month = reportMonth(req.params.month);
    if (!month) return next();
    const step = text(req, 'step');
    if (!['review', 'return', 'publish', 'reopen'].includes(step)) {
      await renderLive(req, res, month, { errors: { step: 'Choose what to do with the report' } });
      return;
    }
    try {
      const version = await takeStep(db, viewerOf(res), month, step as Exclude<ReportAction, 'write'>);
      res.redirect(303, version ? `/reports/${month}/versions/${version}?published=1` : `/reports/${month}?saved=${step}`);
    } catch (err) {
      if (!(err instanceof ReportProblem)) throw err;
      await renderLive(req, res, month, { errors: err.errors });
    }
  });

  router.get('/reports/:month/history', async (req, res, next) => {
    const month = reportMonth(req.params.month);
    if (!month) return next();
    const [summaries, commentary, steps] = await Promise.all([reportTextHistory(db, month), commentaryHistory(db, month), reportSteps(db, month)]);
    const titles = new Map(measures.map((m) => [m.id, m.title]));
    const byMeasure = new Map<string, typeof commentary>();
    for (const c of commentary) byMeasure.set(c.measureId, [...(byMeasure.get(c.measureId) ?? []), c]);
    res.render('report/history.njk', {
      month, label: monthLabel(month), summaries, steps,
      commentary: [...byMeasure].map(([id, rows]) => ({ id, title: titles.get(id) ?? id, rows })).sort((a, b) => a.title.localeCompare(b.title)),
    });
  });

  router.get('/reports/:month/versions/:version', async (req, res, next) => {
    const month = reportMonth(req.params.month);
    const [raw, kind] = splitSuffix(req.params.version);
    const version = /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null;
    if (!month || version === null) return next();
    const published: PublishedReport | null = await publishedReport(db, viewerOf(res), month, version);
    if (!published) return next();
    const s = published.snapshot;
    if (kind === 'pdf') {
      res.type('application/pdf').attachment(`monthly-report-${month}-v${version}.pdf`)
        .send(await reportPdf(s, { status: `Published version ${version}`, published: { by: s.published.by, at: s.published.at, reviewedBy: s.reviewed.by, reviewedAt: s.reviewed.at } }));
      return;
    }
    if (kind === 'xlsx') {
      res.type(XLSX_TYPE).attachment(`monthly-report-${month}-v${version}-dataset.xlsx`).send(await datasetXlsx(s.dataset));
      return;
    }
    const drill = (id: string, m: string) => (m === month ? `/reports/${month}/versions/${version}/figures/${id}` : null);
    res.render('report/report.njk', {
      mode: 'published', content: s, version, snapshot: s, versions: published.versions.map((n) => ({ version: n })), changes: published.changes,
      statusLabel: `Published version ${version}`, justPublished: req.query.published === '1',
      measures: measureViews(s, drill), appendix: appendixRows(s, drill),
      sections: s.sections, hasSections: s.sections !== null && s.sections !== undefined, allowed: {}, reasons: {}, values: {},
    });
  });

  router.get('/reports/:month/versions/:version/figures/:id', async (req, res, next) => {
    const month = reportMonth(req.params.month);
    const version = /^[1-9]\d{0,5}$/.test(req.params.version) ? Number(req.params.version) : null;
    if (!month || version === null) return next();
    const pageNumber = Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1);
    const stored = await storedFigureRows(db, viewerOf(res), month, version, req.params.id, { offset: (pageNumber - 1) * PAGE, limit: PAGE });
    if (!stored) return next();
    const published = await loadVersion(db, viewerOf(res), month, version);
    const snapshot = published!.snapshot as ReportSnapshot;
    const measure = snapshot.measures.find((m) => m.id === req.params.id);
    if (!measure) return next();
    const pages = Math.max(1, Math.ceil(stored.total / PAGE));
    res.render('report/figure.njk', {
      month, label: monthLabel(month), version, measure, publishedAt: snapshot.published.at, total: stored.total,
      rows: stored.rows, pageNumber, pages, from: (pageNumber - 1) * PAGE + 1, to: Math.min(stored.total, pageNumber * PAGE),
    });
  });

  return router;
}

function wasId(req: Request): number | null {
  const v = text(req, 'was');
  return /^\d+$/.test(v) ? Number(v) : null;
}
