/**
 * The weekly performance board: each practice measure broken down by service, team and worker, worst first,
 * with the children behind each shortfall (the seed report's "weekly performance boards" where team and
 * operations managers are held to account).
 *
 * A row is one record behind a measure's figure (a child's plan, visit, contact ...) with the team the
 * measure gives it and the worker holding the child's case. A shortfall is a record that pulls the figure the
 * wrong way:
 * - a "higher is better" percentage: in the denominator but not the numerator (a visit not made in time);
 * - a "lower is better" percentage or count: in the numerator (a child unallocated for too long).
 *
 * Worst first: the group furthest on the wrong side (lowest percentage when higher is better; highest when
 * lower is better; most for a count), then the most shortfalls, then by name.
 *
 * Pure: no I/O.
 */
import { rag, type Rag, type RagThresholds } from '../dataset/trend.js';

export interface BoardMeasureMeta {
  id: string;
  number: number | null;
  title: string;
  unit: 'percent' | 'count';
  better: 'high' | 'low';
  decimals: number;
}

export interface BoardRow {
  personId: string;
  recordId: string;
  teamId: string | null;
  workerId: string | null;
  inNumerator: boolean;
  inDenominator: boolean;
}

export interface BoardNames {
  team(id: string): { name: string; serviceArea: string | null } | undefined;
  worker(id: string): { name: string; teamId: string | null } | undefined;
  serviceArea(code: string): string;
}

export type GroupLevel = 'service' | 'team' | 'worker';

export interface BoardGroup {
  level: GroupLevel;
  /** The service area code, team id or worker id; '' for "not recorded". */
  key: string;
  label: string;
  /** For a worker, their team's name. */
  context: string | null;
  numerator: number;
  denominator: number;
  /** The group's figure (percentage to the measure's decimals, or the count), null when nothing is counted. */
  value: number | null;
  display: string;
  rag: Rag | null;
  /** Records pulling the figure the wrong way. */
  shortfall: number;
  /** Distinct children behind the shortfall. */
  children: number;
}

export interface BoardMeasure extends BoardMeasureMeta {
  target: number | null;
  /** The figure for everything the viewer may see (the whole authority, or their team). */
  overall: BoardGroup;
  byService: BoardGroup[];
  byTeam: BoardGroup[];
  byWorker: BoardGroup[];
}

/** Whether a record pulls the measure's figure the wrong way. */
export function isShortfall(row: Pick<BoardRow, 'inNumerator' | 'inDenominator'>, m: Pick<BoardMeasureMeta, 'better'>): boolean {
  return m.better === 'high' ? row.inDenominator && !row.inNumerator : row.inNumerator;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f + 1e-9) / f;
}

/** The figure for a set of rows. */
export function groupFigure(
  m: BoardMeasureMeta, rows: readonly BoardRow[], thresholds: RagThresholds | undefined,
): Pick<BoardGroup, 'numerator' | 'denominator' | 'value' | 'display' | 'rag' | 'shortfall' | 'children'> {
  const numerator = rows.filter((r) => r.inNumerator).length;
  const denominator = rows.filter((r) => r.inDenominator).length;
  const short = rows.filter((r) => isShortfall(r, m));
  let value: number | null;
  if (m.unit === 'count') value = numerator;
  else value = denominator > 0 ? round((numerator / denominator) * 100, m.decimals) : null;
  const display = value === null ? 'no data' : m.unit === 'percent' ? `${value.toFixed(m.decimals)}%` : String(value);
  return {
    numerator, denominator, value, display, rag: rag(value, m.better, thresholds),
    shortfall: short.length, children: new Set(short.map((r) => r.personId)).size,
  };
}

/** Worst first: furthest on the wrong side, then most shortfalls, then by name; groups with no figure last. */
export function worstFirst(m: Pick<BoardMeasureMeta, 'better'>) {
  return (a: BoardGroup, b: BoardGroup): number => {
    if (a.value === null || b.value === null) return Number(a.value === null) - Number(b.value === null) || a.label.localeCompare(b.label);
    const byValue = m.better === 'high' ? a.value - b.value : b.value - a.value;
    return byValue || b.shortfall - a.shortfall || a.label.localeCompare(b.label);
  };
}

function keyOf(level: GroupLevel, row: BoardRow, names: BoardNames): string {
  if (level === 'team') return row.teamId ?? '';
  if (level === 'worker') return row.workerId ?? '';
  return (row.teamId ? names.team(row.teamId)?.serviceArea : null) ?? '';
}

function labelOf(level: GroupLevel, key: string, names: BoardNames): { label: string; context: string | null } {
  if (key === '') return { label: level === 'worker' ? 'No allocated worker' : level === 'team' ? 'No team recorded' : 'No service recorded', context: null };
  if (level === 'service') return { label: names.serviceArea(key), context: null };
  if (level === 'team') return { label: names.team(key)?.name ?? `Team ${key}`, context: null };
  const w = names.worker(key);
  const team = w?.teamId ? (names.team(w.teamId)?.name ?? null) : null;
  return { label: w?.name ?? `Worker ${key}`, context: team };
}

/** The rows grouped at a level, worst first. Only groups with records in the denominator or numerator are listed. */
export function groups(m: BoardMeasureMeta, rows: readonly BoardRow[], level: GroupLevel, names: BoardNames, thresholds: RagThresholds | undefined): BoardGroup[] {
  const byKey = new Map<string, BoardRow[]>();
  for (const r of rows) {
    if (!r.inDenominator && !r.inNumerator) continue;
    const k = keyOf(level, r, names);
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  return [...byKey]
    .map(([key, list]) => ({ level, key, ...labelOf(level, key, names), ...groupFigure(m, list, thresholds) }))
    .sort(worstFirst(m));
}

/** The rows in a group (the records behind one line of the board). */
export function rowsInGroup(rows: readonly BoardRow[], level: GroupLevel, key: string, names: BoardNames): BoardRow[] {
  return rows.filter((r) => keyOf(level, r, names) === key);
}

export function boardMeasure(m: BoardMeasureMeta, rows: readonly BoardRow[], names: BoardNames, thresholds: RagThresholds | undefined, overallLabel: string): BoardMeasure {
  return {
    ...m,
    target: thresholds?.target ?? null,
    overall: { level: 'service', key: '*', label: overallLabel, context: null, ...groupFigure(m, rows, thresholds) },
    byService: groups(m, rows, 'service', names, thresholds),
    byTeam: groups(m, rows, 'team', names, thresholds),
    byWorker: groups(m, rows, 'worker', names, thresholds),
  };
}

const RAG_ORDER: Record<string, number> = { red: 0, amber: 1, green: 2 };

/** Measures worst first: red, then amber, then green, then without a target; within each, most shortfalls first. */
export function measuresWorstFirst(a: BoardMeasure, b: BoardMeasure): number {
  const ra = a.overall.rag === null ? 3 : RAG_ORDER[a.overall.rag]!;
  const rb = b.overall.rag === null ? 3 : RAG_ORDER[b.overall.rag]!;
  return ra - rb || b.overall.shortfall - a.overall.shortfall || (a.number ?? 99) - (b.number ?? 99);
}
