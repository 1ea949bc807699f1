/**
 * The monthly monitoring report's own data: the analyst's summary analysis and each measure's commentary
 * (rows only ever added: the latest is in force, earlier ones are the history), the publication steps, and
 * the published versions (immutable snapshots as JSON, with the drill-down rows of each figure stored
 * apart, one row per figure). Every read of a version's child-level rows is checked and logged.
 */
import type { Queryable } from '../db/database.js';
import type { StepName, StepTaken } from '../domain/report/publication.js';
import { logAccess, requireRead, type Viewer } from './viewer.js';

export interface WrittenText {
  /** The row's id: a form sends back the id it was opened on, so a change made meanwhile is not overwritten. */
  id: number;
  text: string;
  by: string;
  at: Date;
}

/** The text in force for a section of the month's report ('summary', ...), or null. */
export async function reportText(q: Queryable, month: string, section = 'summary'): Promise<WrittenText | null> {
  const [row] = await q.query<{ id: number; text: string; written_by: string; written_at: Date }>(
    `SELECT id, text, written_by, written_at FROM report_summary WHERE month = $1 AND section = $2 ORDER BY id DESC LIMIT 1`,
    [month, section],
  );
  return row ? { id: row.id, text: row.text, by: row.written_by, at: row.written_at } : null;
}

/** Every version of the month's summary analysis, newest first. */
export async function reportTextHistory(q: Queryable, month: string, section = 'summary'): Promise<WrittenText[]> {
  const rows = await q.query<{ id: number; text: string; written_by: string; written_at: Date }>(
    `SELECT id, text, written_by, written_at FROM report_summary WHERE month = $1 AND section = $2 ORDER BY id DESC`,
    [month, section],
  );
  return rows.map((r) => ({ id: r.id, text: r.text, by: r.written_by, at: r.written_at }));
}

export async function addReportText(q: Queryable, viewer: Viewer, month: string, text: string, section = 'summary'): Promise<void> {
  await q.query(`INSERT INTO report_summary (month, section, text, written_by) VALUES ($1, $2, $3, $4)`, [month, section, text, viewer.username]);
  await logAccess(q, viewer, { action: 'change', entity: 'report_summary', detail: `monthly report ${month}: ${section}` });
}

/** The commentary in force for each measure in the month, with its id, author and time. */
export async function measureCommentary(q: Queryable, month: string): Promise<Map<string, WrittenText>> {
  const rows = await q.query<{ id: number; measure_id: string; commentary: string; written_by: string; written_at: Date }>(
    `SELECT DISTINCT ON (measure_id) id, measure_id, commentary, written_by, written_at
       FROM measure_commentary WHERE month = $1 ORDER BY measure_id, id DESC`,
    [month],
  );
  return new Map(rows.map((r) => [r.measure_id, { id: r.id, text: r.commentary, by: r.written_by, at: r.written_at }]));
}

/** Every commentary written for the month, newest first, by measure. */
export async function commentaryHistory(q: Queryable, month: string): Promise<(WrittenText & { measureId: string })[]> {
  const rows = await q.query<{ id: number; measure_id: string; commentary: string; written_by: string; written_at: Date }>(
    `SELECT id, measure_id, commentary, written_by, written_at FROM measure_commentary WHERE month = $1 ORDER BY measure_id, id DESC`,
    [month],
  );
  return rows.map((r) => ({ id: r.id, measureId: r.measure_id, text: r.commentary, by: r.written_by, at: r.written_at }));
}

export async function addMeasureCommentary(q: Queryable, viewer: Viewer, month: string, measureId: string, text: string): Promise<void> {
  await q.query(`INSERT INTO measure_commentary (measure_id, month, commentary, written_by) VALUES ($1, $2, $3, $4)`, [measureId, month, text, viewer.username]);
  await logAccess(q, viewer, { action: 'change', entity: 'measure_commentary', detail: `monthly report ${month}: commentary on ${measureId}` });
}

// --- Publication ---------------------------------------------------------------------------------

export async function reportSteps(q: Queryable, month: string): Promise<StepTaken[]> {
  const rows = await q.query<{ step: StepName; taken_by: string; taken_at: Date; version: number | null }>(
    `SELECT step, taken_by, taken_at, version FROM report_step WHERE month = $1 ORDER BY id`,
    [month],
  );
  return rows.map((r) => ({ step: r.step, by: r.taken_by, at: r.taken_at, version: r.version }));
}

export async function addReportStep(q: Queryable, viewer: Viewer, month: string, step: StepName, version: number | null = null): Promise<void> {
  await q.query(`INSERT INTO report_step (month, step, version, taken_by) VALUES ($1, $2, $3, $4)`, [month, step, version, viewer.username]);
  await logAccess(q, viewer, { action: 'change', entity: 'report_step', detail: `monthly report ${month}: ${step}${version ? ` (version ${version})` : ''}` });
}

export interface StoredFigure {
  measureId: string;
  /** JSON-ready drill-down rows, in the measure's order. */
  rows: readonly unknown[];
}

export async function insertVersion(
  q: Queryable,
  v: { month: string; version: number; reviewedBy: string; reviewedAt: Date; publishedBy: string; publishedAt: Date; snapshot: unknown; figures: readonly StoredFigure[] },
): Promise<void> {
  await q.query(
    `INSERT INTO report_version (month, version, reviewed_by, reviewed_at, published_by, published_at, snapshot) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [v.month, v.version, v.reviewedBy, v.reviewedAt, v.publishedBy, v.publishedAt, JSON.stringify(v.snapshot)],
  );
  if (!v.figures.length) return;
  await q.query(
    `INSERT INTO report_version_figure (month, version, measure_id, total, rows)
     SELECT $1, $2, f.measure_id, f.total, f.rows FROM jsonb_to_recordset($3::jsonb) AS f(measure_id text, total integer, rows jsonb)`,
    [v.month, v.version, JSON.stringify(v.figures.map((f) => ({ measure_id: f.measureId, total: f.rows.length, rows: f.rows })))],
  );
}

export interface VersionSummary {
  month: string;
  version: number;
  reviewedBy: string;
  reviewedAt: Date;
  publishedBy: string;
  publishedAt: Date;
}

const versionColumns = `month, version, reviewed_by, reviewed_at, published_by, published_at`;
type VersionRow = { month: string; version: number; reviewed_by: string; reviewed_at: Date; published_by: string; published_at: Date };
const toSummary = (r: VersionRow): VersionSummary => ({
  month: r.month, version: r.version, reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at, publishedBy: r.published_by, publishedAt: r.published_at,
});

/** Every published version, newest month first, then newest version first. */
export async function publishedVersions(q: Queryable, month?: string): Promise<VersionSummary[]> {
  const rows = await q.query<VersionRow>(
    `SELECT ${versionColumns} FROM report_version ${month ? 'WHERE month = $1' : ''} ORDER BY month DESC, version DESC`,
    month ? [month] : [],
  );
  return rows.map(toSummary);
}

/** Months with any report text, step or version (as well as those the list always shows). */
export async function monthsWithReports(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ month: string }>(
    `SELECT month FROM report_summary UNION SELECT month FROM report_step UNION SELECT month FROM report_version ORDER BY month DESC`,
  );
  return rows.map((r) => r.month);
}

/** A published version with its snapshot (as stored JSON), or null. Logged as a view. */
export async function loadVersion(q: Queryable, viewer: Viewer, month: string, version: number): Promise<(VersionSummary & { snapshot: unknown }) | null> {
  const [row] = await q.query<VersionRow & { snapshot: string }>(
    `SELECT ${versionColumns}, snapshot::text AS snapshot FROM report_version WHERE month = $1 AND version = $2`,
    [month, version],
  );
  if (!row) return null;
  await logAccess(q, viewer, { action: 'view', detail: `monthly report ${month} version ${version}` });
  return { ...toSummary(row), snapshot: JSON.parse(row.snapshot) };
}

/**
 * A page of the drill-down rows stored with a published figure, or null when the version has no such
 * figure. Child-level data: the viewer must be allowed to read children's records, and the read is logged.
 */
export async function storedFigureRows(
  q: Queryable, viewer: Viewer, month: string, version: number, measureId: string, page: { offset: number; limit: number },
): Promise<{ total: number; rows: unknown[] } | null> {
  await requireRead(q, viewer, { action: 'view', detail: `monthly report ${month} version ${version}: drill-down ${measureId}` });
  const [head] = await q.query<{ total: number }>(
    `SELECT total FROM report_version_figure WHERE month = $1 AND version = $2 AND measure_id = $3`,
    [month, version, measureId],
  );
  if (!head) return null;
  const rows = await q.query<{ row: string }>(
    `SELECT e.row::text AS row
       FROM report_version_figure f, jsonb_array_elements(f.rows) WITH ORDINALITY AS e(row, n)
      WHERE f.month = $1 AND f.version = $2 AND f.measure_id = $3 AND e.n > $4
      ORDER BY e.n LIMIT $5`,
    [month, version, measureId, page.offset, page.limit],
  );
  await logAccess(q, viewer, { action: 'view', detail: `monthly report ${month} version ${version}: drill-down ${measureId} rows ${page.offset + 1}-${page.offset + rows.length}` });
  return { total: head.total, rows: rows.map((r) => JSON.parse(r.row) as unknown) };
}
