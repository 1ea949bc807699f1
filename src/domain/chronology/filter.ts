/**
 * Filtering a chronology by kind of entry and by period, from the GET parameters of the filter form (so it
 * works without JavaScript, and the same address gives the same PDF): `type` (repeated), and the dates
 * `from-day`, `from-month`, `from-year`, `to-day`, `to-month`, `to-year`. Pure.
 */
import { isoDateOf, longDate } from '../time/london.js';
import type { ChronologyEntry } from './entries.js';
import { CHRONOLOGY_KINDS, isChronologyKind, KIND_IDS, type ChronologyKind } from './kinds.js';

export interface ChronologyFilter {
  /** The kinds to show; empty means every kind. */
  kinds: ChronologyKind[];
  /** First and last London dates to show (inclusive), or null. */
  from: string | null;
  to: string | null;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export interface ParsedFilter {
  filter: ChronologyFilter;
  /** What was typed, to show again in the form. */
  values: { kinds: ChronologyKind[]; from: DateParts; to: DateParts };
  /** Field ('from' or 'to') → message; the filter leaves out a date with a problem. */
  errors: Record<string, string>;
}

export const NO_FILTER: ChronologyFilter = Object.freeze({ kinds: [], from: null, to: null }) as ChronologyFilter;

type Query = Readonly<Record<string, unknown>>;

const one = (q: Query, name: string): string => {
  const v = q[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim() : '';
};

const many = (q: Query, name: string): string[] => {
  const v = q[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' && v !== '' ? [v] : [];
};

/**
 * A date from day, month and year fields, as the GOV.UK pattern asks: null if all are empty; otherwise the
 * date, or what is wrong with it in words ("… must include a year", "… must be a real date").
 */
export function dateFromParts(parts: DateParts, name: string): { date: string | null; error: string | null } {
  const { day, month, year } = parts;
  if (!day && !month && !year) return { date: null, error: null };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean) as string[];
  if (missing.length > 0) return { date: null, error: `${name} must include a ${missing.join(' and a ')}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { date: null, error: `${name} must be a real date, for example 27 3 2026` };
  }
  const y = Number(year);
  const m = Number(month);
  const dd = Number(day);
  const check = new Date(Date.UTC(y, m - 1, dd));
  if (m < 1 || m > 12 || dd < 1 || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== dd || y < 1900) {
    return { date: null, error: `${name} must be a real date, for example 27 3 2026` };
  }
  return { date: isoDateOf(y, m, dd), error: null };
}

/** Reads the filter from the query string. */
export function parseChronologyFilter(q: Query): ParsedFilter {
  const kinds = [...new Set(many(q, 'type').filter(isChronologyKind))].sort((a, b) => KIND_IDS.indexOf(a) - KIND_IDS.indexOf(b));
  const parts = (p: string): DateParts => ({ day: one(q, `${p}-day`), month: one(q, `${p}-month`), year: one(q, `${p}-year`) });
  const fromParts = parts('from');
  const toParts = parts('to');
  const errors: Record<string, string> = {};
  const from = dateFromParts(fromParts, 'The date from');
  const to = dateFromParts(toParts, 'The date to');
  if (from.error) errors.from = from.error;
  if (to.error) errors.to = to.error;
  let fromDate = from.date;
  let toDate = to.date;
  if (fromDate && toDate && fromDate > toDate) {
    errors.to = 'The date to must be the same as or after the date from';
    toDate = null;
    fromDate = null;
  }
  return { filter: { kinds: kinds.length === KIND_IDS.length ? [] : kinds, from: fromDate, to: toDate }, values: { kinds, from: fromParts, to: toParts }, errors };
}

/** The entries the filter lets through (order kept). */
export function applyChronologyFilter(entries: readonly ChronologyEntry[], filter: ChronologyFilter): ChronologyEntry[] {
  const kinds = filter.kinds.length > 0 ? new Set(filter.kinds) : null;
  return entries.filter((e) => (kinds === null || kinds.has(e.kind)) && (filter.from === null || e.date >= filter.from) && (filter.to === null || e.date <= filter.to));
}

/** The filter in words, for the page, the PDF and the access log: "Visits and Allocations, from 1 March 2026". */
export function describeChronologyFilter(filter: ChronologyFilter): string {
  const what = filter.kinds.length === 0 ? 'Everything' : listInWords(filter.kinds.map((k) => CHRONOLOGY_KINDS[k]));
  const when = filter.from && filter.to
    ? `from ${longDate(filter.from)} to ${longDate(filter.to)}`
    : filter.from ? `from ${longDate(filter.from)}` : filter.to ? `up to ${longDate(filter.to)}` : 'at any time';
  return `${what}, ${when}`;
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The query string for a filter ('' when there is none), for links to the same view and its PDF. */
export function chronologyFilterQuery(filter: ChronologyFilter): string {
  const p = new URLSearchParams();
  for (const k of filter.kinds) p.append('type', k);
  const put = (prefix: string, date: string | null) => {
    if (!date) return;
    p.append(`${prefix}-day`, String(Number(date.slice(8, 10))));
    p.append(`${prefix}-month`, String(Number(date.slice(5, 7))));
    p.append(`${prefix}-year`, date.slice(0, 4));
  };
  put('from', filter.from);
  put('to', filter.to);
  const s = p.toString();
  return s ? `?${s}` : '';
}
