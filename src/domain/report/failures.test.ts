import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FAILURE_THRESHOLDS, failureThresholdsProblem, performanceFailure, performanceFailures, readFailureThresholds, redRun, thresholdFor, thresholdWords,
  type MeasureSeries,
} from './failures.js';

/** A "higher is better" percentage measure with target 90 and amber within 10: below 80 is red. */
function series(values: Record<string, number | null>, id = 'm10-cin-visits-20wd', number: number | null = 10): MeasureSeries {
  return {
    id, number, title: `Measure ${id}`, better: 'high', thresholds: { target: 90, amberWithin: 10 },
    months: Object.entries(values).map(([month, value]) => ({ month, value, display: value === null ? 'no data' : `${value}%` })),
  };
}

const three = { defaultConsecutiveRed: 3, measures: {} };

describe('performance failures: red for N consecutive months', () => {
  it('counts a run across the year end', () => {
    const s = series({ '2026-10': 85, '2026-11': 70, '2026-12': 60, '2027-01': 75 });
    expect(redRun(s, '2027-01').map((r) => r.month)).toEqual(['2026-11', '2026-12', '2027-01']);
    const f = performanceFailure(s, '2027-01', three)!;
    expect(f.since).toBe('2026-11');
    expect(f.threshold).toBe(3);
    expect(f.latest).toBe('75%');
    expect(f.run.map((r) => r.label)).toEqual(['November 2026', 'December 2026', 'January 2027']);
  });

  it('is not a failure one month short of the threshold, and is at exactly the threshold', () => {
    const s = series({ '2026-11': 85, '2026-12': 60, '2027-01': 75 });
    expect(performanceFailure(s, '2027-01', three)).toBeNull();
    expect(performanceFailure(s, '2027-01', { defaultConsecutiveRed: 2, measures: {} })).not.toBeNull();
  });

  it('ends the run at an amber month, a month without a figure, and a month missing from the series', () => {
    expect(redRun(series({ '2026-11': 70, '2026-12': 80, '2027-01': 70 }), '2027-01')).toHaveLength(1); // 80 is amber (within 10)
    expect(redRun(series({ '2026-11': 70, '2026-12': null, '2027-01': 70 }), '2027-01')).toHaveLength(1);
    expect(redRun(series({ '2026-10': 70, '2026-11': 70, '2027-01': 70 }), '2027-01')).toHaveLength(1);
  });

  it('finds nothing in an empty month, or when the report month itself is not red', () => {
    expect(redRun(series({}), '2027-01')).toEqual([]);
    expect(performanceFailures([series({})], '2027-01', { defaultConsecutiveRed: 1, measures: {} })).toEqual([]);
    expect(performanceFailure(series({ '2026-11': 10, '2026-12': 10, '2027-01': 95 }), '2027-01', three)).toBeNull();
  });

  it('never lists a measure without a target', () => {
    const s = { ...series({ '2026-12': 1, '2027-01': 1 }), thresholds: undefined };
    expect(performanceFailure(s, '2027-01', { defaultConsecutiveRed: 1, measures: {} })).toBeNull();
  });

  it('judges "lower is better" measures the other way', () => {
    const s: MeasureSeries = { ...series({ '2026-12': 30, '2027-01': 31 }), better: 'low', thresholds: { target: 15, amberWithin: 5 } };
    expect(performanceFailure(s, '2027-01', { defaultConsecutiveRed: 2, measures: {} })?.run).toHaveLength(2);
  });

  it('uses a measure’s own threshold, or never', () => {
    const t = { defaultConsecutiveRed: 3, measures: { a: 1, b: null } };
    expect(thresholdFor(t, 'a')).toBe(1);
    expect(thresholdFor(t, 'b')).toBeNull();
    expect(thresholdFor(t, 'c')).toBe(3);
    const red = { '2027-01': 10 };
    const list = performanceFailures([series(red, 'b', 2), series(red, 'a', 5), series(red, 'c', 1)], '2027-01', t);
    expect(list.map((f) => f.measureId)).toEqual(['a']);
    expect(thresholdWords(1)).toBe('red in the month');
    expect(thresholdWords(3)).toBe('red for 3 consecutive months');
    expect(thresholdWords(null)).toBe('never a performance failure');
  });

  it('lists contract measures in their order, then national measures by title', () => {
    const red = { '2027-01': 10 };
    const t = { defaultConsecutiveRed: 1, measures: {} };
    const list = performanceFailures([series(red, 'z', null), series(red, 'm12', 12), series(red, 'm03', 3)], '2027-01', t);
    expect(list.map((f) => f.measureId)).toEqual(['m03', 'm12', 'z']);
  });
});

describe('failure thresholds as a setting', () => {
  it('accepts whole months from 1 to 12 and null for never', () => {
    expect(failureThresholdsProblem({ defaultConsecutiveRed: 3, measures: { a: 1, b: null, c: 12 } })).toBeNull();
    expect(failureThresholdsProblem({ defaultConsecutiveRed: 3 })).toBeNull();
  });

  it('refuses anything else, in plain words', () => {
    expect(failureThresholdsProblem(null)).toMatch(/must be an object/);
    expect(failureThresholdsProblem({ defaultConsecutiveRed: 0 })).toMatch(/from 1 to 12/);
    expect(failureThresholdsProblem({ defaultConsecutiveRed: 13 })).toMatch(/from 1 to 12/);
    expect(failureThresholdsProblem({ defaultConsecutiveRed: 2.5 })).toMatch(/whole number/);
    expect(failureThresholdsProblem({ defaultConsecutiveRed: 3, measures: { a: 0 } })).toMatch(/measures\["a"\]/);
    expect(failureThresholdsProblem({ defaultConsecutiveRed: 3, extra: 1 })).toMatch(/no setting "extra"/);
  });

  it('reads a stored value, or the defaults when none is stored or it is not valid', () => {
    expect(readFailureThresholds(undefined)).toEqual(DEFAULT_FAILURE_THRESHOLDS);
    expect(readFailureThresholds({ defaultConsecutiveRed: 99 })).toEqual(DEFAULT_FAILURE_THRESHOLDS);
    expect(readFailureThresholds({ defaultConsecutiveRed: 2, measures: { a: null } })).toEqual({ defaultConsecutiveRed: 2, measures: { a: null } });
  });
});
