import { describe, expect, it } from 'vitest';
import { computeMeasure, computeMeasures } from './compute.js';
import { measureContext } from './context.js';
import { m02CpRate } from './definitions/m02-cp-rate.js';
import { m06CpVisits10wd } from './definitions/m06-cp-visits-10wd.js';
import { m15AuditsRiOrBetter } from './definitions/m15-audits-ri-or-better.js';
import { measureById, measureByNumber, measures } from './registry.js';
import { monthsEnding } from './period.js';
import { allocation, audit, compute, cpPlan, inputsOf, population, staffed, times, visit } from './test-support.js';

describe('the registry', () => {
  it('lists the 15 contract measures in order, then the 5 national ones, with unique ids', () => {
    expect(measures).toHaveLength(20);
    expect(measures.slice(0, 15).map((m) => m.number)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(measures.slice(15).every((m) => m.number === null)).toBe(true);
    expect(new Set(measures.map((m) => m.id)).size).toBe(20);
    expect(measureById('m06-cp-visits-10wd')).toBe(m06CpVisits10wd);
    expect(measureByNumber(15)).toBe(m15AuditsRiOrBetter);
    expect(() => measureById('nope')).toThrow(RangeError);
    expect(() => measureByNumber(16)).toThrow(RangeError);
  });

  it('decimals follow the unit: 1 for percentages and rates, 2 for caseload, 0 for counts', () => {
    const expected = { percent: 1, 'rate per 10,000': 1, caseload: 2, count: 0 };
    for (const m of measures) expect(m.decimals, m.id).toBe(expected[m.unit]);
  });
});

describe('empty denominators are "no data", not 0% or 100%', () => {
  it('every measure on empty inputs', () => {
    const ctx = measureContext(inputsOf());
    for (const def of measures) {
      const value = computeMeasure(def, ctx, '2025-03');
      expect(value, def.id).toMatchObject({ value: null, display: 'no data', numerator: 0 });
    }
  });

  it('a rate with children but no population configured is no data, with the count still reported', () => {
    const { value } = compute(m02CpRate, inputsOf(cpPlan('P1', 'C1', '2025-01-06')), '2025-03');
    expect(value).toMatchObject({ value: null, display: 'no data', numerator: 1, denominator: null });
    expect(value.notes.join(' ')).toMatch(/No population estimate/);
  });

  it('0 of n is 0.0%, not no data', () => {
    const { value } = compute(m15AuditsRiOrBetter, inputsOf(audit('A1', null, '2025-03-10', 'I')), '2025-03');
    expect(value.display).toBe('0.0%');
  });
});

describe('rounding through computeMeasure', () => {
  it('1 of 16 audits is 6.3%', () => {
    const inputs = inputsOf(times(16, (i) => audit(`A${i}`, `C${i}`, '2025-03-10', i === 1 ? 'G' : 'I')));
    expect(compute(m15AuditsRiOrBetter, inputs, '2025-03').value).toMatchObject({ value: 6.3, display: '6.3%', numerator: 1, denominator: 16 });
  });

  it('a rate of exactly 0.65 per 10,000 is 0.7', () => {
    const inputs = inputsOf(population(2024, 200_000), times(13, (i) => cpPlan(`P${i}`, `C${i}`, '2025-01-06')));
    expect(compute(m02CpRate, inputs, '2025-03').value).toMatchObject({ value: 0.7, display: '0.7', numerator: 13, denominator: 200_000 });
  });

  it('a caseload of 201 children over 200 FTE is 1.01', () => {
    const inputs = inputsOf(
      times(200, (i) => staffed(`W${i}`, `Worker ${i}`, 'T1')),
      times(201, (i) => allocation(`C${i}`, `W${Math.min(i, 200)}`, '2025-01-06')),
    );
    const { value } = compute(measureById('m14-average-caseload'), inputs, '2025-03');
    expect(value).toMatchObject({ display: '1.01', numerator: 201, denominator: 200 });
  });
});

describe('known at', () => {
  const inputs = () => inputsOf(cpPlan('P1', 'C1', '2025-01-06'), cpPlan('P2', 'C2', '2025-01-06'), visit('C1', '2025-03-25'));

  it('the knownAt instant itself changes nothing: the inputs are already filtered', () => {
    const a = inputs();
    const b = { ...inputs(), knownAt: Date.UTC(2025, 3, 1) };
    for (const def of measures) {
      const [x, y] = [computeMeasure(def, measureContext(a), '2025-03'), computeMeasure(def, measureContext(b), '2025-03')];
      expect(JSON.stringify(y), def.id).toBe(JSON.stringify(x));
    }
  });

  it('a visit recorded late is simply absent from the earlier inputs, and the figure is what it was then', () => {
    const now = inputs();
    const then = { ...now, visits: [] };
    expect(computeMeasure(m06CpVisits10wd, measureContext(now), '2025-03').display).toBe('50.0%');
    expect(computeMeasure(m06CpVisits10wd, measureContext(then), '2025-03').display).toBe('0.0%');
  });
});

describe('a series', () => {
  it('computes every measure for 13 months, measures outermost', () => {
    const months = monthsEnding('2025-03', 13);
    const values = computeMeasures(measures, measureContext(inputsOf(cpPlan('P1', 'C1', '2024-01-08'))), months);
    expect(values).toHaveLength(20 * 13);
    expect(values.slice(0, 13).map((v) => v.month)).toEqual(months);
    expect(values[13 * 6]?.measureId).toBe('m07-cp-reviews');
  });
});

describe('drill-down rows', () => {
  it('carry their team and explanation lazily, and include both in JSON', () => {
    const { rows } = compute(
      m06CpVisits10wd,
      inputsOf(cpPlan('P1', 'C1', '2025-01-06', null, 'PLAN-TEAM'), staffed('W1', 'Ann', 'T1'), allocation('C1', 'W1', '2025-01-06', null, 'CH', 'NORTH')),
      '2025-03',
    );
    const row = rows[0];
    expect(row?.teamId).toBe('NORTH');
    expect(JSON.parse(JSON.stringify(row))).toEqual({
      personId: 'C1', recordId: 'P1', teamId: 'NORTH', inNumerator: false, inDenominator: true,
      dates: { planStart: '2025-01-06', lastSeen: null, due: '2025-01-20' },
      explanation: 'not seen since the plan started 6 Jan; visit due 20 Jan, not seen: 50 working days overdue',
    });
  });

  it('are the same on every read, in a stable order', () => {
    const inputs = inputsOf(cpPlan('P2', 'C2', '2025-01-06'), cpPlan('P1', 'C1', '2025-02-03'), cpPlan('P3', 'C1', '2024-01-08', '2024-06-01'));
    const ctx = measureContext(inputs);
    const ids = () => [...m06CpVisits10wd.rows(ctx, '2025-03')].map((r) => r.recordId);
    expect(ids()).toEqual(['P1', 'P2']);
    expect(ids()).toEqual(ids());
  });
});
