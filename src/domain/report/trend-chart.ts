/**
 * A measure's 13-month trend for the monthly monitoring report: a line chart drawn as SVG on the server (no
 * script, no library), and a sentence saying in words what the chart shows ("Rising for 3 months in a row,
 * from 70.0% to 78.2% (improving); 4.2 points above the previous 3 months' average (74.0%); ...").
 *
 * The chart is an image to assistive technology (role="img", named by its <title>, described by its <desc>);
 * the page puts the sentence beside it and the figures in a table, so nothing is only in the picture.
 * Pure functions: no I/O.
 */
import { previousThreeMonthAverage, type Better } from '../dataset/trend.js';

export interface TrendPoint {
  /** 'YYYY-MM'. */
  month: string;
  /** "November 2025". */
  label: string;
  value: number | null;
}

export interface TrendSeries {
  /** Makes the chart's element ids unique on a page (a measure id). */
  id: string;
  title: string;
  /** 'percent', 'rate per 10,000', 'count', 'caseload'. */
  unit: string;
  better: Better;
  /** Decimal places the figures are shown to. */
  decimals: number;
  /** Oldest first; the last is the month reported. */
  points: readonly TrendPoint[];
  target: number | null;
}

/** A published comparator beside the latest figure, and how the latest figure compares with it. */
export interface TrendComparator {
  label: string;
  value: number | null;
  judgement: 'better' | 'worse' | 'same' | null;
}

/** A figure as the dataset shows it: "78.2%", "69.2", "18.83", "17". */
export function formatValue(value: number, unit: string, decimals: number): string {
  const fixed = value.toFixed(decimals);
  return unit === 'percent' ? `${fixed}%` : fixed;
}

/** "points" after a difference of percentages (percentage points); nothing after other differences. */
function differenceWords(diff: number, unit: string, decimals: number): string {
  const size = Math.abs(diff).toFixed(decimals);
  if (unit === 'percent') return `${size} ${size === '1' || size === '1.0' ? 'point' : 'points'}`;
  return size;
}

/** Rounds to the decimals shown, so that what the sentence says agrees with the figures on the page. */
function rounded(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

// --- The sentence --------------------------------------------------------------------------------

/**
 * The latest month's movement: the run of rises or falls ending with it (how many months, from what to
 * what), or that it is unchanged, or that there is nothing to compare with.
 */
export function runPhrase(series: TrendSeries): string {
  const values = series.points.map((p) => p.value);
  const fmt = (v: number) => formatValue(v, series.unit, series.decimals);
  const n = values.length;
  const latest = values[n - 1];
  if (latest === null || latest === undefined) return `no figure for ${series.points[n - 1]?.label ?? 'the month'}`;
  const previous = values[n - 2];
  if (previous === null || previous === undefined) return `${fmt(latest)}, with no figure for the month before to compare with`;
  const sign = Math.sign(rounded(latest - previous, series.decimals));
  if (sign === 0) return `unchanged from last month at ${fmt(latest)}`;
  let run = 1;
  for (let i = n - 2; i >= 1; i--) {
    const a = values[i - 1];
    const b = values[i];
    if (a === null || a === undefined || b === null || b === undefined || Math.sign(rounded(b - a, series.decimals)) !== sign) break;
    run++;
  }
  const start = values[n - 1 - run] as number;
  const improving = (sign > 0) === (series.better === 'high');
  const verb = run === 1 ? (sign > 0 ? 'up on last month' : 'down on last month') : `${sign > 0 ? 'rising' : 'falling'} for ${run} months in a row`;
  return `${verb}, from ${fmt(start)} to ${fmt(latest)} (${improving ? 'improving' : 'getting worse'})`;
}

/** The latest figure against the average of the three months before it. */
export function averagePhrase(series: TrendSeries): string | null {
  const values = series.points.map((p) => p.value);
  const latest = values[values.length - 1];
  const avg = previousThreeMonthAverage(values);
  if (latest === null || latest === undefined || avg === null) return null;
  const avgShown = rounded(avg, series.decimals);
  const diff = rounded(latest - avgShown, series.decimals);
  const average = `the previous 3 months' average (${formatValue(avgShown, series.unit, series.decimals)})`;
  if (diff === 0) return `in line with ${average}`;
  return `${differenceWords(diff, series.unit, series.decimals)} ${diff > 0 ? 'above' : 'below'} ${average}`;
}

/** The latest figure against the target, if there is one. */
export function targetPhrase(series: TrendSeries): string | null {
  const latest = series.points[series.points.length - 1]?.value ?? null;
  if (latest === null || series.target === null) return null;
  const target = formatValue(series.target, series.unit, series.decimals);
  const diff = rounded(latest - series.target, series.decimals);
  const met = series.better === 'high' ? diff >= 0 : diff <= 0;
  if (met) return `meeting the target of ${target}`;
  return `not meeting the target of ${target} (${differenceWords(diff, series.unit, series.decimals)} ${diff > 0 ? 'above' : 'below'})`;
}

function comparatorName(label: string): string {
  if (label === 'England') return 'England';
  if (label === 'Region') return 'the region';
  if (label === 'Statistical neighbour average') return 'statistical neighbours';
  return label;
}

/** The latest figure against England and statistical neighbours (where DfE publishes them). */
export function comparatorPhrases(series: TrendSeries, comparators: readonly TrendComparator[]): string[] {
  const wanted = ['England', 'Statistical neighbour average'];
  return wanted.flatMap((label) => {
    const c = comparators.find((x) => x.label === label);
    if (!c || c.value === null || c.judgement === null) return [];
    const shown = formatValue(c.value, series.unit, series.decimals);
    const name = comparatorName(c.label);
    return [c.judgement === 'same' ? `in line with ${name} (${shown})` : `${c.judgement} than ${name} (${shown})`];
  });
}

/** One sentence stating the trend, the average, the target and the comparators. */
export function trendSentence(series: TrendSeries, comparators: readonly TrendComparator[] = []): string {
  const parts = [runPhrase(series), averagePhrase(series), targetPhrase(series), ...comparatorPhrases(series, comparators)]
    .filter((p): p is string => p !== null);
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

// --- The chart -----------------------------------------------------------------------------------

/** Escapes text for SVG (XML) content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** 1, 2, 2.5 or 5 times a power of ten, near `x` (rounding, or the next one up). */
function niceNumber(x: number, round: boolean): number {
  const exp = Math.floor(Math.log10(x));
  const f = x / 10 ** exp;
  const nice = round ? (f < 1.5 ? 1 : f < 2.25 ? 2 : f < 3.5 ? 2.5 : f < 7.5 ? 5 : 10) : f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * 10 ** exp;
}

export interface Scale {
  lo: number;
  hi: number;
  step: number;
  ticks: number[];
}

/**
 * The value axis: round numbers from at or below the lowest value to at or above the highest, about five
 * ticks. Never below 0 (no measure is negative) nor, for percentages, above 100.
 */
export function valueScale(values: readonly number[], unit: string): Scale {
  let min = values.length ? Math.min(...values) : 0;
  let max = values.length ? Math.max(...values) : 1;
  const span = max - min;
  const pad = span > 0 ? span * 0.15 : Math.max(Math.abs(max) * 0.1, 1);
  min = Math.max(0, min - pad);
  max = max + pad;
  if (unit === 'percent') max = Math.min(100, max);
  if (max <= min) max = min + 1;
  const step = niceNumber(niceNumber(max - min, false) / 4, true);
  const lo = Math.floor(min / step + 1e-9) * step;
  let hi = Math.ceil(max / step - 1e-9) * step;
  if (unit === 'percent' && hi > 100) hi = 100;
  if (hi <= lo) hi = lo + step;
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step * 1e-6; t += step) ticks.push(Number(t.toFixed(10)));
  return { lo, hi, step, ticks };
}

const WIDTH = 640;
const HEIGHT = 270;
const MARGIN = { left: 58, right: 92, top: 30, bottom: 46 };
const INK = '#0b0c0c';
const SECONDARY = '#505a5f';
const GRID = '#cecece';
const LINE = '#1d70b8';
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What the value axis measures, shown above it. */
function axisTitle(unit: string): string {
  if (unit === 'percent') return 'Per cent';
  if (unit === 'rate per 10,000') return 'Rate per 10,000 children';
  if (unit === 'caseload') return 'Cases per worker';
  return 'Number';
}

function tickLabel(value: number, unit: string, step: number): string {
  let decimals = 0;
  while (decimals < 3 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6) decimals++;
  const text = value.toFixed(decimals);
  return unit === 'percent' ? `${text}%` : text;
}

function n(x: number): string {
  return Number(x.toFixed(1)).toString();
}

/**
 * The trend as an SVG line chart: value axis with round ticks and grid lines, a month axis (the year under
 * the first month and each January), the figures as a line with points (broken where a month has no
 * figure), the latest figure labelled, and the target as a dashed line labelled at the right.
 */
export function trendChartSvg(series: TrendSeries): string {
  const ids = { title: `chart-${series.id}-title`, desc: `chart-${series.id}-desc` };
  const known = series.points.filter((p): p is TrendPoint & { value: number } => p.value !== null);
  const scale = valueScale([...known.map((p) => p.value), ...(series.target !== null ? [series.target] : [])], series.unit);
  const plot = { x0: MARGIN.left, x1: WIDTH - MARGIN.right, y0: MARGIN.top, y1: HEIGHT - MARGIN.bottom };
  const count = Math.max(1, series.points.length);
  const stepX = (plot.x1 - plot.x0) / count;
  const x = (i: number) => plot.x0 + stepX * (i + 0.5);
  const y = (v: number) => plot.y1 - ((v - scale.lo) / (scale.hi - scale.lo)) * (plot.y1 - plot.y0);
  const fmt = (v: number) => formatValue(v, series.unit, series.decimals);
  const first = series.points[0];
  const last = series.points[series.points.length - 1];
  const title = `${series.title}: ${first && last ? `${first.label} to ${last.label}` : 'no months'}`;

  let desc: string;
  if (!known.length) desc = 'No figures for these months.';
  else {
    const lowest = known.reduce((a, b) => (b.value < a.value ? b : a));
    const highest = known.reduce((a, b) => (b.value > a.value ? b : a));
    desc = `Line chart of ${known.length} monthly figures, lowest ${fmt(lowest.value)} (${lowest.label}), highest ${fmt(highest.value)} (${highest.label})` +
      `${last?.value !== null && last ? `, latest ${fmt(last.value as number)} (${last.label})` : ''}` +
      `${series.target !== null ? `; the target is ${fmt(series.target)}` : ''}. The figures are in the table below the chart.`;
  }

  const out: string[] = [];
  out.push(
    `<svg class="app-trend-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" ` +
      `role="img" aria-labelledby="${ids.title} ${ids.desc}" focusable="false">`,
    `<title id="${ids.title}">${escapeXml(title)}</title>`,
    `<desc id="${ids.desc}">${escapeXml(desc)}</desc>`,
  );
  // Value axis: title, grid lines and tick labels.
  out.push(`<text x="${plot.x0 - 8}" y="${MARGIN.top - 14}" font-size="13" fill="${SECONDARY}" text-anchor="start">${escapeXml(axisTitle(series.unit))}</text>`);
  for (const t of scale.ticks) {
    const ty = n(y(t));
    out.push(`<line x1="${plot.x0}" x2="${plot.x1}" y1="${ty}" y2="${ty}" stroke="${GRID}" stroke-width="1"/>`);
    out.push(`<text x="${plot.x0 - 8}" y="${ty}" dy="0.35em" font-size="13" fill="${SECONDARY}" text-anchor="end">${escapeXml(tickLabel(t, series.unit, scale.step))}</text>`);
  }
  // Axes.
  out.push(`<line x1="${plot.x0}" x2="${plot.x0}" y1="${plot.y0}" y2="${plot.y1}" stroke="${INK}" stroke-width="1"/>`);
  out.push(`<line x1="${plot.x0}" x2="${plot.x1}" y1="${plot.y1}" y2="${plot.y1}" stroke="${INK}" stroke-width="1"/>`);
  // Month axis: a tick and a short name per month, the year under the first month and each January.
  series.points.forEach((p, i) => {
    const mx = n(x(i));
    const monthNumber = Number(p.month.slice(5, 7));
    out.push(`<line x1="${mx}" x2="${mx}" y1="${plot.y1}" y2="${plot.y1 + 5}" stroke="${INK}" stroke-width="1"/>`);
    out.push(`<text x="${mx}" y="${plot.y1 + 19}" font-size="13" fill="${INK}" text-anchor="middle">${SHORT_MONTHS[monthNumber - 1] ?? ''}</text>`);
    if (i === 0 || monthNumber === 1) {
      out.push(`<text x="${mx}" y="${plot.y1 + 36}" font-size="13" fill="${SECONDARY}" text-anchor="middle">${p.month.slice(0, 4)}</text>`);
    }
  });
  // Target: a dashed line, labelled in the right margin.
  if (series.target !== null) {
    const ty = n(y(series.target));
    out.push(`<line class="app-trend-chart__target" x1="${plot.x0}" x2="${plot.x1}" y1="${ty}" y2="${ty}" stroke="${INK}" stroke-width="2" stroke-dasharray="8 5"/>`);
    out.push(`<text x="${plot.x1 + 8}" y="${ty}" dy="-0.2em" font-size="13" fill="${INK}">Target</text>`);
    out.push(`<text x="${plot.x1 + 8}" y="${ty}" dy="1em" font-size="13" font-weight="bold" fill="${INK}">${escapeXml(fmt(series.target))}</text>`);
  }
  // The figures: line segments between consecutive months that both have one, then the points.
  let segment: string[] = [];
  const segments: string[][] = [];
  series.points.forEach((p, i) => {
    if (p.value === null) {
      if (segment.length) segments.push(segment);
      segment = [];
    } else segment.push(`${n(x(i))},${n(y(p.value))}`);
  });
  if (segment.length) segments.push(segment);
  for (const s of segments) {
    if (s.length > 1) out.push(`<polyline class="app-trend-chart__line" points="${s.join(' ')}" fill="none" stroke="${LINE}" stroke-width="3" stroke-linejoin="round"/>`);
  }
  series.points.forEach((p, i) => {
    if (p.value === null) return;
    const isLast = i === series.points.length - 1;
    out.push(`<circle cx="${n(x(i))}" cy="${n(y(p.value))}" r="${isLast ? 6 : 4}" fill="${isLast ? INK : LINE}" stroke="#ffffff" stroke-width="1.5"/>`);
  });
  if (last && last.value !== null) {
    // The latest figure, labelled above its point (below it when the point is near the top).
    const lx = x(series.points.length - 1);
    const ly = y(last.value);
    const above = ly - plot.y0 > 24;
    out.push(`<text x="${n(lx)}" y="${n(above ? ly - 12 : ly + 24)}" font-size="14" font-weight="bold" fill="${INK}" text-anchor="middle">${escapeXml(fmt(last.value))}</text>`);
  }
  if (!known.length) {
    out.push(`<text x="${n((plot.x0 + plot.x1) / 2)}" y="${n((plot.y0 + plot.y1) / 2)}" font-size="16" fill="${INK}" text-anchor="middle">No figures for these months</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
