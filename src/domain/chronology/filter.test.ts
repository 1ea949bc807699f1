import { describe, expect, it } from 'vitest';
import type { ChronologyEntry } from './entries.js';
import { applyChronologyFilter, chronologyFilterQuery, describeChronologyFilter, NO_FILTER, parseChronologyFilter } from './filter.js';
import { KIND_IDS } from './kinds.js';

const entry = (key: string, kind: ChronologyEntry['kind'], date: string): ChronologyEntry => ({
  key, kind, entity: 'cin_visit', recordId: key, date, instant: null, title: key, details: [], by: null, recordedLater: null,
});
const entries = [
  entry('a', 'visit', '2026-02-28'), entry('b', 'visit', '2026-03-01'), entry('c', 'allocation', '2026-03-15'),
  entry('d', 'significant', '2026-03-31'), entry('e', 'visit', '2026-04-01'),
];
const keys = (q: Record<string, unknown>) => applyChronologyFilter(entries, parseChronologyFilter(q).filter).map((e) => e.key);

describe('filtering the chronology', () => {
  it('keeps entries on the first and last days of the period, and none outside it', () => {
    const period = { 'from-day': '1', 'from-month': '3', 'from-year': '2026', 'to-day': '31', 'to-month': '3', 'to-year': '2026' };
    expect(keys(period)).toEqual(['b', 'c', 'd']);
    expect(keys({ 'from-day': '1', 'from-month': '4', 'from-year': '2026' })).toEqual(['e']);
    expect(keys({ 'to-day': '28', 'to-month': '2', 'to-year': '2026' })).toEqual(['a']);
    expect(keys({ ...period, 'to-day': '1', 'to-month': '3' })).toEqual(['b']);
  });

  it('keeps the kinds chosen, ignoring unknown ones and repeats; all of them is no filter', () => {
    expect(keys({ type: ['visit', 'nonsense', 'visit'] })).toEqual(['a', 'b', 'e']);
    expect(keys({ type: 'allocation' })).toEqual(['c']);
    expect(parseChronologyFilter({ type: [...KIND_IDS] }).filter.kinds).toEqual([]);
    expect(parseChronologyFilter({ type: ['significant', 'visit'] }).filter.kinds).toEqual(['visit', 'significant']);
    expect(keys({ type: { evil: 'x' } })).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('says what is wrong with a date, and leaves a bad date out of the filter', () => {
    expect(parseChronologyFilter({ 'from-day': '31', 'from-month': '2', 'from-year': '2026' })).toMatchObject({
      filter: { from: null }, errors: { from: 'The date from must be a real date, for example 27 3 2026' },
    });
    expect(parseChronologyFilter({ 'to-month': '2', 'to-year': '2026' }).errors).toEqual({ to: 'The date to must include a day' });
    const reversed = parseChronologyFilter({ 'from-day': '2', 'from-month': '3', 'from-year': '2026', 'to-day': '1', 'to-month': '3', 'to-year': '2026' });
    expect(reversed.errors).toEqual({ to: 'The date to must be the same as or after the date from' });
    expect(reversed.filter).toEqual({ kinds: [], from: null, to: null });
    expect(reversed.values.from).toEqual({ day: '2', month: '3', year: '2026' });
  });

  it('describes the filter in words, and gives the same filter back from its query string', () => {
    expect(describeChronologyFilter(NO_FILTER)).toBe('Everything, at any time');
    const f = { kinds: ['visit' as const, 'allocation' as const, 'significant' as const], from: '2026-03-01', to: '2026-03-31' };
    expect(describeChronologyFilter(f)).toBe('Visits, Allocations and Significant events, from 1 March 2026 to 31 March 2026');
    expect(describeChronologyFilter({ kinds: [], from: null, to: '2026-03-31' })).toBe('Everything, up to 31 March 2026');
    const query = chronologyFilterQuery(f);
    expect(query).toBe('?type=visit&type=allocation&type=significant&from-day=1&from-month=3&from-year=2026&to-day=31&to-month=3&to-year=2026');
    const back = Object.fromEntries([...new URLSearchParams(query.slice(1)).keys()].map((k) => [k, new URLSearchParams(query.slice(1)).getAll(k)]));
    expect(parseChronologyFilter(back).filter).toEqual({ ...f, kinds: ['allocation', 'visit', 'significant'].sort((a, b) => KIND_IDS.indexOf(a as never) - KIND_IDS.indexOf(b as never)) });
    expect(chronologyFilterQuery(NO_FILTER)).toBe('');
  });
});
